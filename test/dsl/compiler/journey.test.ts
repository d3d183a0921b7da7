// compileJourney: a realistic dormancy ladder compiled with params overridden, and every way a compile can fail.
import { describe, expect, it } from 'vitest';
import { compileJourney } from '../../../dsl/compiler/journey.ts';
import { factsFromObject } from '../../../dsl/compiler/facts-from-object.ts';
import type { Plan, PlanCondition, PlanWaitEvents } from '../../../dsl/compiler/plan.ts';
import { inactivityLadder } from './inactivity-ladder.fixture.ts';

const DAY = 86_400_000;

const compiled = (params: Record<string, unknown> = {}): Plan => {
  const { plan, diagnostics } = compileJourney(structuredClone(inactivityLadder), params);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (plan === undefined) throw new Error('no plan');
  return plan;
};

/** A copy of the fixture changed by `edit`. */
const variant = (edit: (doc: any) => void): unknown => {
  const doc = structuredClone(inactivityLadder) as any;
  edit(doc);
  return doc;
};

describe('compileJourney on a dormancy ladder', () => {
  it('substitutes param overrides over the defaults', () => {
    const plan = compiled({ silentAfterDays: 45, recallChannel: 'sms', owner: '王老师' });
    expect(plan.params).toEqual({
      silentAfterDays: 45,
      sleepingAfterDays: 90,
      lostAfterDays: 180,
      highValueSpend: 1000,
      recallChannel: 'sms',
      recallTemplate: 'recall_coupon_v1',
      owner: '王老师',
    });
    expect(plan.nodes.get('wait_silent')).toMatchObject({ kind: 'wait', mode: 'events', timeoutMs: 45 * DAY, timeoutFrom: 'lastActivity', timeoutNext: 'mark_silent' });
    expect(plan.nodes.get('wait_sleeping')).toMatchObject({ timeoutMs: 90 * DAY });
    expect(plan.nodes.get('wait_lost')).toMatchObject({ timeoutMs: 180 * DAY });
    expect(plan.nodes.get('nudge')).toEqual({
      kind: 'action',
      id: 'nudge',
      action: { type: 'message', channel: 'sms', template: 'recall_coupon_v1', vars: { coupon: '20' } },
      next: 'wait_sleeping',
    });
    expect(plan.nodes.get('call_task')).toEqual({
      kind: 'action',
      id: 'call_task',
      action: { type: 'task', title: '电话回访沉睡客户', assignee: '王老师', dueInMs: 2 * DAY, note: '先问近况,再提优惠' },
      next: 'check_value',
    });
    expect(plan.nodes.get('tag_recall')).toEqual({ kind: 'action', id: 'tag_recall', action: { type: 'addTag', tag: 'vip_recall' }, next: 'wait_lost' });
  });

  it('keeps the journey identity, stages, simple nodes and the source document', () => {
    const plan = compiled();
    expect(plan.journeyId).toBe('dormancy-ladder');
    expect(plan.version).toBe(3);
    expect(plan.name).toEqual({ zh: '沉默唤醒阶梯', en: 'Dormancy ladder' });
    expect(plan.stages.map((s) => s.id)).toEqual(['active', 'silent', 'sleeping', 'lost']);
    expect([...plan.nodes.keys()]).toEqual(inactivityLadder.nodes.map((n) => n.id));
    expect(plan.nodes.get('mark_silent')).toEqual({ kind: 'stage', id: 'mark_silent', stage: 'silent', next: 'nudge' });
    expect(plan.nodes.get('goodbye')).toEqual({ kind: 'exit', id: 'goodbye', reason: 'lost' });
    expect(plan.activityEvents).toEqual(['purchase', 'login']);
    expect(plan.source.id).toBe('dormancy-ladder');
    expect(plan.source.params.silentAfterDays).toMatchObject({ default: 30 });
  });

  it('compiles the entry: trigger condition, re-entry and cooldown', () => {
    const plan = compiled();
    expect(plan.entry).toMatchObject({ reentry: 'afterExit', cooldownMs: 7 * DAY, next: 'mark_active' });
    const trigger = plan.entry.trigger;
    if (trigger.type !== 'event' || trigger.when === undefined) throw new Error('expected an event trigger with a condition');
    expect(trigger.event).toBe('purchase');
    expect(trigger.when(factsFromObject({ event: { amount: 99 } }))).toBe(true);
    expect(trigger.when(factsFromObject({ event: { amount: 0 } }))).toBe(false);
    expect(trigger.when(factsFromObject({}))).toBe(false);
  });

  it('compiles policies to milliseconds and hours', () => {
    expect(compiled().policies).toEqual({
      frequencyCaps: [
        { channel: 'wechat', max: 2, perMs: 7 * DAY },
        { channel: '*', max: 5, perMs: 30 * DAY },
      ],
      quietHours: { from: { hour: 22, minute: 0 }, to: { hour: 8, minute: 30 }, mode: 'defer' },
      goalWindowMs: 30 * DAY,
      timezone: 'Asia/Shanghai',
    });
  });

  it('compiles condition branches to closures that use the overridden param', () => {
    const check = compiled({ highValueSpend: 500 }).nodes.get('check_value') as PlanCondition;
    expect(check.else).toBe('wait_lost');
    expect(check.branches).toHaveLength(1);
    const [branch] = check.branches;
    expect(branch).toMatchObject({ label: 'worth recalling', next: 'tag_recall' });
    expect(branch!.when(factsFromObject({ totalSpend: 600, tags: [] }))).toBe(true);
    expect(branch!.when(factsFromObject({ totalSpend: 600, tags: ['do_not_contact'] }))).toBe(false);
    expect(branch!.when(factsFromObject({ totalSpend: 400, tags: [] }))).toBe(false);
  });

  it('compiles awaited events with and without conditions', () => {
    const wait = compiled().nodes.get('wait_sleeping') as PlanWaitEvents;
    expect(wait.events.map((e) => [e.event, e.next, e.when === undefined])).toEqual([
      ['purchase', 'mark_active', false],
      ['login', 'mark_active', true],
    ]);
    expect(wait.events[0]!.when!(factsFromObject({ event: { amount: 1 } }))).toBe(true);
  });

  it('compiles other wait modes, splits, goals, segment and schedule triggers', () => {
    const doc = variant((d) => {
      d.entry = { trigger: { type: 'schedule', at: '09:15', weekdays: [5, 1], when: { fact: 'stage', operator: 'equal', value: 'silent' } }, next: 'pause' };
      d.nodes.unshift(
        { id: 'pause', kind: 'wait', mode: 'delay', duration: '1.5h', next: 'double11' },
        { id: 'double11', kind: 'wait', mode: 'until', date: '2025-11-11', time: '20:00', next: 'ab' },
        { id: 'ab', kind: 'split', branches: [{ label: 'treatment', percent: 90, next: 'converted' }, { percent: 10, next: 'mark_active' }] },
        { id: 'converted', kind: 'goal', goal: 'repurchase', next: 'mark_active' },
      );
    });
    const { plan, diagnostics } = compileJourney(doc);
    expect(diagnostics).toEqual([]);
    expect(plan!.entry.trigger).toMatchObject({ type: 'schedule', at: { hour: 9, minute: 15 }, weekdays: [1, 5] });
    expect(plan!.nodes.get('pause')).toEqual({ kind: 'wait', mode: 'delay', id: 'pause', durationMs: 5_400_000, next: 'double11' });
    expect(plan!.nodes.get('double11')).toEqual({
      kind: 'wait',
      mode: 'until',
      id: 'double11',
      time: { hour: 20, minute: 0 },
      date: { year: 2025, month: 11, day: 11 },
      next: 'ab',
    });
    expect(plan!.nodes.get('ab')).toEqual({
      kind: 'split',
      id: 'ab',
      branches: [
        { label: 'treatment', percent: 90, next: 'converted' },
        { percent: 10, next: 'mark_active' },
      ],
    });
    expect(plan!.nodes.get('converted')).toEqual({ kind: 'goal', id: 'converted', goal: 'repurchase', next: 'mark_active' });

    const segment = compileJourney(variant((d) => (d.entry = { trigger: { type: 'segment', when: { fact: 'rfmSegment', operator: 'equal', value: 'important_retain' } }, next: 'mark_active' })));
    const trigger = segment.plan!.entry.trigger;
    expect(trigger.type).toBe('segment');
    if (trigger.type === 'segment') expect(trigger.when(factsFromObject({ rfmSegment: 'important_retain' }))).toBe(true);
    expect(segment.plan!.entry.reentry).toBe('never');
  });
});

