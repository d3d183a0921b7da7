/** Entering a `wait` node: delay and until waits set one timer; an events wait sets its timeout timer. */
import type { Plan, PlanWaitDelay, PlanWaitEvents, PlanWaitUntil } from '../../dsl/compiler/plan.ts';
import { customerZone } from './customer-state.ts';
import { lastActivityFor } from './fact-reader.ts';
import { appended } from './state-copy.ts';
import { emit, nextTimerId, type StepContext } from './step-context.ts';
import { nextZonedTime, zonedToUtc } from './time-zone.ts';
import type { JourneyInstance, Millis, Timer } from './types.ts';

type PlanWait = PlanWaitDelay | PlanWaitUntil | PlanWaitEvents;

/**
 * The first instant at or after now matching an until wait in the customer's zone: the next `time`
 * of day; a `date` at 00:00 (or at `time`). A date already past gives an instant before now.
 *
 * @example
 * untilMoment(ctx, plan, { kind: 'wait', mode: 'until', id: 'w', time: { hour: 9, minute: 0 }, next: 'n' });
 */
export function untilMoment(ctx: StepContext, plan: Plan, node: PlanWaitUntil): Millis {
  const zone = customerZone(ctx.state, plan);
  const time = node.time ?? { hour: 0, minute: 0 };
  if (node.date === undefined) return nextZonedTime(ctx.now, time, zone);
  return zonedToUtc({ ...node.date, ...time }, zone);
}

/**
 * When an events wait times out: `timeoutMs` after the customer entered the node, or after their
 * last activity as the plan sees it (`timeoutFrom: "lastActivity"`; a customer never active counts
 * from entering the node).
 *
 * @example
 * timeoutFireAt(ctx, plan, instance, node); // lastActivityAt + 30 days
 */
export function timeoutFireAt(ctx: StepContext, plan: Plan, instance: JourneyInstance, node: PlanWaitEvents): Millis {
  const anchor = node.timeoutFrom === 'lastActivity' ? (lastActivityFor(ctx.state, plan) ?? instance.nodeEnteredAt) : instance.nodeEnteredAt;
  return anchor + node.timeoutMs;
}

/**
 * The timers array a step last emptied in place (see takeOnlyTimer), which still has the room of
 * its one timer. Module-wide rather than per step: steps never interleave, and an array is only
 * refilled when it is still this one and still empty. Any other empty array is not refilled: an
 * empty array literal (a new instance, a copied or parsed state) that is pushed to takes room for 16
 * or more, which, kept for the instance's life, made a dormancy-ladder customer 128 bytes larger
 * (bench row 7: 991 → 1,119 B, over its 1 KB target).
 */
let emptiedInPlace: Timer[] | undefined;

/**
 * Empties an instance's timers array of its only timer, keeping the array and its room: the wait
 * that usually follows (the same node again, or the next rung) puts its timer there instead of
 * allocating a new array, which, living as long as its timer, two young-generation collections
 * would copy. The array is the step's own (a private copy, or a state the caller hands over).
 *
 * @example
 * takeOnlyTimer(instance.timers); // instance.timers.length === 0, its room kept for setTimer
 */
export function takeOnlyTimer(timers: Timer[]): void {
  timers.pop();
  emptiedInPlace = timers;
}

/**
 * Sets a timer for the instance's current node (mutating it) and announces it with `timerSet`.
 *
 * @example
 * setTimer(ctx, instance, 'wait_3d', ctx.now + 3 * DAY, 'wait');
 */
export function setTimer(ctx: StepContext, instance: JourneyInstance, node: string, fireAt: Millis, purpose: Timer['purpose']): Timer {
  const timer: Timer = { id: nextTimerId(ctx, instance, node), journeyId: instance.journeyId, node, fireAt, purpose };
  const timers = instance.timers;
  if (timers.length === 0 && timers === emptiedInPlace) {
    timers.push(timer);
    emptiedInPlace = undefined;
  } else {
    instance.timers = appended(timers, timer);
  }
  emit(ctx, instance, node, { kind: 'timerSet', timer });
  return timer;
}

/**
 * Removes the instance's wait and timeout timers (deferred messages keep theirs), each with a `timerCleared`.
 *
 * @example
 * clearWaitTimers(ctx, instance);
 */
export function clearWaitTimers(ctx: StepContext, instance: JourneyInstance): void {
  const timers = instance.timers;
  if (timers.length === 0) return;
  // The usual case, one wait timer, without the two filtered arrays.
  if (timers.length === 1 && timers[0]!.purpose !== 'deferred') {
    const timer = timers[0]!;
    takeOnlyTimer(timers);
    emit(ctx, instance, timer.node, { kind: 'timerCleared', timerId: timer.id });
    return;
  }
  instance.timers = timers.filter((t) => t.purpose === 'deferred');
  for (const timer of timers) if (timer.purpose !== 'deferred') emit(ctx, instance, timer.node, { kind: 'timerCleared', timerId: timer.id });
}

/**
 * Puts the instance into a wait node. Returns the node to go on to when the wait is already over
 * (a zero delay, an until moment at or before now, a timeout already elapsed), else undefined
 * after setting the wait's timer. Awaited events are matched as events arrive, not here.
 *
 * @example
 * const next = enterWait(ctx, plan, instance, node); // undefined: the customer now waits
 */
export function enterWait(ctx: StepContext, plan: Plan, instance: JourneyInstance, node: PlanWait): string | undefined {
  switch (node.mode) {
    case 'delay': {
      if (node.durationMs <= 0) return node.next;
      setTimer(ctx, instance, node.id, ctx.now + node.durationMs, 'wait');
      return undefined;
    }
    case 'until': {
      const at = untilMoment(ctx, plan, node);
      if (at <= ctx.now) return node.next;
      setTimer(ctx, instance, node.id, at, 'wait');
      return undefined;
    }
    case 'events': {
      const at = timeoutFireAt(ctx, plan, instance, node);
      if (at <= ctx.now) return node.timeoutNext;
      setTimer(ctx, instance, node.id, at, 'timeout');
      return undefined;
    }
  }
}
