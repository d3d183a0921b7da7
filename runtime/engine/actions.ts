/** The `action` node at run time: messages through the policies, profile and tag changes, staff tasks, webhooks. */
import type { Plan, PlanAction } from '../../dsl/compiler/plan.ts';
import { FORBIDDEN_NAMES } from '../../dsl/schema/common.ts';
import { customerZone, ownRecord } from './customer-state.ts';
import { frequencyCapReached, quietHoursEnd, recordSend } from './policies.ts';
import { copyAction, emit, nextTimerId, type EffectOwner, type StepContext } from './step-context.ts';
import { appended } from './state-copy.ts';
import type { Effect, JourneyInstance } from './types.ts';

type MessageAction = Extract<PlanAction, { type: 'message' }>;

/**
 * Sends a message now, unless a frequency cap is reached (`suppressed`). Quiet hours were already
 * handled by the caller; this is also how a deferred message is released.
 *
 * @example
 * sendMessageNow(ctx, plan, instance, 'send_coupon', action);
 */
export function sendMessageNow(ctx: StepContext, plan: Plan, owner: EffectOwner, node: string, action: MessageAction): void {
  if (frequencyCapReached(ctx.state, plan, action.channel, ctx.now)) {
    emit(ctx, owner, node, { kind: 'suppressed', reason: 'frequencyCap', action });
    return;
  }
  if (ctx.recordsSends) recordSend(ctx.state, action.channel, ctx.now);
  emit(ctx, owner, node, { kind: 'action', action });
}

/**
 * A message in quiet hours is dropped (`suppressed`) or deferred: a `deferred` effect plus a timer at
 * the window's end, when the caps are checked and the message goes out. Outside quiet hours it goes
 * out now (caps permitting).
 */
function message(ctx: StepContext, plan: Plan, instance: JourneyInstance, node: string, action: MessageAction): void {
  const quietUntil = quietHoursEnd(plan, ctx.now, customerZone(ctx.state, plan));
  if (quietUntil === undefined) {
    sendMessageNow(ctx, plan, instance, node, action);
    return;
  }
  if (plan.policies.quietHours?.mode === 'drop') {
    emit(ctx, instance, node, { kind: 'suppressed', reason: 'quietHours', action });
    return;
  }
  emit(ctx, instance, node, { kind: 'deferred', until: quietUntil, action });
  const timer = { id: nextTimerId(ctx, instance, node), journeyId: instance.journeyId, node, fireAt: quietUntil, purpose: 'deferred' as const };
  instance.timers = appended(instance.timers, timer);
  instance.deferred = appended(instance.deferred ?? [], { timerId: timer.id, node, action: copyAction(action) });
  emit(ctx, instance, node, { kind: 'timerSet', timer });
}

function task(action: Extract<PlanAction, { type: 'task' }>, ctx: StepContext): Extract<Effect, { kind: 'task' }>['task'] {
  return {
    title: action.title,
    ...(action.assignee === undefined ? {} : { assignee: action.assignee }),
    ...(action.dueInMs === undefined ? {} : { dueAt: ctx.now + action.dueInMs }),
    ...(action.note === undefined ? {} : { note: action.note }),
  };
}

/**
 * Performs an action node's action: `message` (policies apply), `webhook` (an `action` effect the
 * runtime delivers), `setField` / `addTag` / `removeTag` (change the state, then an `action` effect),
 * `task` (a `task` effect, due `dueInMs` from now).
 *
 * @example
 * performAction(ctx, plan, instance, 'tag_vip', { type: 'addTag', tag: 'vip' });
 */
export function performAction(ctx: StepContext, plan: Plan, instance: JourneyInstance, node: string, action: PlanAction): void {
  switch (action.type) {
    case 'message':
      message(ctx, plan, instance, node, action);
      return;
    case 'task':
      emit(ctx, instance, node, { kind: 'task', task: task(action, ctx) });
      return;
    case 'setField':
      if (!FORBIDDEN_NAMES.has(action.field)) ownRecord(ctx.state, 'profile')[action.field] = action.value;
      break;
    case 'addTag':
      if (!ctx.state.tags.includes(action.tag)) ctx.state.tags = appended(ctx.state.tags, action.tag);
      break;
    case 'removeTag':
      ctx.state.tags = ctx.state.tags.filter((tag) => tag !== action.tag);
      break;
    case 'webhook':
      break;
  }
  emit(ctx, instance, node, { kind: 'action', action });
}