describe('compileJourney errors', () => {
  const errorsOf = (input: unknown, params?: Record<string, unknown>) => {
    const result = compileJourney(input, params);
    expect(result.plan).toBeUndefined();
    return result.diagnostics.filter((d) => d.severity === 'error');
  };

  it('rejects a value for a param the journey does not declare', () => {
    expect(errorsOf(inactivityLadder, { silentDays: 45 })).toEqual([
      expect.objectContaining({ code: 'param-override-unknown', path: ['params'], message: expect.stringContaining('silentDays') }),
    ]);
  });

  it('rejects wrongly typed, out-of-range, fractional and off-list param values', () => {
    const errors = errorsOf(inactivityLadder, { silentAfterDays: '45', sleepingAfterDays: 0, lostAfterDays: 99.5, recallChannel: 'fax', owner: 7 });
    expect(errors.map((e) => [e.code, e.path.join('.')])).toEqual([
      ['param-override-type', 'params.silentAfterDays'],
      ['param-override-range', 'params.sleepingAfterDays'],
      ['param-override-range', 'params.lostAfterDays'],
      ['param-override-type', 'params.recallChannel'],
      ['param-override-type', 'params.owner'],
    ]);
    expect(errors[0]!.message).toContain('must be a number');
    expect(errors[1]!.message).toContain('at least 1');
    expect(errors[2]!.message).toContain('whole number');
    expect(errors[3]!.message).toContain('push');
  });

  it('rejects NaN and infinite numbers', () => {
    expect(errorsOf(inactivityLadder, { highValueSpend: Number.NaN })).toHaveLength(1);
    expect(errorsOf(inactivityLadder, { highValueSpend: Number.POSITIVE_INFINITY })).toHaveLength(1);
  });

  it('reports a negative duration from a param at the node that uses it', () => {
    const errors = errorsOf(
      variant((d) => {
        d.params.lead = { type: 'number', default: -2 };
        d.nodes[6].action.dueIn = { param: 'lead', unit: 'd' };
      }),
    );
    expect(errors).toEqual([expect.objectContaining({ code: 'duration-negative', path: ['nodes', 6, 'action', 'dueIn'], nodeId: 'call_task' })]);
  });

  it('reports a number param in a text slot', () => {
    const errors = errorsOf(variant((d) => (d.nodes[3].action.channel = { param: 'silentAfterDays' })));
    expect(errors).toEqual([expect.objectContaining({ code: 'param-type-mismatch', path: ['nodes', 3, 'action', 'channel', 'param'], nodeId: 'nudge' })]);
  });

  it('reports an unknown param in a condition with its full path', () => {
    const errors = errorsOf(variant((d) => (d.nodes[7].branches[0].when.all[0].value = { param: 'minSpend' })));
    expect(errors).toEqual([
      expect.objectContaining({ path: ['nodes', 7, 'branches', 0, 'when', 'all', 0, 'value', 'param'], nodeId: 'check_value' }),
    ]);
  });

  it('reports what only compiling finds: a date that does not exist, an unknown time zone', () => {
    const errors = errorsOf(
      variant((d) => {
        d.nodes.push({ id: 'feb30', kind: 'wait', mode: 'until', date: '2025-02-30', next: 'goodbye' });
        d.nodes[10].next = 'feb30';
        d.policies.timezone = 'Mars/Olympus_Mons';
      }),
    );
    expect(errors).toEqual([
      expect.objectContaining({ code: 'bad-date', path: ['nodes', inactivityLadder.nodes.length, 'date'], nodeId: 'feb30' }),
      expect.objectContaining({ code: 'unknown-timezone', path: ['policies', 'timezone'] }),
    ]);
  });

  it('reports documents that are not journeys, with JSON paths and node ids', () => {
    expect(errorsOf(null)[0]).toMatchObject({ severity: 'error', path: [] });
    expect(errorsOf('journey')).not.toHaveLength(0);
    const errors = errorsOf(variant((d) => (d.nodes[1].timeout = '-3d')));
    expect(errors[0]).toMatchObject({ path: expect.arrayContaining(['nodes', 1]), nodeId: 'wait_silent' });
  });
});
