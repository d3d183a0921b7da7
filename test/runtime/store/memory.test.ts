/** The memory store passes the store conformance suite. */
import { MemoryStore } from '../../../runtime/store/memory.ts';
import { storeConformance } from './store.case.ts';

storeConformance('memory', { open: async () => new MemoryStore() });
