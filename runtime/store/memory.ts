/** The in-memory store: for tests and simulation; nothing survives the process. */
import { DefinitionBook, emptyDefinitions } from './definitions.ts';
import { ModelStore } from './model-store.ts';
import type { StoreOp } from './state-model.ts';

/**
 * @example
 * const store = new MemoryStore();
 * const runtime = createRuntime({ store, clock: new VirtualClock() });
 */
export class MemoryStore extends ModelStore {
  protected readonly definitions = new DefinitionBook(emptyDefinitions(), async () => {});

  protected async record(op: StoreOp): Promise<void> {
    this.model.apply(op);
  }

  protected async release(): Promise<void> {}
}
