/** `wait` node: a fixed delay, until a time of day or date, or for events with a timeout (how inactivity ladders are built). */
import { z } from 'zod';
import { CalendarDate, Duration, EventName, Identifier, NodeRef, TimeOfDay } from '../schema/common.ts';
import { Condition } from '../schema/condition.ts';
import type { Edge } from './edges.ts';
import type { NodeCompileContext } from '../compiler/context.ts';
import type { PlanWaitDelay, PlanWaitEvents, PlanWaitUntil } from '../compiler/plan.ts';
import type { NodeCheckContext } from '../checker/context.ts';

export const WaitDelayNode = z.strictObject({
  id: Identifier,
  kind: z.literal('wait'),
  mode: z.literal('delay'),
  duration: Duration,
  next: NodeRef,
});

/**
 * Waits until a wall-clock moment in the customer's time zone: the next `time` of day,
 * a `date` (at 00:00), or a `date` at a `time`. At least one of the two is required.
 */
export const WaitUntilNode = z
  .strictObject({
    id: Identifier,
    kind: z.literal('wait'),
    mode: z.literal('until'),
    time: TimeOfDay.optional(),
    date: CalendarDate.optional(),
    next: NodeRef,
  })
  .refine((n) => n.time !== undefined || n.date !== undefined, { message: 'needs a time, a date or both', path: ['time'] });

/** Any event of the customer (activity), as an awaited event name. */
export const ANY_EVENT = '*';

export const AwaitedEvent = z.strictObject({
  event: EventName,
  when: Condition.optional(),
  next: NodeRef,
});
export type AwaitedEvent = z.infer<typeof AwaitedEvent>;

/**
 * Waits for one of several events; each is its own exit. If none arrives, the timeout exit is taken
 * `timeout` after the customer entered the node (`timeoutFrom: "entered"`) or after the customer's
 * last activity (`"lastActivity"`: the timer moves whenever the customer is active).
 */
export const WaitEventsNode = z.strictObject({
  id: Identifier,
  kind: z.literal('wait'),
  mode: z.literal('events'),
  events: z.array(AwaitedEvent).min(1).max(20),
  timeout: Duration,
  timeoutFrom: z.enum(['entered', 'lastActivity']).default('entered'),
  timeoutNext: NodeRef,
});

export const WaitNode = z.discriminatedUnion('mode', [WaitDelayNode, WaitUntilNode, WaitEventsNode]);
export type WaitDelayNode = z.infer<typeof WaitDelayNode>;
export type WaitUntilNode = z.infer<typeof WaitUntilNode>;
export type WaitEventsNode = z.infer<typeof WaitEventsNode>;
export type WaitNode = z.infer<typeof WaitNode>;

export const waitEdges = (node: WaitNode): Edge[] => {
  if (node.mode !== 'events') return [{ handle: 'next', kind: 'next', label: '', target: node.next }];
  return [
    ...node.events.map((e, i): Edge => ({ handle: `event:${i}`, kind: 'event', label: e.event === ANY_EVENT ? 'any event' : e.event, target: e.next })),
    { handle: 'timeout', kind: 'timeout', label: 'timeout', target: node.timeoutNext },
  ];
};

/** Compiles a wait node: durations to milliseconds, the time and date to numbers, awaited events' conditions to closures. */
export function compileWaitNode(node: WaitNode, ctx: NodeCompileContext): PlanWaitDelay | PlanWaitUntil | PlanWaitEvents {
  switch (node.mode) {
    case 'delay':
      return { kind: 'wait', mode: 'delay', id: node.id, durationMs: ctx.durationMs(node.duration, ['duration']), next: node.next };
    case 'until': {
      const until: PlanWaitUntil = { kind: 'wait', mode: 'until', id: node.id, next: node.next };
      if (node.time !== undefined) until.time = ctx.timeOfDay(node.time, ['time']);
      if (node.date !== undefined) until.date = ctx.date(node.date, ['date']);
      return until;
    }
    case 'events':
      return {
        kind: 'wait',
        mode: 'events',
        id: node.id,
        events: node.events.map((e, i) =>
          e.when === undefined ? { event: e.event, next: e.next } : { event: e.event, when: ctx.condition(e.when, ['events', i, 'when']), next: e.next },
        ),
        timeoutMs: ctx.durationMs(node.timeout, ['timeout']),
        timeoutFrom: node.timeoutFrom,
        timeoutNext: node.timeoutNext,
      };
  }
}

/** Checks a wait node: its durations, and for waits on events their names, conditions and shadowed exits. */
export function checkWaitNode(node: WaitNode, ctx: NodeCheckContext): void {
  if (node.mode === 'delay') {
    ctx.checkDuration(node.duration, ['duration'], { label: 'the delay', zero: 'warning' });
    return;
  }
  if (node.mode === 'until') return;
  ctx.checkDuration(node.timeout, ['timeout'], { label: 'the timeout', zero: 'error' });
  const catchAll = new Map<string, number>();
  node.events.forEach((awaited, i) => {
    const at = ['events', i];
    ctx.checkEventName(awaited.event, [...at, 'event']);
    if (awaited.when !== undefined) ctx.checkCondition(awaited.when, [...at, 'when'], { event: awaited.event });
    const earlier = catchAll.get(awaited.event) ?? catchAll.get(ANY_EVENT);
    if (earlier !== undefined) {
      ctx.error('shadowed-event-exit', `events[${earlier}] already takes every \`${node.events[earlier]!.event}\` event, so this exit is never taken`, [...at, 'event']);
    } else if (awaited.when === undefined) {
      catchAll.set(awaited.event, i);
    }
  });
}
