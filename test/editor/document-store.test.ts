/** The editor's document store: changes, undo/redo, merging keystrokes into one step, selection upkeep. */
import { describe, expect, it } from 'vitest';
import { createDocumentStore } from '../../editor/store/document-store.ts';
import { sampleJourney } from './sample-journey.ts';

describe('document store', () => {
  it('undoes and redoes changes in order', () => {
    const store = createDocumentStore();
    const doc = sampleJourney();
    store.getState().load(doc);
    const renamed = { ...doc, name: { zh: '改名', en: 'Renamed' } };
    store.getState().change(renamed, 'inspector');
    const moved = { ...renamed, layout: { start: { x: 10, y: 20 } } };
    store.getState().change(moved, 'canvas');
    expect(store.getState().doc).toBe(moved);
    store.getState().undo();
    expect(store.getState().doc).toBe(renamed);
    store.getState().undo();
    expect(store.getState().doc).toBe(doc);
    store.getState().undo();
    expect(store.getState().doc).toBe(doc);
    store.getState().redo();
    store.getState().redo();
    expect(store.getState().doc).toBe(moved);
    expect(store.getState().origin).toBe('history');
  });

  it('merges quick changes with the same merge key into one undo step, but not slow ones', () => {
    let now = 0;
    const store = createDocumentStore(() => now);
    const doc = sampleJourney();
    store.getState().load(doc);
    for (const en of ['N', 'Ne', 'New']) {
      now += 200;
      store.getState().change({ ...store.getState().doc!, name: { zh: '', en } }, 'inspector', 'name-en');
    }
    expect(store.getState().past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().doc).toBe(doc);
    store.getState().redo();
    now += 5000;
    store.getState().change({ ...store.getState().doc!, name: { zh: '', en: 'Newer' } }, 'inspector', 'name-en');
    expect(store.getState().past).toHaveLength(2);
  });

  it('a new change clears the redo stack and drops selected ids that no longer exist', () => {
    const store = createDocumentStore();
    const doc = sampleJourney();
    store.getState().load(doc);
    store.getState().select(['welcome', 'end']);
    store.getState().change({ ...doc, nodes: doc.nodes.filter((n) => n.id !== 'welcome') }, 'canvas');
    expect(store.getState().selection).toEqual(['end']);
    store.getState().undo();
    expect(store.getState().future).toHaveLength(1);
    store.getState().change({ ...doc, name: { zh: 'x', en: 'x' } }, 'inspector');
    expect(store.getState().future).toHaveLength(0);
  });

  it('loading forgets history', () => {
    const store = createDocumentStore();
    const doc = sampleJourney();
    store.getState().load(doc);
    store.getState().change({ ...doc, name: { zh: 'x', en: 'x' } }, 'inspector');
    store.getState().load(doc);
    expect(store.getState().past).toEqual([]);
    expect(store.getState().origin).toBe('load');
  });
});
