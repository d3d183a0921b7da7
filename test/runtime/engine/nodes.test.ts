/** Engine node kinds: stage, condition, split, every action, goal, exit, and the loop guard. */
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../../dsl/compiler/plan.ts';
import { MAX_WALK_STEPS, step } from '../../../runtime/engine/index.ts';
import { DAY, HOUR, VirtualCustomer, compile, planSet, t, track } from './journey-fixture.ts';

const start = t('2026-05-01T02:00:00Z');

describe('stage, condition and action nodes', () => {
  const onboarding = compile({
    entry: { trigger: { type: 'event', event: 'signup' }, next: 'acq' },
    nodes: [
      { id: 'acq', kind: 'stage', stage: 'acquisition', next: 'is_vip' },
      {
        id: 'is_vip',
        kind: 'condition',
        branches: [
          { label: 'big spender', when: { fact: 'totalSpend', operator: 'greaterThanInclusive', value: 1000 }, next: 'tag_vip' },
          { when: { fact: 'plan', operator: 'equal', value: 'pro' }, next: 'set_tier' },
        ],
        else: 'call',
      },
      { id: 'tag_vip', kind: 'action', action: { type: 'addTag', tag: 'vip' }, next: 'drop_trial' },
      { id: 'drop_trial', kind: 'action', action: { type: 'removeTag', tag: 'trial' }, next: 'growth' },
      { id: 'set_tier', kind: 'action', action: { type: 'setField', field: 'tier', value: 'gold' }, next: 'growth' },
      { id: 'call', kind: 'action', action: { type: 'task', title: 'Call this parent', assignee: 'advisor', dueIn: '1d', note: 'ice-breaking call' }, next: 'growth' },
      { id: 'growth', kind: 'stage', stage: 'growth', next: 'hook' },
      { id: 'hook', kind: 'action', action: { type: 'webhook', url: 'https://crm.example.com/hooks/onboarded', payload: { source: 'journey' } }, next: 'done' },
      { id: 'done', kind: 'exit', reason: 'onboarded' },
    ],
  });

  it('runs to the end in one step, taking the first branch that matches', () => {
    const c = new VirtualCustomer(planSet([onboarding]), 'c');
    c.identify(start - HOUR, { plan: 'pro' }).track('purchase', start - 1, { amount: 1200 }).send(track('c', 'signup', start));
    expect(c.effects.map((e) => `${e.kind}:${e.node}`)).toEqual([
      'entered:acq',
      'stage:acq',
      'branch:is_vip',
      'action:tag_vip',
      'action:drop_trial',
      'stage:growth',
      'action:hook',
      'exit:done',
    ]);
    expect(c.of('branch')[0]).toMatchObject({ branch: 'branch:0', next: 'tag_vip' });
    expect(c.of('stage').map((e) => [e.stage, e.from])).toEqual([['acquisition', undefined], ['growth', 'acquisition']]);
    expect(c.state?.tags).toEqual(['vip']);
    expect(c.state?.journeys.journey).toMatchObject({ status: 'exited', stage: 'growth', stageSince: start, exitedAt: start });
    expect(c.of('exit')[0]).toMatchObject({ reason: 'onboarded', completed: false });
  });

  it('removes a tag and sets a profile field', () => {
    const c = new VirtualCustomer(planSet([onboarding]), 'c');
    c.identify(start - HOUR, { plan: 'pro' });
    const state = { ...c.state!, tags: ['trial'] };
    const result = step(c.plans, state, track('c', 'signup', start));
    expect(result.state.profile).toEqual({ plan: 'pro', tier: 'gold' });
    expect(result.effects.find((e) => e.kind === 'branch')).toMatchObject({ branch: 'branch:1', next: 'set_tier' });
    expect(state.tags).toEqual(['trial']);
  });

  it("creates a staff task due dueIn from now when no branch matches ('else')", () => {
    const c = new VirtualCustomer(planSet([onboarding]), 'c').track('signup', start);
    expect(c.of('branch')[0]).toMatchObject({ branch: 'else', next: 'call' });
    expect(c.of('task')[0]?.task).toEqual({ title: 'Call this parent', assignee: 'advisor', dueAt: start + DAY, note: 'ice-breaking call' });
  });

  it('emits the webhook with its payload as an action', () => {
    const c = new VirtualCustomer(planSet([onboarding]), 'c').track('signup', start);
    expect(c.of('action').find((e) => e.node === 'hook')?.action).toEqual({ type: 'webhook', url: 'https://crm.example.com/hooks/onboarded', payload: { source: 'journey' } });
  });
});

