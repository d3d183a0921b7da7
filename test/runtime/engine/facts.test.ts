/** Built-in facts kept incrementally: recency, windowed counts, spend, RFM, stage, and the pruning that keeps state small. */
import { describe, expect, it } from 'vitest';
import { factReaderFor, newCustomerState, rfmScores } from '../../../runtime/engine/index.ts';
import { pruneFacts, utcDayNumber } from '../../../runtime/engine/fact-state.ts';
import type { FactState } from '../../../runtime/engine/types.ts';
import { DAY, HOUR, VirtualCustomer, compile, planSet, t } from './journey-fixture.ts';

const start = t('2026-03-01T12:00:00Z');

/** Counts logins in 7 days, caps SMS at 1 per 2 days, and marks a stage so stage facts have something to read. */
const plan = compile({
  schema: { activityEvents: ['login', 'purchase'] },
  entry: { trigger: { type: 'event', event: 'signup' }, next: 'stage' },
  nodes: [
    { id: 'stage', kind: 'stage', stage: 'growth', next: 'check' },
    { id: 'check', kind: 'condition', branches: [{ when: { fact: 'eventCount', params: { event: 'login', days: 7 }, operator: 'greaterThan', value: 3 }, next: 'end' }], else: 'sms' },
    { id: 'sms', kind: 'action', action: { type: 'message', channel: 'sms', template: 'hi' }, next: 'w' },
    { id: 'w', kind: 'wait', mode: 'delay', duration: '100d', next: 'end' },
    { id: 'end', kind: 'exit' },
  ],
  policies: { frequencyCaps: [{ channel: 'sms', max: 1, per: '2d' }] },
});

function customer() {
  return new VirtualCustomer(planSet([plan]), 'c');
}

