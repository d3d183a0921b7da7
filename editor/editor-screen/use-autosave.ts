/** Autosave: saves the draft shortly after each change, with the revision it started from; a newer revision on the server is a conflict, never overwritten. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, type ApiClient } from '../api/client.ts';
import type { DocumentStore } from '../store/document-store.ts';

export type SaveState = 'saved' | 'dirty' | 'saving' | 'conflict' | 'failed';

const AUTOSAVE_DELAY_MS = 1200;

export function useAutosave(api: ApiClient, journeyId: string, store: DocumentStore, initialRevision: number) {
  const [state, setState] = useState<SaveState>('saved');
  const [error, setError] = useState<string | undefined>(undefined);
  const baseRevision = useRef(initialRevision);
  const savedDocRef = useRef(store.getState().doc);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef<Promise<void> | undefined>(undefined);
  const stateRef = useRef<SaveState>('saved');
  stateRef.current = state;

  const saveNow = useCallback(async (): Promise<boolean> => {
    clearTimeout(timer.current);
    if (inFlight.current) await inFlight.current;
    const doc = store.getState().doc;
    if (!doc || stateRef.current === 'conflict') return stateRef.current !== 'conflict';
    if (doc === savedDocRef.current) return true;
    setState('saving');
    let ok = false;
    inFlight.current = (async () => {
      try {
        const saved = await api.saveDraft(journeyId, doc, baseRevision.current);
        baseRevision.current = saved.draft.revision;
        savedDocRef.current = doc;
        setError(undefined);
        setState(store.getState().doc === doc ? 'saved' : 'dirty');
        ok = true;
      } catch (e) {
        if (e instanceof ApiError && (e.status === 409 || e.code === 'conflict')) setState('conflict');
        else {
          setState('failed');
          setError(e instanceof Error ? e.message : String(e));
        }
      }
    })();
    await inFlight.current;
    inFlight.current = undefined;
    return ok;
  }, [api, journeyId, store]);

  useEffect(
    () =>
      store.subscribe((s, prev) => {
        if (s.doc === prev.doc || s.origin === 'load') return;
        if (stateRef.current === 'conflict') return;
        setState('dirty');
        clearTimeout(timer.current);
        timer.current = setTimeout(() => void saveNow(), AUTOSAVE_DELAY_MS);
      }),
    [store, saveNow],
  );

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (stateRef.current === 'dirty' || stateRef.current === 'saving' || stateRef.current === 'failed') e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      clearTimeout(timer.current);
    };
  }, []);

  /** After loading the server's version (conflict resolved). */
  const reset = useCallback((revision: number) => {
    baseRevision.current = revision;
    savedDocRef.current = store.getState().doc;
    setState('saved');
  }, [store]);

  return { state, error, saveNow, reset, baseRevision };
}