describe('goals', () => {
  const goal = compile({
    entry: { trigger: { type: 'event', event: 'trial_booked' }, next: 'wait_buy' },
    nodes: [
      { id: 'wait_buy', kind: 'wait', mode: 'events', events: [{ event: 'purchase', next: 'bought' }], timeout: '30d', timeoutNext: 'gave_up' },
      { id: 'bought', kind: 'goal', goal: 'first_purchase', next: 'thanks' },
      { id: 'thanks', kind: 'action', action: { type: 'message', channel: 'wechat', template: 'thanks' }, next: 'done' },
      { id: 'done', kind: 'goal', goal: 'onboarded' },
      { id: 'gave_up', kind: 'exit' },
    ],
    policies: { goalWindow: '7d' },
  });

  it('converts within the goal window (inclusive) and completes at a goal without next', () => {
    const c = new VirtualCustomer(planSet([goal]), 'c').track('trial_booked', start).track('purchase', start + 7 * DAY);
    expect(c.of('goal').map((e) => [e.goal, e.converted])).toEqual([['first_purchase', true], ['onboarded', true]]);
    expect(c.of('action').map((e) => e.node)).toEqual(['thanks']);
    expect(c.of('exit')[0]).toMatchObject({ node: 'done', completed: true, reason: 'onboarded' });
  });

  it('does not convert after the window, and the journey ends not completed', () => {
    const c = new VirtualCustomer(planSet([goal]), 'c').track('trial_booked', start).track('purchase', start + 7 * DAY + 1);
    expect(c.of('goal').map((e) => e.converted)).toEqual([false, false]);
    expect(c.state?.journeys.journey?.status).toBe('exited');
  });
});

describe('splits', () => {
  const experiment = compile({
    id: 'experiment',
    entry: { trigger: { type: 'event', event: 'signup' }, next: 'ab' },
    nodes: [
      {
        id: 'ab',
        kind: 'split',
        branches: [
          { label: 'control', percent: 10, next: 'holdout' },
          { label: 'a', percent: 45, next: 'a' },
          { label: 'b', percent: 45, next: 'b' },
        ],
      },
      { id: 'holdout', kind: 'exit', reason: 'holdout' },
      { id: 'a', kind: 'action', action: { type: 'message', channel: 'sms', template: 'a' }, next: 'end' },
      { id: 'b', kind: 'action', action: { type: 'message', channel: 'sms', template: 'b' }, next: 'end' },
      { id: 'end', kind: 'exit' },
    ],
  });
  const groupOf = (customerId: string) => step(planSet([experiment]), undefined, track(customerId, 'signup', start)).effects.find((e) => e.kind === 'branch')?.next;

  it('puts a customer in the same group on every run', () => {
    const first = Array.from({ length: 200 }, (_, i) => groupOf(`user-${i}`));
    const second = Array.from({ length: 200 }, (_, i) => groupOf(`user-${i}`));
    expect(second).toEqual(first);
    expect(groupOf('user-0')).toBe(groupOf('user-0'));
  });

  it('lands within ±2 percentage points of the configured percentages over 10,000 customers', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 10_000; i++) {
      const group = groupOf(`customer-${i}`)!;
      counts.set(group, (counts.get(group) ?? 0) + 1);
    }
    expect(Math.abs((counts.get('holdout') ?? 0) / 100 - 10)).toBeLessThanOrEqual(2);
    expect(Math.abs((counts.get('a') ?? 0) / 100 - 45)).toBeLessThanOrEqual(2);
    expect(Math.abs((counts.get('b') ?? 0) / 100 - 45)).toBeLessThanOrEqual(2);
  });
});

describe('the loop guard', () => {
  // The checker refuses a loop without a wait, so the plan is compiled with one and the wait is cut out afterwards:
  // the guard is for plans that reach the engine some other way.
  const checked = compile({
    entry: { trigger: { type: 'event', event: 'signup' }, next: 'ping' },
    nodes: [
      { id: 'ping', kind: 'stage', stage: 'a', next: 'pong' },
      { id: 'pong', kind: 'condition', branches: [{ when: { fact: 'purchaseCount', operator: 'equal', value: 0 }, next: 'pause' }], else: 'end' },
      { id: 'pause', kind: 'wait', mode: 'delay', duration: '1h', next: 'ping' },
      { id: 'end', kind: 'exit' },
    ],
  });
  const loop: Plan = {
    ...checked,
    nodes: new Map(
      [...checked.nodes]
        .filter(([id]) => id !== 'pause')
        .map(([id, n]) => [id, n.kind === 'condition' ? { ...n, branches: n.branches.map((b) => ({ ...b, next: 'ping' })) } : n]),
    ),
  };

  it('stops a loop without a wait with a loopGuard effect instead of hanging', () => {
    const result = step(planSet([loop]), undefined, track('c', 'signup', start));
    const guard = result.effects.filter((e) => e.kind === 'loopGuard');
    expect(guard).toEqual([expect.objectContaining({ kind: 'loopGuard', steps: MAX_WALK_STEPS })]);
    expect(result.effects.at(-1)?.kind).toBe('loopGuard');
    expect(result.state.journeys.journey?.status).toBe('active');
  });

  it('exits with a reason rather than throwing when a plan points at a node it lacks', () => {
    const broken: Plan = { ...loop, nodes: new Map([...loop.nodes].filter(([id]) => id !== 'end')) };
    const result = step(planSet([{ ...broken, nodes: new Map([...broken.nodes].map(([id, n]) => [id, n.kind === 'condition' ? { ...n, branches: [] } : n])) }]), undefined, track('c', 'signup', start));
    expect(result.effects.at(-1)).toMatchObject({ kind: 'exit', node: 'end', reason: 'unknown node "end"', completed: false });
  });
});
