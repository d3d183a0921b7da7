/** Property: the engine is a pure function of its inputs — same inputs, same effects and state, across restarts from serialized state. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dueTimers, effectId, step, timerInput } from '../../../runtime/engine/index.ts';
import type { CustomerState, Effect, Input } from '../../../runtime/engine/types.ts';
import { DAY, HOUR, compile, planSet, t } from './journey-fixture.ts';

const ladder = compile({
  id: 'ladder',
  entry: { trigger: { type: 'event', event: '*' }, reentry: 'afterExit', next: 'active' },
  nodes: [
    { id: 'active', kind: 'stage', stage: 'active', next: 'w30' },
    { id: 'w30', kind: 'wait', mode: 'events', events: [{ event: '*', next: 'active' }], timeout: '30d', timeoutFrom: 'lastActivity', timeoutNext: 'silent' },
    { id: 'silent', kind: 'stage', stage: 'silent', next: 'nudge' },
    { id: 'nudge', kind: 'action', action: { type: 'message', channel: 'sms', template: 'miss_you' }, next: 'w45' },
    { id: 'w45', kind: 'wait', mode: 'events', events: [{ event: '*', next: 'active' }], timeout: '45d', timeoutFrom: 'lastActivity', timeoutNext: 'gone' },
    { id: 'gone', kind: 'exit' },
  ],
  policies: { quietHours: { from: '21:00', to: '08:00', mode: 'defer' }, frequencyCaps: [{ channel: 'sms', max: 1, per: '3d' }] },
});
const experiment = compile({
  id: 'experiment',
  entry: { trigger: { type: 'event', event: 'purchase', when: { fact: 'event', path: '$.amount', operator: 'greaterThan', value: 50 } }, reentry: 'afterExit', cooldown: '2d', next: 'ab' },
  nodes: [
    { id: 'ab', kind: 'split', branches: [{ percent: 50, next: 'a' }, { percent: 50, next: 'b' }] },
    { id: 'a', kind: 'action', action: { type: 'message', channel: 'wechat', template: 'a' }, next: 'until' },
    { id: 'b', kind: 'action', action: { type: 'task', title: 'Call', dueIn: '1d' }, next: 'until' },
    { id: 'until', kind: 'wait', mode: 'until', time: '10:00', next: 'vip' },
    { id: 'vip', kind: 'condition', branches: [{ when: { fact: 'rfmSegment', operator: 'equal', value: 'important_value' }, next: 'tag' }], else: 'end' },
    { id: 'tag', kind: 'action', action: { type: 'addTag', tag: 'vip' }, next: 'end' },
    { id: 'end', kind: 'goal', goal: 'bought' },
  ],
  policies: { goalWindow: '1d', quietHours: { from: '22:00', to: '07:30', mode: 'drop' } },
});
const segment = compile({
  id: 'segment',
  entry: { trigger: { type: 'segment', when: { fact: 'eventCount', params: { event: 'login', days: 7 }, operator: 'greaterThanInclusive', value: 3 } }, reentry: 'afterExit', next: 'hot' },
  nodes: [
    { id: 'hot', kind: 'stage', stage: 'engaged', next: 'wait' },
    { id: 'wait', kind: 'wait', mode: 'delay', duration: '5d', next: 'out' },
    { id: 'out', kind: 'exit' },
  ],
});
const plans = planSet([segment, ladder, experiment]);
const origin = t('2026-01-01T00:00:00Z');

const inputArb = fc.record({
  gap: fc.integer({ min: 0, max: 20 * DAY }),
  kind: fc.constantFrom('login', 'page_view', 'purchase', 'identify'),
  amount: fc.integer({ min: 0, max: 6000 }),
  zone: fc.constantFrom('Asia/Shanghai', 'America/New_York', 'Europe/London', 'Nope/Zone'),
});

/** Builds a time-ordered input stream for one customer from generated gaps. */
function stream(raw: { gap: number; kind: string; amount: number; zone: string }[]): Input[] {
  let at = origin;
  return raw.map((r, i): Input => {
    at += r.gap;
    if (r.kind === 'identify') return { type: 'identify', id: `in-${i}`, customerId: 'c', at, traits: { timezone: r.zone } };
    return { type: 'event', id: `in-${i}`, customerId: 'c', event: r.kind, at, properties: r.kind === 'purchase' ? { amount: r.amount } : {} };
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Runs the stream like a runtime would (timers due before each input fire first), restarting from JSON at `restartAt`. */
function run(inputs: Input[], restartAt = -1): { effects: Effect[]; state: CustomerState | undefined } {
  let state: CustomerState | undefined;
  const effects: Effect[] = [];
  const apply = (input: Input) => {
    const result = step(plans, state === undefined ? undefined : deepFreeze(state), input);
    state = result.state;
    effects.push(...result.effects);
  };
  inputs.forEach((input, i) => {
    if (i === restartAt) state = state === undefined ? undefined : JSON.parse(JSON.stringify(state));
    for (let timer = state && dueTimers(state, input.at - 1)[0]; timer !== undefined; timer = state && dueTimers(state, input.at - 1)[0]) apply(timerInput('c', timer));
    apply(input);
  });
  return { effects, state };
}

describe('determinism', () => {
  it('gives identical effects and state for the same inputs, also after a restart from serialized state, with unique effect ids', () => {
    fc.assert(
      fc.property(fc.array(inputArb, { minLength: 1, maxLength: 40 }), fc.nat(), (raw, cut) => {
        const inputs = stream(raw);
        const first = run(inputs);
        const again = run(inputs);
        const restarted = run(inputs, cut % inputs.length);
        expect(JSON.stringify(again)).toBe(JSON.stringify(first));
        expect(JSON.stringify(restarted)).toBe(JSON.stringify(first));
        expect(new Set(first.effects.map(effectId)).size).toBe(first.effects.length);
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same effects whether the caller fires due timers or leaves them to the next input', () => {
    fc.assert(
      fc.property(fc.array(inputArb, { minLength: 1, maxLength: 30 }), (raw) => {
        const inputs = stream(raw);
        const scheduled = run(inputs);
        let state: CustomerState | undefined;
        const unscheduled: Effect[] = [];
        for (const input of inputs) {
          const result = step(plans, state, input);
          state = result.state;
          unscheduled.push(...result.effects);
        }
        expect(JSON.stringify(unscheduled)).toBe(JSON.stringify(scheduled.effects));
        expect(JSON.stringify(state)).toBe(JSON.stringify(scheduled.state));
      }),
      { numRuns: 100 },
    );
  });

  it('keeps a long-lived customer small', () => {
    const inputs = stream(Array.from({ length: 400 }, (_, i) => ({ gap: 20 * HOUR, kind: ['login', 'page_view', 'purchase'][i % 3]!, amount: 80, zone: 'Asia/Shanghai' })));
    const { state } = run(inputs);
    expect(new TextEncoder().encode(JSON.stringify(state)).length).toBeLessThanOrEqual(1536);
  });
});
