/** Maps a journey document to the canvas's nodes and edges (one edge per labelled exit from `nodeEdges`). */
import { Position, type Edge as FlowEdge, type Node as FlowNode, type NodeHandle } from '@xyflow/react';
import type { Diagnostic } from '../../dsl/diagnostics.ts';
import { nodeEdges, type EdgeKind, type JourneyNode } from '../../dsl/nodes/index.ts';
import type { JourneyDocument } from '../../dsl/schema/document.ts';
import { ENTRY_NODE_ID, type XY } from './document-edits.ts';
import { HANDLE_SIZE, NODE_WIDTH, exitHandleY, nodeHeight } from './layout.ts';

/** Per-node numbers laid over the canvas (simulation or live stats). */
export interface NodeCounts {
  /** Customers now waiting at the node. */
  current?: number;
  /** Customers that passed through it. */
  passed?: number;
}

export interface JourneyNodeData extends Record<string, unknown> {
  node: JourneyNode;
  doc: JourneyDocument;
  diagnostics: Diagnostic[];
  counts?: NodeCounts;
}

export interface EntryNodeData extends Record<string, unknown> {
  doc: JourneyDocument;
  diagnostics: Diagnostic[];
  counts?: NodeCounts;
}

export type JourneyFlowNode = FlowNode<JourneyNodeData, 'journey'> | FlowNode<EntryNodeData, 'entry'>;

export interface JourneyEdgeData extends Record<string, unknown> {
  kind: EdgeKind;
  label: string;
}
export type JourneyFlowEdge = FlowEdge<JourneyEdgeData>;

/**
 * A card's size and handles as it draws them. Declared up front (as if measured), React Flow places edges, fits
 * the view and counts the canvas as initialised without measuring every card, so a 500-node journey mounts only
 * the cards on screen (`onlyRenderVisibleElements`); mounted cards are still measured and override this.
 *
 * @example
 * cardGeometry(undefined).handles; // the entry: one `next` handle on the right
 */
export function cardGeometry(node: JourneyNode | undefined): { measured: { width: number; height: number }; handles: NodeHandle[] } {
  const height = nodeHeight(node);
  const half = HANDLE_SIZE / 2;
  const exits = node ? nodeEdges(node).map((e) => e.handle) : ['next'];
  const input: NodeHandle[] = node ? [{ id: 'in', type: 'target', position: Position.Left, x: -1, y: height / 2 - half, width: HANDLE_SIZE, height: HANDLE_SIZE }] : [];
  return {
    measured: { width: NODE_WIDTH, height },
    handles: [
      ...input,
      ...exits.map((handle, i): NodeHandle => ({ id: handle, type: 'source', position: Position.Right, x: NODE_WIDTH, y: exitHandleY(node, i) - half, width: HANDLE_SIZE, height: HANDLE_SIZE })),
    ],
  };
}

/** The diagnostics of a node without any: one shared array, so that an unchanged card keeps its data object. */
const NO_DIAGNOSTICS: Diagnostic[] = [];
const ORIGIN: XY = { x: 0, y: 0 };

/** Whether `previous` shows exactly what a card built from these inputs would. */
function sameCard(previous: JourneyFlowNode | undefined, node: JourneyNode | undefined, position: XY, data: { doc: JourneyDocument; diagnostics: Diagnostic[]; counts?: NodeCounts }, selected: boolean): previous is JourneyFlowNode {
  if (!previous || previous.selected !== selected || previous.position.x !== position.x || previous.position.y !== position.y) return false;
  const before = previous.data;
  return before.doc === data.doc && before.diagnostics === data.diagnostics && before.counts === data.counts && (node === undefined || (before as JourneyNodeData).node === node);
}

/**
 * The canvas view of a document. Given the nodes of the previous view, a card whose inputs did not change keeps its
 * object: React Flow then skips it, which matters when one click re-maps a 500-node journey.
 *
 * @example
 * const { nodes, edges } = documentToFlow(doc, placeNodes(doc), new Map(), {}, []);
 */
export function documentToFlow(
  doc: JourneyDocument,
  positions: Readonly<Record<string, XY>>,
  diagnostics: ReadonlyMap<string, Diagnostic[]>,
  counts: Readonly<Record<string, NodeCounts>>,
  selection: readonly string[],
  previous: ReadonlyMap<string, JourneyFlowNode> = new Map(),
): { nodes: JourneyFlowNode[]; edges: JourneyFlowEdge[] } {
  const selected = new Set(selection);
  const entryPosition = positions[ENTRY_NODE_ID] ?? ORIGIN;
  const entryData: EntryNodeData = { doc, diagnostics: diagnostics.get(ENTRY_NODE_ID) ?? NO_DIAGNOSTICS, ...(counts[ENTRY_NODE_ID] ? { counts: counts[ENTRY_NODE_ID] } : {}) };
  const entrySelected = selected.has(ENTRY_NODE_ID);
  const entryBefore = previous.get(ENTRY_NODE_ID);
  const nodes: JourneyFlowNode[] = [
    sameCard(entryBefore, undefined, entryPosition, entryData, entrySelected)
      ? entryBefore
      : {
          id: ENTRY_NODE_ID,
          type: 'entry',
          position: entryPosition,
          ...cardGeometry(undefined),
          data: entryData,
          draggable: false,
          deletable: false,
          selected: entrySelected,
        },
    ...doc.nodes.map((node): JourneyFlowNode => {
      const position = positions[node.id] ?? ORIGIN;
      const data: JourneyNodeData = { node, doc, diagnostics: diagnostics.get(node.id) ?? NO_DIAGNOSTICS, ...(counts[node.id] ? { counts: counts[node.id] } : {}) };
      const isSelected = selected.has(node.id);
      const before = previous.get(node.id);
      if (sameCard(before, node, position, data, isSelected) && before.type === 'journey') return before;
      return { id: node.id, type: 'journey', position, ...cardGeometry(node), data, selected: isSelected };
    }),
  ];
  return { nodes, edges: flowEdges(doc) };
}

/** Edges per document object: a click, a check or new counts re-map the cards but leave the edges as they were. */
const edgesOf = new WeakMap<JourneyDocument, JourneyFlowEdge[]>();

/**
 * The canvas edges of a document (one per exit whose target exists), the same array for the same document.
 *
 * @example
 * flowEdges(doc) === flowEdges(doc); // true
 */
export function flowEdges(doc: JourneyDocument): JourneyFlowEdge[] {
  const known = edgesOf.get(doc);
  if (known) return known;
  const ids = new Set(doc.nodes.map((n) => n.id));
  const edges: JourneyFlowEdge[] = [];
  if (ids.has(doc.entry.next)) {
    edges.push({ id: `${ENTRY_NODE_ID}:next`, source: ENTRY_NODE_ID, sourceHandle: 'next', target: doc.entry.next, targetHandle: 'in', data: { kind: 'next', label: '' }, deletable: false });
  }
  for (const node of doc.nodes) {
    for (const edge of nodeEdges(node)) {
      if (!ids.has(edge.target)) continue;
      edges.push({
        id: `${node.id}:${edge.handle}`,
        source: node.id,
        sourceHandle: edge.handle,
        target: edge.target,
        targetHandle: 'in',
        data: { kind: edge.kind, label: edge.label },
        deletable: false,
      });
    }
  }
  edgesOf.set(doc, edges);
  return edges;
}
