/** Schedule-triggered entries: when a journey's schedule next falls due, and entering a known customer at that moment. */
import type { Plan } from '../../dsl/compiler/plan.ts';
import { enterJourney, mayEnter } from './entry.ts';
import { EffectOrdinals, factsNow, type StepContext } from './step-context.ts';
import { catchUpTimers, needsInPlay, pruneState, workingCopy } from './step.ts';
import { nextZonedTime, zonedParts } from './time-zone.ts';
import type { CustomerState, Effect, Millis, PlanSet, StepResult } from './types.ts';

/**
 * The input id of a schedule tick, and so the seed of its effect ids.
 *
 * @example
 * scheduleInputId('weekly-review', Date.UTC(2026, 0, 5, 1)); // 'schedule:weekly-review:1767574800000'
 */
export function scheduleInputId(journeyId: string, at: Millis): string {
  return `schedule:${journeyId}:${at}`;
}

/**
 * The first instant at or after `from` when the plan's schedule trigger falls due: its time of day
 * on one of its ISO weekdays (every day when none are given), in the journey's time zone.
 * Undefined when the plan has no schedule trigger.
 *
 * @example
 * nextScheduleAt(plan, Date.UTC(2026, 0, 1)); // 09:00 Asia/Shanghai on the next listed weekday
 */
export function nextScheduleAt(plan: Plan, from: Millis): Millis | undefined {
  const trigger = plan.entry.trigger;
  if (trigger.type !== 'schedule') return undefined;
  const zone = plan.policies.timezone;
  let at = nextZonedTime(from, trigger.at, zone);
  for (let day = 0; day < 8; day++) {
    if (trigger.weekdays === undefined || trigger.weekdays.includes(zonedParts(at, zone).weekday)) return at;
    at = nextZonedTime(at + 1, trigger.at, zone);
  }
  return undefined;
}

/**
 * A journey's schedule falling due for one customer at `at`: overdue timers fire first (as in
 * step), then the live version of `journeyId` — if its trigger is a schedule — takes the customer
 * in when the re-entry rule allows and the trigger's `when` holds. The runtime calls it for each
 * known customer at each nextScheduleAt. Pure, like step. Without a state, pass `customerId`
 * (a customer with no state yet); with neither, nobody enters.
 *
 * @example
 * const { state, effects } = scheduleTick(plans, state, 'weekly-review', nextScheduleAt(plan, now)!);
 */
export function scheduleTick(plans: PlanSet, state: CustomerState | undefined, journeyId: string, at: Millis, customerId = state?.customerId): StepResult {
  const working = workingCopy(state, customerId ?? '');
  return { state: working, effects: scheduleTickInPlace(plans, working, journeyId, at, customerId !== undefined) };
}

/**
 * `scheduleTick` for a caller that owns the state (see stepInPlace): the same effects and resulting
 * state, but `state` itself is changed. `known` false means the customer has no state yet (nobody enters).
 *
 * @example
 * const effects = scheduleTickInPlace(plans, state, 'weekly-review', nextScheduleAt(plan, now)!);
 */
export function scheduleTickInPlace(plans: PlanSet, state: CustomerState, journeyId: string, at: Millis, known = true): Effect[] {
  const effects: Effect[] = [];
  catchUpTimers(plans, state, at, effects);
  const plan = plans.live.find((p) => p.journeyId === journeyId);
  if (known && plan !== undefined && plan.entry.trigger.type === 'schedule') {
    const recordsSends = needsInPlay(plans, state).longestCapMs > 0;
    const ctx: StepContext = { plans, state, now: at, inputId: scheduleInputId(journeyId, at), effects, ordinals: new EffectOrdinals(), recordsSends };
    const previous = Object.hasOwn(state.journeys, journeyId) ? state.journeys[journeyId] : undefined;
    const when = plan.entry.trigger.when;
    if (mayEnter(plan, previous, at) && (when === undefined || when(factsNow(ctx, plan, previous)))) enterJourney(ctx, plan, previous);
  }
  pruneState(plans, state, at);
  return effects;
}
