/** The journey canvas on @xyflow/react: drag, connect, select, delete, copy/paste, drop from the palette, minimap, overlays. */
import {
  Controls,
  ReactFlow,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type Node,
  type NodeChange,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Diagnostic } from '../../dsl/diagnostics.ts';
import type { JourneyDocument } from '../../dsl/schema/document.ts';
import { ENTRY_NODE_ID, addNode, connect, ensureFallbackTarget, moveNodes, pasteNodes, removeNodes, uniqueNodeId, type XY } from '../flow/document-edits.ts';
import { documentToFlow, type JourneyFlowNode, type NodeCounts } from '../flow/document-to-flow.ts';
import { isLargeJourney } from '../flow/large-journey.ts';
import { placeNodes } from '../flow/layout.ts';
import { openingViewport } from '../flow/opening-viewport.ts';
import { PALETTE } from '../nodes/registry.ts';
import { useDocument, useDocumentStore } from '../store/use-document.ts';
import { copyNodes, readCopiedNodes } from './clipboard.ts';
import { edgeLabel } from './edge-label.ts';
import { selectionAfter } from './selection-changes.ts';
import { CanvasMinimap } from './canvas-minimap.tsx';
import { DotsBackground } from './dots-background.tsx';
import { EntryNodeCard, JourneyNodeCard } from './node-cards.tsx';

const nodeTypes = { journey: JourneyNodeCard, entry: EntryNodeCard };
const minimapColor = (n: Node): string => (n.type === 'entry' ? '#0f766e' : '#94a3b8');

/** The drag-and-drop payload type of palette entries. */
export const PALETTE_MIME = 'application/x-lifecycle-node';

/**
 * Adds a node from a palette entry at a canvas position, with its exits pointing at the journey's end until connected.
 *
 * @example
 * addPaletteNode(store, 'message', { x: 400, y: 200 });
 */
export function addPaletteNode(store: ReturnType<typeof useDocumentStore>, key: string, at: XY): string | undefined {
  const entry = PALETTE.find((p) => p.key === key);
  const doc = store.getState().doc;
  if (!entry || !doc) return undefined;
  const { doc: withEnd, target } = ensureFallbackTarget(doc, at);
  const id = uniqueNodeId(withEnd, entry.key);
  store.getState().change(addNode(withEnd, entry.create(id, target, withEnd), at), 'canvas');
  store.getState().select([id]);
  return id;
}

