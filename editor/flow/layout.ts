/** Node positions: card geometry, elkjs auto-layout for whole documents (loaded on demand), and quick placement of nodes that arrive without one. */
import { nodeEdges, type JourneyNode } from '../../dsl/nodes/index.ts';
import type { JourneyDocument } from '../../dsl/schema/document.ts';
import { ENTRY_NODE_ID, type XY } from './document-edits.ts';

export const NODE_WIDTH = 232;

export interface AutoLayoutOptions {
  /** Fold long flows into rows, for a preview that shows the whole journey in one box. */
  overview?: boolean;
}

/** Card geometry as styles.css draws it (measured in Chromium): the head and summary, then one 22px row per labelled exit. */
const BODY_HEIGHT = 74;
const EXITS_TOP = 76;
const EXIT_ROW = 22;
/** The drawn size of a connection handle (`.react-flow__handle`). */
export const HANDLE_SIZE = 10;

/** The card height the canvas draws for a node (it grows with the number of labelled exits). */
export function nodeHeight(node: JourneyNode | undefined): number {
  const exits = node ? nodeEdges(node).length : 1;
  return exits <= 1 ? BODY_HEIGHT : EXITS_TOP + exits * EXIT_ROW + 3;
}

/** Where on the card's right side the handle of exit `index` sits (a single exit leaves from the middle). */
export function exitHandleY(node: JourneyNode | undefined, index: number): number {
  const exits = node ? nodeEdges(node).length : 1;
  return exits <= 1 ? BODY_HEIGHT / 2 : EXITS_TOP + index * EXIT_ROW + EXIT_ROW / 2;
}

/**
 * Lays the whole journey out left to right with elkjs (layered), entry first; `overview` folds long flows into
 * rows for previews that show everything at once. In the browser elk runs in a worker (a 500-node journey keeps
 * it busy for a second or more) and its code loads only when a layout is asked for; elsewhere (tests) it runs here.
 *
 * @example
 * const layout = await autoLayout(doc);
 * layout.$entry; // { x: 0, y: … }
 */
export async function autoLayout(doc: JourneyDocument, options: AutoLayoutOptions = {}): Promise<Record<string, XY>> {
  if (typeof window !== 'undefined' && typeof Worker !== 'undefined') return (await import('./layout-worker-client.ts')).layoutInWorker(doc, options);
  return (await import('./elk-layout.ts')).elkLayout(doc, options);
}

/**
 * Positions for every node (and the entry), reusing the document's layout and placing the rest to the right of
 * whichever positioned node leads to them (text edits add nodes without positions).
 *
 * @example
 * placeNodes(doc).send_coupon; // { x, y }
 */
export function placeNodes(doc: JourneyDocument): Record<string, XY> {
  const placed: Record<string, XY> = { ...(doc.layout ?? {}) };
  const first = placed[doc.entry.next];
  placed[ENTRY_NODE_ID] = first ? { x: first.x - NODE_WIDTH - 90, y: first.y } : { x: -NODE_WIDTH - 90, y: 0 };
  const predecessors = new Map<string, string>();
  predecessors.set(doc.entry.next, ENTRY_NODE_ID);
  for (const n of doc.nodes) for (const e of nodeEdges(n)) if (!predecessors.has(e.target)) predecessors.set(e.target, n.id);
  // Placed cards by column (NODE_WIDTH wide): a card can only overlap one in its own or a neighbouring column, so
  // placing hundreds of nodes stays linear instead of comparing every spot with every card.
  const columns = new Map<number, XY[]>();
  const columnOf = (x: number): number => Math.floor(x / NODE_WIDTH);
  let bottom = 0;
  const remember = (p: XY): void => {
    const list = columns.get(columnOf(p.x));
    if (list) list.push(p);
    else columns.set(columnOf(p.x), [p]);
    bottom = Math.max(bottom, p.y);
  };
  for (const p of Object.values(placed)) remember(p);
  const occupied = (p: XY): boolean => {
    const column = columnOf(p.x);
    for (let c = column - 1; c <= column + 1; c++) {
      if (columns.get(c)?.some((q) => Math.abs(q.x - p.x) < NODE_WIDTH && Math.abs(q.y - p.y) < 60)) return true;
    }
    return false;
  };
  let pending = doc.nodes.filter((n) => placed[n.id] === undefined);
  while (pending.length > 0) {
    const before = pending.length;
    for (const n of pending) {
      const from = predecessors.get(n.id);
      const anchor = from === undefined ? undefined : placed[from];
      if (from !== undefined && anchor === undefined) continue;
      const spot = anchor ? { x: anchor.x + NODE_WIDTH + 90, y: anchor.y } : { x: 0, y: bottom + 140 };
      while (occupied(spot)) spot.y += 120;
      placed[n.id] = spot;
      remember(spot);
    }
    pending = pending.filter((n) => placed[n.id] === undefined);
    if (pending.length === before) {
      const [first] = pending;
      if (first) predecessors.delete(first.id);
    }
  }
  return placed;
}
