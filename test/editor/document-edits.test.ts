/** Canvas edits of a document: connect, add, delete with bridging, paste with fresh ids, rename, fallback targets. */
import { describe, expect, it } from 'vitest';
import { nodeEdges } from '../../dsl/nodes/index.ts';
import { ENTRY_NODE_ID, addNode, connect, ensureFallbackTarget, moveNodes, pasteNodes, removeNodes, replaceNode, uniqueNodeId } from '../../editor/flow/document-edits.ts';
import { sampleJourney } from './sample-journey.ts';

const targets = (doc: ReturnType<typeof sampleJourney>, id: string) => nodeEdges(doc.nodes.find((n) => n.id === id)!).map((e) => `${e.handle}>${e.target}`);

describe('document edits', () => {
  it('connects any handle, including the entry and labelled exits', () => {
    let doc = sampleJourney();
    doc = connect(doc, ENTRY_NODE_ID, 'next', 'wait');
    expect(doc.entry.next).toBe('wait');
    doc = connect(doc, 'wait', 'timeout', 'end');
    doc = connect(doc, 'wait', 'event:0', 'welcome');
    doc = connect(doc, 'check', 'branch:0', 'end');
    doc = connect(doc, 'check', 'else', 'welcome');
    expect(targets(doc, 'wait')).toEqual(['event:0>welcome', 'timeout>end']);
    expect(targets(doc, 'check')).toEqual(['branch:0>end', 'else>welcome']);
    expect(connect(doc, 'check', 'branch:7', 'start')).toEqual(doc);
  });

  it('bridges references over a deleted single-exit node and keeps other nodes', () => {
    const doc = removeNodes(sampleJourney(), ['start']);
    expect(doc.entry.next).toBe('wait');
    const noWelcome = removeNodes(sampleJourney(), ['welcome']);
    expect(targets(noWelcome, 'wait')).toEqual(['event:0>check', 'timeout>end']);
    expect(noWelcome.nodes.map((n) => n.id)).toEqual(['start', 'wait', 'check', 'end']);
  });

  it('leaves references to a deleted branching node for the checker, and never deletes the entry', () => {
    const doc = removeNodes(sampleJourney(), ['check', ENTRY_NODE_ID]);
    expect(targets(doc, 'wait')).toEqual(['event:0>check', 'timeout>welcome']);
  });

  it('pastes copies with fresh ids; links among copies follow the copies', () => {
    const original = sampleJourney();
    const copied = original.nodes.filter((n) => n.id === 'welcome' || n.id === 'end');
    const { doc, ids } = pasteNodes(original, copied, { welcome: { x: 0, y: 0 }, end: { x: 100, y: 0 } }, { x: 40, y: 40 });
    expect(ids).toEqual(['welcome_2', 'end_2']);
    expect(targets(doc, 'welcome_2')).toEqual(['next>end_2']);
    expect(doc.layout?.end_2).toEqual({ x: 140, y: 40 });
  });

  it('renaming a node follows every reference and its position', () => {
    const original = moveNodes(sampleJourney(), { welcome: { x: 5.4, y: 7.6 }, [ENTRY_NODE_ID]: { x: 1, y: 1 } });
    expect(original.layout).toEqual({ welcome: { x: 5, y: 8 } });
    const node = original.nodes.find((n) => n.id === 'welcome')!;
    const doc = replaceNode(original, 'welcome', { ...node, id: 'greet' });
    expect(targets(doc, 'wait')).toEqual(['event:0>check', 'timeout>greet']);
    expect(targets(doc, 'check')).toEqual(['branch:0>greet', 'else>end']);
    expect(doc.layout).toEqual({ greet: { x: 5, y: 8 } });
  });

  it('new nodes point at an exit, created when the journey has none', () => {
    const doc = sampleJourney();
    expect(ensureFallbackTarget(doc).target).toBe('end');
    const withoutExit = { ...doc, nodes: doc.nodes.filter((n) => n.kind !== 'exit') };
    const { doc: withEnd, target } = ensureFallbackTarget(withoutExit);
    expect(target).toBe('end');
    expect(withEnd.nodes.at(-1)).toEqual({ id: 'end', kind: 'exit' });
    expect(uniqueNodeId(doc, 'wait')).toBe('wait_2');
    expect(uniqueNodeId(doc, '3x')).toBe('_3x');
    expect(addNode(doc, { id: 'x', kind: 'exit' }, { x: 1, y: 2 }).layout?.x).toEqual({ x: 1, y: 2 });
  });
});
