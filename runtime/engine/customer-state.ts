/** A customer's engine state: creating it, merging profile traits, and the customer's time zone. */
import type { Plan } from '../../dsl/compiler/plan.ts';
import { FORBIDDEN_NAMES } from '../../dsl/schema/common.ts';
import { isKnownTimeZone } from './time-zone.ts';
import type { CustomerState } from './types.ts';

/** The profile trait that holds a customer's IANA time zone. */
export const TIMEZONE_TRAIT = 'timezone';

/**
 * The one empty record that states share for their profile, send times and daily counts until a step
 * writes to one (through {@link ownRecord}): an empty object costs 56 bytes, and most customers never
 * get a trait, a capped send or a windowed count (a dormancy-ladder customer: 991 → 823 bytes).
 * Frozen, so a write that skips ownRecord throws rather than reaching every customer.
 */
const SHARED_EMPTY: Readonly<Record<string, never>> = Object.freeze({});

/**
 * The record under `key` as the holder's own, to write to: a new empty one in place of the shared one.
 *
 * @example
 * ownRecord(state, 'profile').grade = 3;
 */
export function ownRecord<H extends object, K extends keyof H>(holder: H, key: K): H[K] {
  if ((holder[key] as unknown) === SHARED_EMPTY) holder[key] = {} as H[K];
  return holder[key];
}

/**
 * `record` itself, or the shared empty record when it has no keys: for a copy or a record a prune emptied.
 *
 * @example
 * state.sends = sharedWhenEmpty(state.sends);
 */
export function sharedWhenEmpty<T extends object>(record: T): T {
  return hasOwnKeys(record) ? record : (SHARED_EMPTY as T);
}

/**
 * Whether the record has a key of its own.
 *
 * @example
 * hasOwnKeys({}); // false
 */
export function hasOwnKeys(record: object): boolean {
  for (const key in record) if (Object.hasOwn(record, key)) return true;
  return false;
}

/**
 * The state of a customer the engine has never seen. Its profile, send times and daily counts are
 * one shared, frozen empty record: change them through a step (or take them with {@link ownRecord}).
 *
 * @example
 * newCustomerState('c-1'); // { customerId: 'c-1', profile: {}, tags: [], facts: { … }, journeys: {}, sends: {} }
 */
export function newCustomerState(customerId: string): CustomerState {
  return {
    customerId,
    profile: SHARED_EMPTY,
    tags: [],
    // The optional times are slots from the start (undefined until set, which JSON leaves out): added
    // later, they would go to a separate property store, 70 bytes more per customer.
    facts: {
      lastEventAt: {},
      eventCounts: {},
      dailyCounts: SHARED_EMPTY,
      totalSpend: 0,
      purchaseCount: 0,
      firstSeenAt: undefined,
      lastActivityAt: undefined,
      firstPurchaseAt: undefined,
      lastPurchaseAt: undefined,
    },
    journeys: {},
    sends: SHARED_EMPTY,
  };
}

/**
 * Merges identify traits into the profile (mutating it); a trait set to `null` is stored as null.
 * Names that could reach an object prototype are skipped.
 *
 * @example
 * mergeTraits(state.profile, { grade: 3, timezone: 'America/New_York' });
 */
export function mergeTraits(profile: Record<string, unknown>, traits: Readonly<Record<string, unknown>>): void {
  for (const name in traits) {
    if (!Object.hasOwn(traits, name)) continue;
    const value = traits[name];
    if (!FORBIDDEN_NAMES.has(name) && value !== undefined) profile[name] = value;
  }
}

/**
 * The zone wall-clock waits and quiet hours use: the customer's `timezone` trait if it names a
 * known zone, else the journey's default, else UTC.
 *
 * @example
 * customerZone(state, plan); // 'America/New_York'
 */
export function customerZone(state: CustomerState, plan: Plan): string {
  const trait = Object.hasOwn(state.profile, TIMEZONE_TRAIT) ? state.profile[TIMEZONE_TRAIT] : undefined;
  if (isKnownTimeZone(trait)) return trait;
  return isKnownTimeZone(plan.policies.timezone) ? plan.policies.timezone : 'UTC';
}
