/** Moves a customer's existing journey instance on an input: awaited events, moving activity timeouts, and timers falling due. */
import type { Plan, PlanWaitEvents } from '../../dsl/compiler/plan.ts';
import { sendMessageNow } from './actions.ts';
import { isActivity } from './fact-reader.ts';
import { emit, factsNow, indexedEdge, type StepContext } from './step-context.ts';
import { runToWait } from './walk.ts';
import { clearWaitTimers, setTimer, timeoutFireAt } from './waits.ts';
import type { JourneyInstance, Timer } from './types.ts';

function currentEventsWait(plan: Plan, instance: JourneyInstance): PlanWaitEvents | undefined {
  if (instance.status !== 'active') return undefined;
  const node = plan.nodes.get(instance.node);
  return node?.kind === 'wait' && node.mode === 'events' ? node : undefined;
}

/**
 * An event reaching an instance that waits for events: the first awaited event that matches (its
 * name, or `*` for any event that is activity for the plan; and its `when`, which sees `event`)
 * clears the timeout and takes its exit. Otherwise, if the
 * event is activity for the plan and the timeout counts from the last activity, the timeout timer
 * moves (`timerCleared` + `timerSet`) to last activity + timeout.
 *
 * @example
 * advanceOnEvent(ctx, plan, instance);
 */
export function advanceOnEvent(ctx: StepContext, plan: Plan, instance: JourneyInstance): void {
  const event = ctx.event;
  const node = currentEventsWait(plan, instance);
  if (event === undefined || node === undefined) return;
  // A loop rather than findIndex(closure): this runs for every event of every waiting customer.
  for (let index = 0; index < node.events.length; index++) {
    const awaited = node.events[index]!;
    if (awaited.event === '*' ? !isActivity(plan, event.name) : awaited.event !== event.name) continue;
    if (awaited.when !== undefined && !awaited.when(factsNow(ctx, plan, instance))) continue;
    clearWaitTimers(ctx, instance);
    emit(ctx, instance, node.id, { kind: 'branch', branch: indexedEdge('event', index), next: awaited.next });
    runToWait(ctx, plan, instance, awaited.next);
    return;
  }
  if (node.timeoutFrom !== 'lastActivity' || !isActivity(plan, event.name)) return;
  const fireAt = timeoutFireAt(ctx, plan, instance, node);
  const current = instance.timers.find((t) => t.purpose === 'timeout' && t.node === node.id);
  if (current?.fireAt === fireAt) return;
  clearWaitTimers(ctx, instance);
  if (fireAt > ctx.now) {
    setTimer(ctx, instance, node.id, fireAt, 'timeout');
    return;
  }
  emit(ctx, instance, node.id, { kind: 'branch', branch: 'timeout', next: node.timeoutNext });
  runToWait(ctx, plan, instance, node.timeoutNext);
}

/**
 * A timer of this instance falling due (it has been removed from the instance already). A deferred
 * message is released (caps are checked now); a wait or timeout timer moves the instance on if it is
 * still at the timer's node, and is ignored otherwise.
 *
 * @example
 * advanceOnTimer(ctx, plan, instance, timer);
 */
export function advanceOnTimer(ctx: StepContext, plan: Plan, instance: JourneyInstance, timer: Timer): void {
  if (timer.purpose === 'deferred') {
    const deferred = instance.deferred?.find((d) => d.timerId === timer.id);
    instance.deferred = instance.deferred?.filter((d) => d.timerId !== timer.id);
    if (instance.deferred?.length === 0) delete instance.deferred;
    if (deferred?.action.type === 'message') sendMessageNow(ctx, plan, instance, deferred.node, deferred.action);
    else if (deferred !== undefined) emit(ctx, instance, deferred.node, { kind: 'action', action: deferred.action });
    return;
  }
  if (instance.status !== 'active' || instance.node !== timer.node) return;
  const node = plan.nodes.get(timer.node);
  if (node?.kind !== 'wait') return;
  if (node.mode !== 'events') {
    runToWait(ctx, plan, instance, node.next);
    return;
  }
  emit(ctx, instance, node.id, { kind: 'branch', branch: 'timeout', next: node.timeoutNext });
  runToWait(ctx, plan, instance, node.timeoutNext);
}
