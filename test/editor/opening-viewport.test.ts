/** The opening viewport: small journeys fit whole, large ones open on the entry at a legible zoom; the K12 layout flows left to right. */
import { describe, expect, it } from 'vitest';
import { ENTRY_NODE_ID } from '../../editor/flow/document-edits.ts';
import { autoLayout, placeNodes } from '../../editor/flow/layout.ts';
import { LEGIBLE_ZOOM, openingViewport } from '../../editor/flow/opening-viewport.ts';
import { nodeEdges } from '../../dsl/nodes/index.ts';
import { findTemplateJourney } from '../../templates/index.ts';
import { sampleJourney } from './sample-journey.ts';

describe('openingViewport', () => {
  it('fits a small journey whole, centred', async () => {
    const doc = sampleJourney();
    const positions = placeNodes({ ...doc, layout: await autoLayout(doc) });
    const view = openingViewport(doc, positions, 1600, 900);
    expect(view.zoom).toBeGreaterThanOrEqual(LEGIBLE_ZOOM);
    for (const p of Object.values(positions)) {
      expect(p.x * view.zoom + view.x).toBeGreaterThanOrEqual(0);
      expect(p.y * view.zoom + view.y).toBeGreaterThanOrEqual(0);
    }
  });

  it('opens a 74-node journey on its entry at a legible zoom', async () => {
    const doc = findTemplateJourney('k12-five-stage')!;
    const layout = await autoLayout(doc);
    const view = openingViewport(doc, layout, 870, 480);
    expect(view.zoom).toBe(LEGIBLE_ZOOM);
    const entry = layout[ENTRY_NODE_ID]!;
    const screenX = entry.x * view.zoom + view.x;
    const screenY = entry.y * view.zoom + view.y;
    expect(screenX).toBeGreaterThanOrEqual(0);
    expect(screenX).toBeLessThan(100);
    expect(screenY).toBeGreaterThan(100);
    expect(screenY).toBeLessThan(380);
  });
});

describe('autoLayout on a large journey', () => {
  it('puts the entry first and sends most edges forward (left to right)', async () => {
    const doc = findTemplateJourney('k12-five-stage')!;
    const layout = await autoLayout(doc);
    const entry = layout[ENTRY_NODE_ID]!;
    expect(Object.values(layout).every((p) => p.x >= entry.x)).toBe(true);
    const edges = doc.nodes.flatMap((n) => nodeEdges(n).map((e) => [n.id, e.target] as const)).filter(([, to]) => layout[to]);
    const forward = edges.filter(([from, to]) => layout[to]!.x > layout[from]!.x).length;
    expect(forward / edges.length).toBeGreaterThan(0.6);
  });
});
