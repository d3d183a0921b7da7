/** Document ↔ canvas mapping and positions: labelled edges per handle, entry edge, placement of unpositioned nodes, elk layout. */
import { describe, expect, it } from 'vitest';
import { ENTRY_NODE_ID } from '../../editor/flow/document-edits.ts';
import { documentToFlow } from '../../editor/flow/document-to-flow.ts';
import { autoLayout, placeNodes } from '../../editor/flow/layout.ts';
import { sampleJourney } from './sample-journey.ts';

describe('document to flow', () => {
  it('has the entry, every node, and one edge per exit with its handle and label', () => {
    const doc = sampleJourney();
    const { nodes, edges } = documentToFlow(doc, placeNodes(doc), new Map(), { wait: { current: 3 } }, ['check']);
    expect(nodes.map((n) => n.id)).toEqual([ENTRY_NODE_ID, 'start', 'wait', 'check', 'welcome', 'end']);
    expect(nodes.find((n) => n.id === 'check')?.selected).toBe(true);
    expect(nodes.find((n) => n.id === 'wait')?.data.counts).toEqual({ current: 3 });
    expect(edges.map((e) => `${e.source}:${e.sourceHandle}>${e.target}:${e.data?.label}`)).toEqual([
      '$entry:next>start:',
      'start:next>wait:',
      'wait:event:0>check:purchase',
      'wait:timeout>welcome:timeout',
      'check:branch:0>welcome:big',
      'check:else>end:else',
      'welcome:next>end:',
    ]);
  });

  it('keeps the object of every card whose inputs did not change, and only those', () => {
    const doc = sampleJourney();
    const positions = placeNodes(doc);
    const first = documentToFlow(doc, positions, new Map(), {}, []);
    const shown = new Map(first.nodes.map((n) => [n.id, n]));
    const clicked = documentToFlow(doc, positions, new Map(), {}, ['check'], shown);
    expect(clicked.nodes.filter((n, i) => n !== first.nodes[i]).map((n) => n.id)).toEqual(['check']);
    expect(clicked.nodes.find((n) => n.id === 'check')?.selected).toBe(true);
    expect(clicked.edges).toBe(first.edges);
    const moved = documentToFlow(doc, { ...positions, wait: { x: 1, y: 2 } }, new Map(), { end: { passed: 4 } }, [], shown);
    expect(moved.nodes.filter((n, i) => n !== first.nodes[i]).map((n) => n.id)).toEqual(['wait', 'end']);
    const edited = { ...doc };
    const afterEdit = documentToFlow(edited, positions, new Map(), {}, [], shown);
    expect(afterEdit.nodes.every((n, i) => n !== first.nodes[i])).toBe(true);
    expect(afterEdit.edges).not.toBe(first.edges);
    expect(afterEdit.edges).toEqual(first.edges);
  });

  it('skips edges to missing nodes (the checker reports them)', () => {
    const doc = sampleJourney();
    const broken = { ...doc, nodes: doc.nodes.map((n) => (n.id === 'welcome' ? { ...n, next: 'gone' } : n)) };
    expect(documentToFlow(broken, placeNodes(broken), new Map(), {}, []).edges.some((e) => e.target === 'gone')).toBe(false);
  });
});

describe('positions', () => {
  it('keeps stored positions and places the others right of their predecessor without overlaps', () => {
    const doc = { ...sampleJourney(), layout: { start: { x: 0, y: 0 } } };
    const placed = placeNodes(doc);
    expect(placed.start).toEqual({ x: 0, y: 0 });
    expect(placed[ENTRY_NODE_ID]!.x).toBeLessThan(0);
    expect(placed.wait!.x).toBeGreaterThan(0);
    const spots = Object.values(placed).map((p) => `${p.x},${p.y}`);
    expect(new Set(spots).size).toBe(spots.length);
  });

  it('lays out a whole journey with elkjs, entry first', async () => {
    const layout = await autoLayout(sampleJourney());
    expect(Object.keys(layout).sort()).toEqual([ENTRY_NODE_ID, 'check', 'end', 'start', 'wait', 'welcome'].sort());
    // Long journeys wrap into rows: the entry comes first in reading order (row, then column).
    const before = (a: string, b: string) => layout[a]!.y < layout[b]!.y - 50 || (Math.abs(layout[a]!.y - layout[b]!.y) <= 50 && layout[a]!.x < layout[b]!.x);
    expect(before(ENTRY_NODE_ID, 'start')).toBe(true);
    expect(new Set(Object.values(layout).map((p) => `${p.x},${p.y}`)).size).toBe(6);
  });
});
