/** Node positions: elkjs auto-layout for whole documents, and quick placement of nodes that arrive without one. */
import ElkBundle from 'elkjs/lib/elk.bundled.js';
import type { ELK } from 'elkjs/lib/elk-api.js';
import { nodeEdges, type JourneyNode } from '../../dsl/nodes/index.ts';
import type { JourneyDocument } from '../../dsl/schema/document.ts';
import { ENTRY_NODE_ID, type XY } from './document-edits.ts';

export const NODE_WIDTH = 232;
/** Card geometry as styles.css draws it: the head and summary, then one 22px row per labelled exit. */
const BODY_HEIGHT = 70;
const EXITS_TOP = 71;
const EXIT_ROW = 22;

/** The card height the canvas draws for a node (it grows with the number of labelled exits). */
export function nodeHeight(node: JourneyNode | undefined): number {
  const exits = node ? nodeEdges(node).length : 1;
  return exits <= 1 ? BODY_HEIGHT : EXITS_TOP + exits * EXIT_ROW + 3;
}

/** Where on the card's right side the handle of exit `index` sits (a single exit leaves from the middle). */
function exitHandleY(node: JourneyNode | undefined, index: number): number {
  const exits = node ? nodeEdges(node).length : 1;
  return exits <= 1 ? BODY_HEIGHT / 2 : EXITS_TOP + index * EXIT_ROW + EXIT_ROW / 2;
}

// elkjs is CommonJS: bundlers hand over the constructor itself, its typings describe a module with a default export.
const ElkConstructor = ((ElkBundle as unknown as { default?: unknown }).default ?? ElkBundle) as new () => ELK;
const elk = new ElkConstructor();

/**
 * Options chosen by counting edge crossings on the built-in templates (K12: 199 with row wrapping, 45 with these):
 * one unwrapped left-to-right flow (the canvas opens on the entry at a legible zoom, so length is cheap and
 * wrapped rows are not), ports pinned where the card draws each exit so elk orders branches as they appear,
 * depth-first cycle breaking so loops back (re-activation) become the reversed edges rather than the main path.
 */
const LAYOUT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.layered.spacing.nodeNodeBetweenLayers': '90',
  'elk.spacing.nodeNode': '36',
  'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
  'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
  'elk.layered.thoroughness': '40',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
} as const;

/**
 * For a preview that must show the whole journey in one box: the flow folded into rows close to the box's shape
 * (more crossings, but an overview rather than a strip too thin to see).
 */
const OVERVIEW_OPTIONS = { 'elk.layered.wrapping.strategy': 'MULTI_EDGE', 'elk.aspectRatio': '3.2' } as const;

/** An elk child for a card: a fixed input port on the left, one fixed output port per exit on the right. */
function elkCard(id: string, node: JourneyNode | undefined) {
  const handles = node ? nodeEdges(node).map((e) => e.handle) : ['next'];
  const height = nodeHeight(node);
  return {
    id,
    width: NODE_WIDTH,
    height,
    layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
    ports: [
      { id: `${id}:in`, x: 0, y: height / 2, width: 1, height: 1, layoutOptions: { 'elk.port.side': 'WEST' } },
      ...handles.map((handle, i) => ({ id: `${id}:${handle}`, x: NODE_WIDTH - 1, y: exitHandleY(node, i), width: 1, height: 1, layoutOptions: { 'elk.port.side': 'EAST' } })),
    ],
  };
}

/**
 * Lays the whole journey out left to right with elkjs (layered), entry first; `overview` folds long flows into
 * rows for previews that show everything at once.
 *
 * @example
 * const layout = await autoLayout(doc);
 * layout.$entry; // { x: 0, y: … }
 */
export async function autoLayout(doc: JourneyDocument, { overview = false }: { overview?: boolean } = {}): Promise<Record<string, XY>> {
  const ids = new Set(doc.nodes.map((n) => n.id));
  const children = [elkCard(ENTRY_NODE_ID, undefined), ...doc.nodes.map((n) => elkCard(n.id, n))];
  const edges = [
    ...(ids.has(doc.entry.next) ? [{ id: `${ENTRY_NODE_ID}>next`, sources: [`${ENTRY_NODE_ID}:next`], targets: [`${doc.entry.next}:in`] }] : []),
    ...doc.nodes.flatMap((n) =>
      nodeEdges(n)
        .filter((e) => ids.has(e.target))
        .map((e) => ({ id: `${n.id}>${e.handle}`, sources: [`${n.id}:${e.handle}`], targets: [`${e.target}:in`] })),
    ),
  ];
  const graph = await elk.layout({ id: 'journey', layoutOptions: overview ? { ...LAYOUT_OPTIONS, ...OVERVIEW_OPTIONS } : LAYOUT_OPTIONS, children, edges });
  const out: Record<string, XY> = {};
  for (const child of graph.children ?? []) out[child.id] = { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) };
  return out;
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
  const occupied = (p: XY): boolean => Object.values(placed).some((q) => Math.abs(q.x - p.x) < NODE_WIDTH && Math.abs(q.y - p.y) < 60);
  let pending = doc.nodes.filter((n) => placed[n.id] === undefined);
  while (pending.length > 0) {
    const before = pending.length;
    for (const n of pending) {
      const from = predecessors.get(n.id);
      const anchor = from === undefined ? undefined : placed[from];
      if (from !== undefined && anchor === undefined) continue;
      const spot = anchor ? { x: anchor.x + NODE_WIDTH + 90, y: anchor.y } : { x: 0, y: Object.values(placed).reduce((m, p) => Math.max(m, p.y), 0) + 140 };
      while (occupied(spot)) spot.y += 120;
      placed[n.id] = spot;
    }
    pending = pending.filter((n) => placed[n.id] === undefined);
    if (pending.length === before) {
      const [first] = pending;
      if (first) predecessors.delete(first.id);
    }
  }
  return placed;
}