export function JourneyCanvas({ diagnostics, counts }: { diagnostics: ReadonlyMap<string, Diagnostic[]>; counts: Readonly<Record<string, NodeCounts>> }) {
  const { t } = useTranslation();
  const store = useDocumentStore();
  const doc = useDocument((s) => s.doc);
  const selection = useDocument((s) => s.selection);
  const origin = useDocument((s) => s.origin);
  const flow = useReactFlow();
  const openedOn = useRef<JourneyDocument | undefined>(undefined);
  const movedByOperator = useRef(false);
  // Moves without an event are our own setViewport/fitView calls.
  const onMoveStart = useCallback((event: MouseEvent | TouchEvent | null) => {
    if (event) movedByOperator.current = true;
  }, []);
  const positions = useMemo(() => (doc ? placeNodes(doc) : {}), [doc]);
  // The previous view's cards, so that a card whose inputs did not change keeps its object.
  const shownCards = useRef<ReadonlyMap<string, JourneyFlowNode>>(new Map());
  const mapped = useMemo(() => {
    const view = doc ? documentToFlow(doc, positions, diagnostics, counts, selection, shownCards.current) : { nodes: [], edges: [] };
    shownCards.current = new Map(view.nodes.map((n) => [n.id, n]));
    return view;
  }, [doc, positions, diagnostics, counts, selection]);
  // The cards as React Flow last changed them (a drag moves them before the document hears of it), replaced by the
  // mapped view during the render in which that changes rather than one commit later.
  const [nodes, setNodes] = useState<JourneyFlowNode[]>(mapped.nodes);
  const [nodesMappedFrom, setNodesMappedFrom] = useState(mapped.nodes);
  if (nodesMappedFrom !== mapped.nodes) {
    setNodesMappedFrom(mapped.nodes);
    setNodes(mapped.nodes);
  }

  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const box = container.current;
    // A loaded document (opening, elk's layout replacing quick placement, reloading after a conflict) opens on its
    // entry, unless the operator has already moved the view since the last opening; edits keep the viewport.
    if (origin !== 'load' || openedOn.current === doc || !doc || !box || mapped.nodes.length === 0) return;
    const first = openedOn.current === undefined;
    openedOn.current = doc;
    if (!first && movedByOperator.current) return;
    movedByOperator.current = false;
    const opening = openingViewport(doc, positions, box.clientWidth, box.clientHeight);
    requestAnimationFrame(() => void flow.setViewport(opening));
  }, [mapped.nodes, doc, origin, positions, flow]);
  const edges = useMemo(
    () => mapped.edges.map((e) => ({ ...e, label: e.data && e.data.kind !== 'next' ? edgeLabel(e.data, t) : undefined, className: `edge-${e.data?.kind ?? 'next'}` })),
    [mapped.edges, t],
  );

  // Selection lives in the document store, which the cards are mapped from: a click selects there at once, so a
  // re-render that maps the cards afresh (a check answering, counts arriving) cannot drop it.
  const onNodesChange = useCallback((changes: NodeChange<JourneyFlowNode>[]) => {
    const picks = changes.filter((c) => c.type === 'select');
    const { doc: current, selection: before } = store.getState();
    if (picks.length > 0 && current) {
      const after = selectionAfter(before, picks, current);
      if (after !== before) store.getState().select([...after]);
    }
    const rest = changes.filter((c) => c.type !== 'select');
    if (rest.length > 0) setNodes((shown) => applyNodeChanges(rest, shown));
  }, [store]);

  const onNodeDragStop = useCallback((_e: unknown, _node: JourneyFlowNode, dragged: JourneyFlowNode[]) => {
    const current = store.getState().doc;
    if (!current) return;
    const moved = Object.fromEntries(dragged.map((n) => [n.id, n.position]));
    store.getState().change(moveNodes(current, moved), 'canvas');
  }, [store]);

  const onConnect = useCallback((c: Connection) => {
    const current = store.getState().doc;
    if (!current || !c.source || !c.target || c.target === ENTRY_NODE_ID) return;
    store.getState().change(connect(current, c.source, c.sourceHandle ?? 'next', c.target), 'canvas');
  }, [store]);

  const deleteSelection = useCallback(() => {
    const current = store.getState().doc;
    if (!current) return;
    const next = removeNodes(current, store.getState().selection);
    if (next !== current) store.getState().change(next, 'canvas');
  }, [store]);

  const onKeyDown = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (target.closest('input, textarea, select, .monaco-editor')) return;
    const mod = e.ctrlKey || e.metaKey;
    const current = store.getState().doc;
    if (!current) return;
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      deleteSelection();
    } else if (mod && e.key.toLowerCase() === 'c') {
      const ids = new Set(store.getState().selection);
      const picked = current.nodes.filter((n) => ids.has(n.id));
      if (picked.length > 0) copyNodes({ nodes: picked, positions: Object.fromEntries(picked.map((n) => [n.id, positions[n.id] ?? { x: 0, y: 0 }])) });
    } else if (mod && e.key.toLowerCase() === 'v') {
      const copied = readCopiedNodes();
      if (!copied) return;
      const { doc: next, ids } = pasteNodes(current, copied.nodes, copied.positions, { x: 48, y: 48 });
      store.getState().change(next, 'canvas');
      store.getState().select(ids);
    } else if (mod && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      store.getState().select(current.nodes.map((n) => n.id));
    }
  };

  const onDrop = (e: DragEvent) => {
    const key = e.dataTransfer.getData(PALETTE_MIME);
    if (!key) return;
    e.preventDefault();
    const at = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    addPaletteNode(store, key, { x: Math.round(at.x - 116), y: Math.round(at.y - 30) });
  };

  return (
    <div className="canvas" ref={container} onKeyDown={onKeyDown} onDragOver={(e) => { if (e.dataTransfer.types.includes(PALETTE_MIME)) { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; } }} onDrop={onDrop} aria-label={t('editor.canvasLabel')} data-testid="canvas">
      <ReactFlow<JourneyFlowNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStop={onNodeDragStop}
        onMoveStart={onMoveStart}
        onConnect={onConnect}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
        defaultEdgeOptions={{ type: 'smoothstep' }}
        minZoom={0.03}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
        fitView={false}
        onlyRenderVisibleElements={doc ? isLargeJourney(doc) : false}
      >
        <DotsBackground gap={20} size={1.2} color="#cbd5e1" />
        <CanvasMinimap width={168} height={110} nodeColor={minimapColor} ariaLabel="minimap" />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
