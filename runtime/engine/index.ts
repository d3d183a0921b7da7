/** The runtime engine's public surface: the pure step function and what schedulers, stores and simulators need around it. */

/**
 * The engine in one page (details on each function):
 *
 * - `step(plans, state, input)` → `{ state, effects }`, with now = `input.at`. Pure and browser-safe:
 *   no clock, no randomness, no I/O; the given state is never modified; replaying the same inputs
 *   gives the same state and the same effect ids. `effectId(effect)` makes an effect's id when it is
 *   wanted (a hash of journey, version, customer, node, input id and the effect's ordinal among that
 *   journey's effects for that input): counting or filtering effects never pays for it.
 * - Time order: timers due strictly before an input fire first, inside the step, exactly as if the
 *   scheduler had sent them. An awaited event at `fireAt − 1 ms` beats the timeout; at `fireAt + 1 ms`
 *   it loses; at `fireAt` exactly, whichever input is processed first wins.
 * - Facts are kept incrementally in `state.facts` (see factReaderFor for each built-in fact);
 *   daily buckets exist only for events a plan counts in a window, send times only as long as the
 *   longest frequency cap, so a dormancy-ladder customer stays well under 1 KB.
 * - Journeys are visited in journey id order: the customer's instance moves first, then the live
 *   version's entry is tried if the customer was not inside when the input arrived (re-entry
 *   `never`, or `afterExit` + cooldown from leaving). Segment triggers are checked after every
 *   input; schedule triggers enter only through scheduleTick at nextScheduleAt.
 * - Run-to-wait (walk.ts) moves through stage, condition, split, action and goal nodes until a wait
 *   or an exit; more than MAX_WALK_STEPS visits emit `loopGuard` and stop there.
 * - Waits: delay → timer; until → next wall-clock moment (customer's `timezone` trait, else the
 *   journey's zone), DST-correct; events → one exit per awaited event (`*` = any activity) plus a
 *   timeout counted from entering the node or from the last activity (moved on each activity).
 * - Policies: frequency caps count the customer's sends in every journey over a sliding window
 *   (`suppressed`); quiet hours drop (`suppressed`) or defer (`deferred` + timer at the window's
 *   end, caps checked on release); goals convert within goalWindowMs of entering.
 *
 * @example
 * import { step, dueTimers, timerInput } from 'lifecycle-studio/runtime';
 * let result = step(plans, undefined, { type: 'event', id: 'm1', customerId: 'c1', event: 'login', at: Date.UTC(2026, 0, 1), properties: {} });
 * const until = Date.UTC(2026, 2, 1);
 * for (let timer = dueTimers(result.state, until)[0]; timer; timer = dueTimers(result.state, until)[0]) {
 *   result = step(plans, result.state, timerInput('c1', timer)); // result.effects: stage changes, actions, …
 * }
 */
export { step, stepInPlace, MAX_CATCH_UP_TIMERS } from './step.ts';
export { effectId, identifiedEffect, type IdentifiedEffect } from './effect-id.ts';
export type * from './types.ts';
export { scheduleTick, scheduleTickInPlace, nextScheduleAt, scheduleInputId } from './schedule.ts';
export { dueTimers, timerInput } from './timers.ts';
export { newCustomerState, customerZone, TIMEZONE_TRAIT } from './customer-state.ts';
export { factReaderFor, lastActivityFor, isActivity } from './fact-reader.ts';
export { rfmScores, type RfmScores, type RfmSegment } from './rfm.ts';
export { splitBucket, splitBranch } from './split-bucket.ts';
export { MAX_WALK_STEPS } from './walk.ts';
export { zonedParts, zonedToUtc, nextZonedTime, isKnownTimeZone, MS_PER_DAY } from './time-zone.ts';
