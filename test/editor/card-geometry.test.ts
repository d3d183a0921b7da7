/** Declared card geometry: the size and handles React Flow uses for cards it has not mounted (edges to off-screen cards). */
import { describe, expect, it } from 'vitest';
import { ENTRY_NODE_ID } from '../../editor/flow/document-edits.ts';
import { cardGeometry, documentToFlow } from '../../editor/flow/document-to-flow.ts';
import { HANDLE_SIZE, NODE_WIDTH, exitHandleY, nodeHeight, placeNodes } from '../../editor/flow/layout.ts';
import { sampleJourney } from './sample-journey.ts';

describe('card geometry', () => {
  it('gives the entry one exit on the right and no input', () => {
    const entry = cardGeometry(undefined);
    expect(entry.measured).toEqual({ width: NODE_WIDTH, height: nodeHeight(undefined) });
    expect(entry.handles.map((h) => `${h.type}:${h.id}:${h.position}`)).toEqual(['source:next:right']);
  });

  it('puts the input mid-left and one output per labelled exit, centred on the row elk pins its port to', () => {
    const wait = sampleJourney().nodes.find((n) => n.id === 'wait')!;
    const { measured, handles } = cardGeometry(wait);
    const initialHeight = measured.height;
    expect(initialHeight).toBe(nodeHeight(wait));
    expect(handles.map((h) => `${h.type}:${h.id}:${h.position}`)).toEqual(['target:in:left', 'source:event:0:right', 'source:timeout:right']);
    const [input, event, timeout] = handles;
    expect(input!.y + HANDLE_SIZE / 2).toBe(initialHeight / 2);
    expect(event!.y + HANDLE_SIZE / 2).toBe(exitHandleY(wait, 0));
    expect(timeout!.y + HANDLE_SIZE / 2).toBe(exitHandleY(wait, 1));
    expect(timeout!.y + HANDLE_SIZE).toBeLessThanOrEqual(initialHeight);
    expect(event!.x).toBe(NODE_WIDTH);
  });

  it('is on every canvas node, so React Flow needs no measuring pass before edges, fit-view and culling work', () => {
    const doc = sampleJourney();
    const { nodes } = documentToFlow(doc, placeNodes(doc), new Map(), {}, []);
    for (const node of nodes) {
      expect(node.measured?.width, node.id).toBe(NODE_WIDTH);
      expect(node.measured?.height, node.id).toBeGreaterThan(0);
      expect(node.handles?.length, node.id).toBeGreaterThan(0);
    }
    expect(nodes.find((n) => n.id === ENTRY_NODE_ID)?.handles?.some((h) => h.type === 'target')).toBe(false);
  });
});
