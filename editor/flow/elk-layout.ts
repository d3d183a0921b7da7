/** elkjs layered layout of a journey: the options, the cards with pinned ports, and the call into elk (loaded only where a layout is asked for). */
import ElkBundle from 'elkjs/lib/elk.bundled.js';
import type { ELK } from 'elkjs/lib/elk-api.js';
import { nodeEdges, type JourneyNode } from '../../dsl/nodes/index.ts';
import type { JourneyDocument } from '../../dsl/schema/document.ts';
import { ENTRY_NODE_ID, type XY } from './document-edits.ts';
import { NODE_WIDTH, exitHandleY, nodeHeight, type AutoLayoutOptions } from './layout.ts';

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
 * rows for previews that show everything at once. Runs elk on the calling thread: the editor calls it from
 * its layout worker, through `autoLayout`.
 *
 * @example
 * const layout = await elkLayout(doc);
 * layout.$entry; // { x: 0, y: … }
 */
export async function elkLayout(doc: JourneyDocument, { overview = false }: AutoLayoutOptions = {}): Promise<Record<string, XY>> {
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