describe('the fact reader', () => {
  it('reads whole days since activity and since an event, undefined if never', () => {
    const c = customer().track('page_view', start).track('login', start + 2 * HOUR);
    const facts = factReaderFor(c.state!, undefined, plan, start + 3 * DAY + 2 * HOUR - 1);
    expect(facts.get('daysSinceLastActivity')).toBe(2);
    expect(factReaderFor(c.state!, undefined, plan, start + 3 * DAY + 2 * HOUR).get('daysSinceLastActivity')).toBe(3);
    expect(facts.get('daysSinceLast', { event: 'page_view' })).toBe(3);
    expect(facts.get('daysSinceLast', { event: 'purchase' })).toBeUndefined();
    expect(factReaderFor(newCustomerState('x'), undefined, plan, start).get('daysSinceLastActivity')).toBeUndefined();
  });

  it('counts events ever and in a window of UTC calendar days, today included', () => {
    const c = customer();
    for (let day = 0; day < 10; day++) c.track('login', start + day * DAY);
    const now = start + 9 * DAY;
    const facts = factReaderFor(c.state!, undefined, plan, now);
    expect(facts.get('eventCount', { event: 'login' })).toBe(10);
    expect(facts.get('eventCount', { event: 'login', days: 7 })).toBe(7);
    expect(facts.get('eventCount', { event: 'login', days: 1 })).toBe(1);
    expect(facts.get('eventCount', { event: 'signup' })).toBe(0);
    expect(Object.keys(c.state!.facts.dailyCounts.login ?? {})).toHaveLength(7);
  });

  it('keeps daily buckets only for events some plan counts in a window', () => {
    const c = customer();
    for (let day = 0; day < 30; day++) c.track(day % 2 ? 'page_view' : 'login', start + day * DAY);
    expect(Object.keys(c.state!.facts.dailyCounts)).toEqual(['login']);
    expect(c.state!.facts.eventCounts).toEqual({ login: 15, page_view: 15 });
  });

  it('sums spend and purchases from purchase events and reports first/last purchase as ISO', () => {
    const c = customer().track('purchase', start, { amount: 120.5 }).track('purchase', start + DAY, { amount: '79.5' }).track('purchase', start + 2 * DAY, {});
    const facts = factReaderFor(c.state!, undefined, plan, start + 3 * DAY);
    expect(facts.get('totalSpend')).toBe(200);
    expect(facts.get('purchaseCount')).toBe(3);
    expect(facts.get('firstPurchaseAt')).toBe('2026-03-01T12:00:00.000Z');
    expect(facts.get('lastPurchaseAt')).toBe('2026-03-03T12:00:00.000Z');
  });

  it("reads stage and daysInStage of this journey's instance, tags, event and profile fields", () => {
    const c = customer().identify(start - DAY, { grade: 5, tags: 'not the tags fact' }).track('signup', start);
    const instance = c.state!.journeys.journey;
    const facts = factReaderFor(c.state!, instance, plan, start + 5 * DAY, { amount: 3 });
    expect(facts.get('stage')).toBe('growth');
    expect(facts.get('daysInStage')).toBe(5);
    expect(facts.get('tags')).toEqual([]);
    expect(facts.get('event')).toEqual({ amount: 3 });
    expect(facts.get('grade')).toBe(5);
    expect(facts.get('toString')).toBeUndefined();
    expect(factReaderFor(c.state!, undefined, plan, start).get('stage')).toBeUndefined();
  });

  it("measures activity by the journey's activity events only", () => {
    const c = customer().track('login', start).track('page_view', start + 5 * DAY);
    expect(factReaderFor(c.state!, undefined, plan, start + 6 * DAY).get('daysSinceLastActivity')).toBe(6);
    expect(c.state!.facts.lastActivityAt).toBe(start + 5 * DAY);
  });

  it('prunes send times past the longest cap window', () => {
    const c = customer().track('signup', start);
    expect(c.state!.sends).toEqual({ sms: [start] });
    c.track('page_view', start + 2 * DAY);
    expect(c.state!.sends).toEqual({});
  });

  it('prunes daily buckets past their window, whatever order the days were counted in', () => {
    const today = utcDayNumber(start);
    const needs = { countWindowDays: new Map([['login', 7]]), longestCapMs: 0 };
    const state = newCustomerState('c');
    // An out-of-order event counted an older day last: the earliest day still comes first.
    state.facts.dailyCounts = { login: { [today - 3]: 1, [today - 1]: 2, [today - 9]: 1, [today - 7]: 4 }, page_view: { [today]: 1 } };
    pruneFacts(state, start, needs);
    expect(state.facts.dailyCounts).toEqual({ login: { [today - 3]: 1, [today - 1]: 2 } });
    pruneFacts(state, start, needs);
    expect(state.facts.dailyCounts).toEqual({ login: { [today - 3]: 1, [today - 1]: 2 } });
    pruneFacts(state, start + 6 * DAY, needs);
    // Emptied, the record is the one new states share again.
    expect(state.facts.dailyCounts).toBe(newCustomerState('d').facts.dailyCounts);
  });

  it('gives new states one shared, frozen empty profile, send record and daily-count record until a step writes its own', () => {
    const fresh = newCustomerState('x');
    expect(newCustomerState('y').profile).toBe(fresh.profile);
    expect(Object.isFrozen(fresh.profile) && Object.isFrozen(fresh.sends) && Object.isFrozen(fresh.facts.dailyCounts)).toBe(true);
    // A trait, a capped send (the sms) and a windowed count (logins in 7 days) each take the customer's own record.
    const c = customer().identify(start, { grade: 5 }).track('signup', start + 1).track('login', start + 2);
    expect(c.state!.profile).toEqual({ grade: 5 });
    expect(c.state!.sends.sms).toEqual([start + 1]);
    expect(Object.keys(c.state!.facts.dailyCounts)).toEqual(['login']);
    expect([fresh.profile, fresh.sends, fresh.facts.dailyCounts]).toEqual([{}, {}, {}]);
  });

  it('ignores prototype-reaching names in traits and events', () => {
    const c = customer().identify(start, { __proto__: { polluted: true }, constructor: 'x', ok: 1 } as Record<string, unknown>).track('__proto__', start + 1);
    expect(c.state!.profile).toEqual({ ok: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(c.state!.facts.eventCounts)).toEqual([]);
  });
});

describe('RFM', () => {
  const facts = (over: Partial<FactState>): FactState => ({ ...newCustomerState('x').facts, ...over });
  const now = start;

  it('scores recency, frequency and monetary at the cut-offs', () => {
    expect(rfmScores(facts({}), now)).toEqual({ recency: 1, frequency: 1, monetary: 1, segment: 'general_retain' });
    expect(rfmScores(facts({ lastPurchaseAt: now - 7 * DAY, purchaseCount: 8, totalSpend: 10_000 }), now)).toMatchObject({ recency: 5, frequency: 5, monetary: 5 });
    expect(rfmScores(facts({ lastPurchaseAt: now - 8 * DAY, purchaseCount: 7, totalSpend: 9999 }), now)).toMatchObject({ recency: 4, frequency: 4, monetary: 4 });
    expect(rfmScores(facts({ lastPurchaseAt: now - 90 * DAY, purchaseCount: 3, totalSpend: 1000 }), now)).toMatchObject({ recency: 3, frequency: 3, monetary: 3 });
    expect(rfmScores(facts({ lastPurchaseAt: now - 180 * DAY, purchaseCount: 2, totalSpend: 200 }), now)).toMatchObject({ recency: 2, frequency: 2, monetary: 2 });
    expect(rfmScores(facts({ lastPurchaseAt: now - 181 * DAY, purchaseCount: 1, totalSpend: 199 }), now)).toMatchObject({ recency: 1, frequency: 1, monetary: 1 });
  });

  it('places customers in the eight groups (score ≥ 3 is high)', () => {
    const r = (high: boolean) => (high ? now - DAY : now - 100 * DAY);
    const f = (high: boolean) => (high ? 5 : 1);
    const m = (high: boolean) => (high ? 5000 : 10);
    const group = (R: boolean, F: boolean, M: boolean) => rfmScores(facts({ lastPurchaseAt: r(R), purchaseCount: f(F), totalSpend: m(M) }), now).segment;
    expect([group(true, true, true), group(true, false, true), group(false, true, true), group(false, false, true)]).toEqual([
      'important_value',
      'important_develop',
      'important_keep',
      'important_retain',
    ]);
    expect([group(true, true, false), group(true, false, false), group(false, true, false), group(false, false, false)]).toEqual([
      'general_value',
      'general_develop',
      'general_keep',
      'general_retain',
    ]);
  });

  it('is readable through the fact reader', () => {
    const c = customer().track('purchase', start, { amount: 5000 });
    const reader = factReaderFor(c.state!, undefined, plan, start + DAY);
    expect([reader.get('rfmRecency'), reader.get('rfmFrequency'), reader.get('rfmMonetary'), reader.get('rfmSegment')]).toEqual([5, 1, 4, 'important_develop']);
  });
});

describe('inputs from outside TypeScript', () => {
  it('treats a missing properties or traits object as empty', () => {
    const c = customer();
    c.send({ type: 'event', id: 'e', customerId: 'c', event: 'purchase', at: start } as never);
    c.send({ type: 'identify', id: 'i', customerId: 'c', at: start + 1 } as never);
    expect(c.state!.facts).toMatchObject({ purchaseCount: 1, totalSpend: 0 });
    expect(c.state!.profile).toEqual({});
  });
});
