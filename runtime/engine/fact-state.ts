/** Keeps a customer's built-in facts up to date one event at a time, and prunes what no journey can read any more. */
import { PURCHASE_AMOUNT_PROPERTY, PURCHASE_EVENT } from '../../dsl/facts.ts';
import { FORBIDDEN_NAMES } from '../../dsl/schema/common.ts';
import { ownRecord, sharedWhenEmpty } from './customer-state.ts';
import type { PlanNeeds } from './plan-needs.ts';
import { MS_PER_DAY } from './time-zone.ts';
import type { CustomerState, FactState, Millis } from './types.ts';

/** The key of daily buckets and of `eventCount` windows that counts every event. */
export const ANY_EVENT_KEY = '*';

/**
 * The UTC day number of an instant (days since 1970-01-01), the key of daily buckets.
 *
 * @example
 * utcDayNumber(Date.UTC(1970, 0, 2, 12)); // 1
 */
export function utcDayNumber(at: Millis): number {
  return Math.floor(at / MS_PER_DAY);
}

/**
 * A purchase's amount: a finite number, or a numeric string ("199.00"); anything else counts as 0.
 *
 * @example
 * purchaseAmount({ amount: '199.5' }); // 199.5
 */
export function purchaseAmount(properties: Readonly<Record<string, unknown>>): number {
  const raw = properties[PURCHASE_AMOUNT_PROPERTY];
  const amount = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
  return Number.isFinite(amount) ? amount : 0;
}

/**
 * Folds one event into the facts (mutating `facts`). Every event counts as activity here; a plan
 * that narrows activity reads `lastEventAt` of its activity events instead. Daily buckets are only
 * kept for events some plan counts in a window (`needs.countWindowDays`), so state stays small.
 * Event names that could reach an object prototype are counted as activity but not stored by name.
 *
 * @example
 * recordEvent(state.facts, 'purchase', Date.UTC(2026, 0, 1), { amount: 99 }, needs);
 */
export function recordEvent(facts: FactState, event: string, at: Millis, properties: Readonly<Record<string, unknown>>, needs: PlanNeeds): void {
  // Times are only written when they change, and always as `at` itself: the fields that hold the
  // same instant then share one number in memory instead of each boxing its own.
  if (facts.firstSeenAt === undefined || at < facts.firstSeenAt) facts.firstSeenAt = at;
  if (facts.lastActivityAt === undefined || at > facts.lastActivityAt) facts.lastActivityAt = at;
  if (FORBIDDEN_NAMES.has(event)) return;
  const lastOfEvent = facts.lastEventAt[event];
  if (lastOfEvent === undefined || at > lastOfEvent) facts.lastEventAt[event] = at;
  facts.eventCounts[event] = (facts.eventCounts[event] ?? 0) + 1;
  if (needs.countWindowDays.has(event)) countInDailyBucket(facts, event, at);
  if (needs.countWindowDays.has(ANY_EVENT_KEY)) countInDailyBucket(facts, ANY_EVENT_KEY, at);
  if (event === PURCHASE_EVENT) {
    facts.purchaseCount += 1;
    facts.totalSpend += purchaseAmount(properties);
    if (facts.firstPurchaseAt === undefined || at < facts.firstPurchaseAt) facts.firstPurchaseAt = at;
    if (facts.lastPurchaseAt === undefined || at > facts.lastPurchaseAt) facts.lastPurchaseAt = at;
  }
}

function countInDailyBucket(facts: FactState, key: string, at: Millis): void {
  // The day as a number: the same property as its decimal string (an array index), without making the string.
  const day = utcDayNumber(at);
  const buckets = (ownRecord(facts, 'dailyCounts')[key] ??= {});
  buckets[day] = (buckets[day] ?? 0) + 1;
}

/**
 * Drops daily buckets older than the longest window any plan asks for (and whole bucket sets no
 * plan reads), and send times older than the longest frequency-cap window. A record this empties
 * goes back to the shared empty one (an object emptied by deletes stays in V8's slower, larger form).
 *
 * @example
 * pruneFacts(state, now, needs);
 */
export function pruneFacts(state: Pick<CustomerState, 'facts' | 'sends'>, now: Millis, needs: PlanNeeds): void {
  const facts = state.facts;
  const today = utcDayNumber(now);
  let dropped = false;
  // Runs after every input: for…in skips the entry arrays Object.entries would allocate for (usually) empty records.
  for (const event in facts.dailyCounts) {
    const buckets = facts.dailyCounts[event]!;
    const windowDays = needs.countWindowDays.get(event);
    if (windowDays === undefined) {
      delete facts.dailyCounts[event];
      dropped = true;
      continue;
    }
    // Object.keys lists the day keys (array indexes) in ascending order, so when the earliest is in
    // the window nothing goes. for…in took V8's slow path on these sparse records (no enum cache, a
    // prototype check per key): three times as long, before every input.
    const days = Object.keys(buckets);
    const cutoff = today - windowDays;
    if (days.length > 0 && Number(days[0]) > cutoff) continue;
    let kept = 0;
    for (let i = 0; i < days.length; i++) {
      const day = days[i]!;
      if (Number(day) <= cutoff) delete buckets[day];
      else kept++;
    }
    if (kept === 0) {
      delete facts.dailyCounts[event];
      dropped = true;
    }
  }
  if (dropped) facts.dailyCounts = sharedWhenEmpty(facts.dailyCounts);
  dropped = false;
  const sends = state.sends;
  for (const channel in sends) {
    const times = sends[channel]!;
    const cutoff = now - needs.longestCapMs;
    if (times.every((t) => t > cutoff)) continue;
    const kept = times.filter((t) => t > cutoff);
    if (kept.length === 0) {
      delete sends[channel];
      dropped = true;
    } else sends[channel] = kept;
  }
  if (dropped) state.sends = sharedWhenEmpty(sends);
}

/**
 * Events of a kind in the last `days` UTC calendar days, today included (buckets), or ever (no `days`).
 * `*` counts every event.
 *
 * @example
 * countEvents(state.facts, 'login', now, 7); // logins today and in the six days before
 */
export function countEvents(facts: FactState, event: string, now: Millis, days?: number): number {
  if (days === undefined) {
    if (event === ANY_EVENT_KEY) return Object.values(facts.eventCounts).reduce((sum, n) => sum + n, 0);
    return Object.hasOwn(facts.eventCounts, event) ? (facts.eventCounts[event] ?? 0) : 0;
  }
  const buckets = Object.hasOwn(facts.dailyCounts, event) ? facts.dailyCounts[event] : undefined;
  if (buckets === undefined) return 0;
  const today = utcDayNumber(now);
  let total = 0;
  // Object.keys rather than for…in (see pruneFacts) or Object.entries (a pair per day).
  const keys = Object.keys(buckets);
  for (let i = 0; i < keys.length; i++) {
    const n = Number(keys[i]);
    if (n <= today && n > today - days) total += buckets[keys[i]!]!;
  }
  return total;
}
