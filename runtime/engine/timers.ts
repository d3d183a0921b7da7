/** A customer's pending timers, in the order the scheduler must fire them. */
import type { CustomerState, Millis, Timer, TimerInput } from './types.ts';

/** Timers fire in time order; equal times in id order, so every run agrees. */
export const byFireOrder = (a: Timer, b: Timer): number => a.fireAt - b.fireAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Every pending timer of the customer (all journeys), in firing order; with `until`, only those due
 * at or before it.
 *
 * @example
 * dueTimers(state, clock.now()).map((timer) => timerInput(state.customerId, timer));
 */
export function dueTimers(state: CustomerState, until?: Millis): Timer[] {
  const timers: Timer[] = [];
  for (const instance of Object.values(state.journeys)) {
    for (const timer of instance.timers) if (until === undefined || timer.fireAt <= until) timers.push(timer);
  }
  return timers.sort(byFireOrder);
}

/**
 * The customer's first pending timer in firing order that is due strictly before `before` (any, by
 * default), without sorting or allocating: asked before every input and after every simulated step.
 *
 * @example
 * earliestTimer(state, input.at); // an overdue timer to fire before the input, if any
 */
export function earliestTimer(state: CustomerState, before: Millis = Number.POSITIVE_INFINITY): Timer | undefined {
  let earliest: Timer | undefined;
  // for…in rather than Object.values: this allocates nothing.
  for (const journeyId in state.journeys) {
    const timers = state.journeys[journeyId]!.timers;
    for (let i = 0; i < timers.length; i++) {
      const timer = timers[i]!;
      if (timer.fireAt < before && (earliest === undefined || byFireOrder(timer, earliest) < 0)) earliest = timer;
    }
  }
  return earliest;
}

/**
 * The input that fires a timer: its id is the timer id, its time the timer's time.
 *
 * @example
 * step(plans, state, timerInput(state.customerId, dueTimers(state)[0]));
 */
export function timerInput(customerId: string, timer: Timer): TimerInput {
  return { type: 'timer', id: timer.id, customerId, journeyId: timer.journeyId, at: timer.fireAt };
}
