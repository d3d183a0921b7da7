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
 * The input that fires a timer: its id is the timer id, its time the timer's time.
 *
 * @example
 * step(plans, state, timerInput(state.customerId, dueTimers(state)[0]));
 */
export function timerInput(customerId: string, timer: Timer): TimerInput {
  return { type: 'timer', id: timer.id, customerId, journeyId: timer.journeyId, at: timer.fireAt };
}
