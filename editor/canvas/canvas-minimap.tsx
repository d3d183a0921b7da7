/** The canvas's minimap drawn on a <canvas>: React Flow's overview, drag to pan and wheel to zoom, without an SVG element per card that the browser lays out and repaints on every frame of a pan. */
import { Panel, useStore, useStoreApi, type Node, type ReactFlowState } from '@xyflow/react';
import { XYMinimap, getBoundsOfRects, getInternalNodesBounds, type Rect } from '@xyflow/system';
import { useEffect, useRef } from 'react';

/** As React Flow's minimap draws them (its default theme). */
const MASK_COLOR = 'rgba(240, 240, 240, 0.6)';
const NODE_RADIUS = 5;
/** The margin around the overview, in minimap pixels. */
const OFFSET_SCALE = 5;

export interface CanvasMinimapProps {
  width: number;
  height: number;
  nodeColor(node: Node): string;
  ariaLabel: string;
}

/** What of the flow the minimap shows (every card and the viewport), and the flow's visible rectangle. */
function overview(state: ReactFlowState, width: number, height: number): { view: Rect; box: Rect; viewScale: number } {
  const [tx, ty, zoom] = state.transform;
  const view = { x: -tx / zoom, y: -ty / zoom, width: state.width / zoom, height: state.height / zoom };
  const bounds = state.nodeLookup.size > 0 ? getBoundsOfRects(getInternalNodesBounds(state.nodeLookup, { filter: (n) => !n.hidden }), view) : view;
  const viewScale = Math.max(bounds.width / width, bounds.height / height);
  const offset = OFFSET_SCALE * viewScale;
  const box = {
    x: bounds.x - (viewScale * width - bounds.width) / 2 - offset,
    y: bounds.y - (viewScale * height - bounds.height) / 2 - offset,
    width: viewScale * width + offset * 2,
    height: viewScale * height + offset * 2,
  };
  return { view, box, viewScale };
}

/**
 * A minimap for `<ReactFlow>` children: the cards as rounded rectangles, the area outside the viewport masked;
 * drag on it to pan, wheel to zoom. Redrawn at most once a frame, whatever changed in the flow.
 *
 * @example
 * <CanvasMinimap width={168} height={110} nodeColor={() => '#94a3b8'} ariaLabel="minimap" />
 */
export function CanvasMinimap({ width, height, nodeColor, ariaLabel }: CanvasMinimapProps) {
  const store = useStoreApi();
  const canvas = useRef<HTMLCanvasElement>(null);
  const viewScale = useRef(1);
  const colorOf = useRef(nodeColor);
  colorOf.current = nodeColor;
  const panZoom = useStore((s) => s.panZoom);
  const flowWidth = useStore((s) => s.width);
  const flowHeight = useStore((s) => s.height);
  const translateExtent = useStore((s) => s.translateExtent);

  useEffect(() => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (!element || !context) return;
    let frame: number | undefined;
    const draw = () => {
      frame = undefined;
      const state = store.getState();
      const ratio = window.devicePixelRatio || 1;
      if (element.width !== Math.round(width * ratio)) element.width = Math.round(width * ratio);
      if (element.height !== Math.round(height * ratio)) element.height = Math.round(height * ratio);
      const { view, box, viewScale: scale } = overview(state, width, height);
      viewScale.current = scale;
      // As an SVG viewBox with preserveAspectRatio "xMidYMid meet": one scale, the box centred.
      const fit = Math.min(width / box.width, height / box.height);
      const left = (width - box.width * fit) / 2 - box.x * fit;
      const top = (height - box.height * fit) / 2 - box.y * fit;
      context.setTransform(ratio * fit, 0, 0, ratio * fit, ratio * left, ratio * top);
      context.clearRect(box.x, box.y, box.width, box.height);
      // One path per colour: a fill per card costs more than drawing them.
      const paths = new Map<string, Path2D>();
      for (const node of state.nodeLookup.values()) {
        if (node.hidden) continue;
        const w = node.measured.width ?? node.width ?? node.initialWidth ?? 0;
        const h = node.measured.height ?? node.height ?? node.initialHeight ?? 0;
        const color = colorOf.current(node.internals.userNode);
        let path = paths.get(color);
        if (!path) paths.set(color, (path = new Path2D()));
        path.roundRect(node.internals.positionAbsolute.x, node.internals.positionAbsolute.y, w, h, NODE_RADIUS);
      }
      for (const [color, path] of paths) {
        context.fillStyle = color;
        context.fill(path);
      }
      context.fillStyle = MASK_COLOR;
      context.beginPath();
      context.rect(box.x - box.width, box.y - box.height, box.width * 3, box.height * 3);
      context.rect(view.x, view.y, view.width, view.height);
      context.fill('evenodd');
    };
    const schedule = () => {
      frame ??= requestAnimationFrame(draw);
    };
    draw();
    const unsubscribe = store.subscribe(schedule);
    return () => {
      unsubscribe();
      if (frame !== undefined) cancelAnimationFrame(frame);
    };
  }, [store, width, height]);

  const minimap = useRef<ReturnType<typeof XYMinimap> | undefined>(undefined);
  useEffect(() => {
    if (!canvas.current || !panZoom) return;
    const instance = XYMinimap({ domNode: canvas.current, panZoom, getTransform: () => store.getState().transform, getViewScale: () => viewScale.current });
    minimap.current = instance;
    return () => {
      instance.destroy();
      minimap.current = undefined;
    };
  }, [store, panZoom]);
  useEffect(() => {
    minimap.current?.update({ translateExtent, width: flowWidth, height: flowHeight, pannable: true, zoomable: true });
  }, [panZoom, translateExtent, flowWidth, flowHeight]);

  return (
    <Panel position="bottom-right" className="react-flow__minimap" style={{ width, height }}>
      <canvas ref={canvas} role="img" aria-label={ariaLabel} style={{ width, height, display: 'block' }} />
    </Panel>
  );
}
