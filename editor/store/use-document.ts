/** The React binding of the document store: a context carrying the store and a selector hook. */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { DocumentState, DocumentStore } from './document-store.ts';

export const DocumentStoreContext = createContext<DocumentStore | undefined>(undefined);

/**
 * Reads a slice of the open journey's state and re-renders when it changes.
 *
 * @example
 * const doc = useDocument((s) => s.doc);
 */
export function useDocument<T>(selector: (state: DocumentState) => T): T {
  const store = useContext(DocumentStoreContext);
  if (store === undefined) throw new Error('useDocument: no DocumentStoreContext provider above this component');
  return useStore(store, selector);
}

/** The store itself, for event handlers that read the latest state without subscribing. */
export function useDocumentStore(): DocumentStore {
  const store = useContext(DocumentStoreContext);
  if (store === undefined) throw new Error('useDocumentStore: no DocumentStoreContext provider above this component');
  return store;
}
