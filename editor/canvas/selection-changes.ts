/** The selection after React Flow's select changes: kept in the document store, in document order (entry first). */
import type { NodeSelectionChange } from '@xyflow/react';
import type { JourneyDocument } from '../../dsl/schema/document.ts';
import { ENTRY_NODE_ID } from '../flow/document-edits.ts';

/**
 * Applies select changes (a click, shift-click, box selection or a click on the pane) to a selection. Returns the
 * same array when nothing changed, so that the store is not told.
 *
 * @example
 * selectionAfter(['welcome'], [{ type: 'select', id: 'wait', selected: true }], doc); // ['welcome', 'wait'] in document order
 */
export function selectionAfter(selection: readonly string[], picks: readonly NodeSelectionChange[], doc: JourneyDocument): readonly string[] {
  const chosen = new Set(selection);
  for (const pick of picks) {
    if (pick.selected) chosen.add(pick.id);
    else chosen.delete(pick.id);
  }
  const ids = [ENTRY_NODE_ID, ...doc.nodes.map((n) => n.id)].filter((id) => chosen.has(id));
  return ids.length === selection.length && ids.every((id, i) => selection[i] === id) ? selection : ids;
}
