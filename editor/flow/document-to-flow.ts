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

/**
 * The canvas view of a document.
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
): { nodes: JourneyFlowNode[]; edges: JourneyFlowEdge[] } {
  const selected = new Set(selection);
  const ids = new Set(doc.nodes.map((n) => n.id));
  const nodes: JourneyFlowNode[] = [
    {
      id: ENTRY_NODE_ID,
      type: 'entry',
      position: positions[ENTRY_NODE_ID] ?? { x: 0, y: 0 },
      ...cardGeometry(undefined),
      data: { doc, diagnostics: diagnostics.get(ENTRY_NODE_ID) ?? [], ...(counts[ENTRY_NODE_ID] ? { counts: counts[ENTRY_NODE_ID] } : {}) },
      draggable: false,
      deletable: false,
      selected: selected.has(ENTRY_NODE_ID),
    },
    ...doc.nodes.map(
      (node): JourneyFlowNode => ({
        id: node.id,
        type: 'journey',
        position: positions[node.id] ?? { x: 0, y: 0 },
        ...cardGeometry(node),
        data: { node, doc, diagnostics: diagnostics.get(node.id) ?? [], ...(counts[node.id] ? { counts: counts[node.id] } : {}) },
        selected: selected.has(node.id),
      }),
    ),
  ];
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
  return { nodes, edges };
}
