/** The journey being edited: a vanilla zustand store with undo/redo, shared by the canvas, the inspector and the DSL panel. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { JourneyDocument } from '../../dsl/schema/document.ts';

/** Who made a change: the DSL panel must not rewrite the text the user is typing in. */
export type ChangeOrigin = 'canvas' | 'inspector' | 'text' | 'json' | 'history' | 'load';

export interface DocumentState {
  doc: JourneyDocument | undefined;
  /** Older documents, most recent last. */
  past: JourneyDocument[];
  /** Undone documents, most recent last. */
  future: JourneyDocument[];
  /** Increments on every change; autosave and views key off it. */
  revision: number;
  origin: ChangeOrigin;
  selection: string[];
  /** Replaces the document and forgets history (opening a journey, reloading after a conflict). */
  load(doc: JourneyDocument): void;
  /**
   * Applies a change. Changes with the same `mergeKey` in quick succession (typing in one field)
   * become one undo step.
   */
  change(next: JourneyDocument, origin: ChangeOrigin, mergeKey?: string): void;
  undo(): void;
  redo(): void;
  select(ids: string[]): void;
}

const HISTORY_LIMIT = 200;
const MERGE_WINDOW_MS = 1200;

export type DocumentStore = StoreApi<DocumentState>;

/**
 * Creates an independent document store (one per open journey).
 *
 * @example
 * const store = createDocumentStore();
 * store.getState().load(doc);
 * store.getState().change({ ...doc, name: { zh: '新', en: 'New' } }, 'inspector');
 * store.getState().undo(); // back to `doc`
 */
export function createDocumentStore(now: () => number = Date.now): DocumentStore {
  let lastMerge: { key: string; at: number } | undefined;
  return createStore<DocumentState>()((set, get) => ({
    doc: undefined,
    past: [],
    future: [],
    revision: 0,
    origin: 'load',
    selection: [],
    load: (doc) => {
      lastMerge = undefined;
      set({ doc, past: [], future: [], revision: get().revision + 1, origin: 'load', selection: [] });
    },
    change: (next, origin, mergeKey) => {
      const { doc, past, revision } = get();
      if (doc === undefined || next === doc) return;
      const at = now();
      const merging = mergeKey !== undefined && lastMerge?.key === mergeKey && at - lastMerge.at < MERGE_WINDOW_MS;
      lastMerge = mergeKey === undefined ? undefined : { key: mergeKey, at };
      const nextPast = merging ? past : [...past, doc].slice(-HISTORY_LIMIT);
      const ids = new Set(next.nodes.map((n) => n.id));
      set({ doc: next, past: nextPast, future: [], revision: revision + 1, origin, selection: get().selection.filter((id) => ids.has(id)) });
    },
    undo: () => {
      const { doc, past, future, revision } = get();
      const previous = past[past.length - 1];
      if (doc === undefined || previous === undefined) return;
      lastMerge = undefined;
      set({ doc: previous, past: past.slice(0, -1), future: [...future, doc], revision: revision + 1, origin: 'history' });
    },
    redo: () => {
      const { doc, past, future, revision } = get();
      const following = future[future.length - 1];
      if (doc === undefined || following === undefined) return;
      lastMerge = undefined;
      set({ doc: following, past: [...past, doc], future: future.slice(0, -1), revision: revision + 1, origin: 'history' });
    },
    select: (ids) => set({ selection: ids }),
  }));
}
