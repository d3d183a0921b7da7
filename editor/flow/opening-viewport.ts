/** Where the canvas looks when a journey opens: everything if that stays legible, otherwise the entry at a readable zoom. */
import type { JourneyDocument } from '../../dsl/schema/document.ts';
import { ENTRY_NODE_ID, type XY } from './document-edits.ts';
import { NODE_WIDTH, nodeHeight } from './layout.ts';

/** The lowest zoom at which card titles and per-node counts stay readable. */
export const LEGIBLE_ZOOM = 0.7;
const MAX_OPENING_ZOOM = 1.1;
const MARGIN = 40;

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/**
 * The opening viewport for a canvas of `width`×`height` pixels: the whole journey centred when it fits at
 * LEGIBLE_ZOOM or more, otherwise LEGIBLE_ZOOM with the entry card at the left edge, vertically centred, so the
 * operator reads the flow from its start and pans (or zooms to fit) for the rest.
 *
 * @example
 * flow.setViewport(openingViewport(doc, placeNodes(doc), 900, 500));
 */
export function openingViewport(doc: JourneyDocument, positions: Readonly<Record<string, XY>>, width: number, height: number): Viewport {
  const heights = new Map<string, number>([[ENTRY_NODE_ID, nodeHeight(undefined)], ...doc.nodes.map((n) => [n.id, nodeHeight(n)] as const)]);
  const boxes = Object.entries(positions).map(([id, p]) => ({ ...p, h: heights.get(id) ?? nodeHeight(undefined) }));
  if (boxes.length === 0) return { x: 0, y: 0, zoom: 1 };
  const left = Math.min(...boxes.map((b) => b.x));
  const top = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + NODE_WIDTH));
  const bottom = Math.max(...boxes.map((b) => b.y + b.h));
  const fitZoom = Math.min((width - 2 * MARGIN) / (right - left), (height - 2 * MARGIN) / (bottom - top), MAX_OPENING_ZOOM);
  if (fitZoom >= LEGIBLE_ZOOM) {
    return { x: (width - (right - left) * fitZoom) / 2 - left * fitZoom, y: (height - (bottom - top) * fitZoom) / 2 - top * fitZoom, zoom: fitZoom };
  }
  const entry = positions[ENTRY_NODE_ID] ?? { x: left, y: top };
  const entryMiddle = entry.y + (heights.get(ENTRY_NODE_ID) ?? 0) / 2;
  return { x: MARGIN - entry.x * LEGIBLE_ZOOM, y: height / 2 - entryMiddle * LEGIBLE_ZOOM, zoom: LEGIBLE_ZOOM };
}
