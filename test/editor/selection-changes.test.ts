/** Selection from React Flow's select changes: kept in document order, unchanged selections keep their array. */
import { describe, expect, it } from 'vitest';
import { selectionAfter } from '../../editor/canvas/selection-changes.ts';
import { ENTRY_NODE_ID } from '../../editor/flow/document-edits.ts';
import { sampleJourney } from './sample-journey.ts';

describe('selectionAfter', () => {
  const doc = sampleJourney();

  it('a click on a card replaces the selection', () => {
    expect(selectionAfter(['wait'], [{ type: 'select', id: 'check', selected: true }, { type: 'select', id: 'wait', selected: false }], doc)).toEqual(['check']);
  });

  it('adding to the selection keeps document order, entry first', () => {
    expect(selectionAfter(['welcome'], [{ type: 'select', id: 'start', selected: true }, { type: 'select', id: ENTRY_NODE_ID, selected: true }], doc)).toEqual([ENTRY_NODE_ID, 'start', 'welcome']);
  });

  it('a click on the pane clears it; nothing changed gives the same array back', () => {
    const selection = ['check'];
    expect(selectionAfter(selection, [{ type: 'select', id: 'check', selected: false }], doc)).toEqual([]);
    expect(selectionAfter(selection, [{ type: 'select', id: 'check', selected: true }], doc)).toBe(selection);
  });
});
