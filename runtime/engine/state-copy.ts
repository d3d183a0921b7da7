/** A fast private copy of a customer state: every container the engine changes is new, immutable leaves are shared. */
import { hasOwnKeys, sharedWhenEmpty } from './customer-state.ts';
import type { CustomerState, FactState, JourneyInstance } from './types.ts';

/**
 * A copy of a profile value: JSON-like values (what traits and setField write) are copied by hand,
 * anything more exotic (a Date handed in by an embedding program) through structuredClone.
 */
function copyValue(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyValue);
  if (Object.getPrototypeOf(value) !== Object.prototype) return structuredClone(value);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = copyValue((value as Record<string, unknown>)[key]);
  return copy;
}

function copyRecord<T>(record: Readonly<Record<string, T>>, copyEntry: (entry: T) => T): Record<string, T> {
  const copy: Record<string, T> = {};
  for (const key of Object.keys(record)) copy[key] = copyEntry(record[key]!);
  return copy;
}

/** A copy of a record the engine writes to through ownRecord: an empty one is (or becomes) the shared empty record. */
function copyShareable<T>(record: Readonly<Record<string, T>>, copyEntry: (entry: T) => T): Record<string, T> {
  return hasOwnKeys(record) ? copyRecord(record, copyEntry) : sharedWhenEmpty(record);
}

const copyFacts = (facts: FactState): FactState => ({
  ...facts,
  lastEventAt: { ...facts.lastEventAt },
  eventCounts: { ...facts.eventCounts },
  dailyCounts: copyShareable(facts.dailyCounts, (buckets) => ({ ...buckets })),
});

// Timer objects and deferred entries are never changed after creation (the engine replaces them),
// so the arrays are new and their items shared.
const copyInstance = (instance: JourneyInstance): JourneyInstance => {
  const copy: JourneyInstance = { ...instance, timers: [...instance.timers] };
  if (instance.deferred !== undefined) copy.deferred = [...instance.deferred];
  return copy;
};

/**
 * A copy of the state that a step may change freely without touching the original: the same
 * result as `structuredClone` for every container the engine writes to, about ten times faster.
 *
 * @example
 * const working = copyCustomerState(state); working.tags.push('vip'); // state.tags is unchanged
 */
export function copyCustomerState(state: CustomerState): CustomerState {
  return {
    ...state,
    profile: copyShareable(state.profile, copyValue),
    tags: [...state.tags],
    facts: copyFacts(state.facts),
    journeys: copyRecord(state.journeys, copyInstance),
    sends: copyShareable(state.sends, (times) => [...times]),
  };
}

/**
 * `list` with `item` appended, in a new array of exactly that length: state arrays live as long as
 * the customer, and `push` (or spread) on a short array reserves room for 16 more items (130 bytes
 * per array at rest). `concat` sizes exactly; copying a handful of items costs less than the room.
 *
 * @example
 * instance.timers = appended(instance.timers, timer);
 */
export function appended<T>(list: readonly T[], item: T): T[] {
  return list.length === 0 ? [item] : list.concat([item]);
}
