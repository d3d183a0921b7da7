/** `lifecycle-studio/runtime`: the engine, the runtime, stores and clocks — everything needed to run journeys without the server. */
export * from './engine/index.ts';
export { createRuntime, JourneyLoadError, type Runtime, type RuntimeOptions, type IngestResult } from './runtime.ts';
export { PlanRegistry } from './plan-registry.ts';
export { Simulation, type SimulationOptions } from './clock/simulation.ts';
export { RealClock, VirtualClock, type Clock } from './clock/clock.ts';
export { TimerQueue, type QueuedTimer } from './clock/timer-queue.ts';
export { MemoryStore } from './store/memory.ts';
export { EmbeddedStore, type EmbeddedStoreOptions } from './store/embedded.ts';
export { JournalCorruptError } from './store/journal.ts';
export * from './store/types.ts';
