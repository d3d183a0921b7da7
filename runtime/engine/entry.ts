/** Entering a journey: trigger matching, the re-entry rule, and the fresh instance. */
import type { Plan } from '../../dsl/compiler/plan.ts';
import { emit, factsNow, type StepContext } from './step-context.ts';
import { runToWait } from './walk.ts';
import type { JourneyInstance } from './types.ts';

/**
 * Whether the customer may enter now, given their previous instance of the journey (if any): never
 * while inside; with `reentry: "never"` never again; with `"afterExit"` once they have left and the
 * cooldown (counted from leaving) has passed.
 *
 * @example
 * mayEnter(plan, state.journeys[plan.journeyId], now);
 */
export function mayEnter(plan: Plan, previous: JourneyInstance | undefined, now: number): boolean {
  if (previous === undefined) return true;
  if (previous.status === 'active' || plan.entry.reentry === 'never') return false;
  const cooldown = plan.entry.cooldownMs ?? 0;
  return previous.exitedAt === undefined || now - previous.exitedAt >= cooldown;
}

/**
 * Whether this input triggers the plan's entry: an event trigger matches the event's name (or `*`)
 * and its `when` (which sees `event`); a segment trigger's `when` holds after any input. Schedule
 * triggers enter only through scheduleTick.
 *
 * @example
 * triggerMatches(ctx, plan, previous);
 */
export function triggerMatches(ctx: StepContext, plan: Plan, previous: JourneyInstance | undefined): boolean {
  const trigger = plan.entry.trigger;
  switch (trigger.type) {
    case 'event':
      return (
        ctx.event !== undefined &&
        (trigger.event === '*' || trigger.event === ctx.event.name) &&
        (trigger.when === undefined || trigger.when(factsNow(ctx, plan, previous)))
      );
    case 'segment':
      return trigger.when(factsNow(ctx, plan, previous));
    case 'schedule':
      return false;
  }
}

/**
 * Puts the customer into the plan (mutating the state): an `entered` effect, then run-to-wait from
 * the entry's node. A re-entering customer keeps their last stage in this journey (so the first
 * stage change reads e.g. lost → active) and any deferred message still pending.
 *
 * @example
 * enterJourney(ctx, plan, state.journeys[plan.journeyId]);
 */
export function enterJourney(ctx: StepContext, plan: Plan, previous: JourneyInstance | undefined): JourneyInstance {
  const instance: JourneyInstance = {
    journeyId: plan.journeyId,
    version: plan.version,
    status: 'active',
    node: plan.entry.next,
    enteredAt: ctx.now,
    nodeEnteredAt: ctx.now,
    entries: (previous?.entries ?? 0) + 1,
    timers: previous?.timers.filter((t) => t.purpose === 'deferred') ?? [],
    // Slots from the start (undefined is left out of JSON): set later, they would need a separate property store.
    stage: previous?.stage,
    stageSince: previous?.stage === undefined ? undefined : previous.stageSince,
  };
  if (previous?.deferred !== undefined && previous.deferred.length > 0) instance.deferred = previous.deferred;
  ctx.state.journeys[plan.journeyId] = instance;
  emit(ctx, instance, plan.entry.next, { kind: 'entered' });
  runToWait(ctx, plan, instance, plan.entry.next);
  return instance;
}
