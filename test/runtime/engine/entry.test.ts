/** Engine entries: event, segment and schedule triggers, the re-entry rule with cooldown, several journeys at once. */
import { describe, expect, it } from 'vitest';
import type { JourneyDocumentInput } from '../../../dsl/schema/document.ts';
import { nextScheduleAt, scheduleTick, step } from '../../../runtime/engine/index.ts';
import { DAY, HOUR, VirtualCustomer, compile, planSet, t, track } from './journey-fixture.ts';

const start = t('2026-07-01T02:00:00Z');
type Entry = JourneyDocumentInput['entry'];

/** A journey that marks a stage and ends at once, so re-entry is the only question. */
const oneShot = (entry: Omit<Entry, 'next'>, id = 'journey') =>
  compile({ id, entry: { ...entry, next: 'mark' } as Entry, nodes: [{ id: 'mark', kind: 'stage', stage: 'seen', next: 'end' }, { id: 'end', kind: 'exit' }] });

describe('re-entry', () => {
  it('lets a customer in at most once with reentry "never"', () => {
    const c = new VirtualCustomer(planSet([oneShot({ trigger: { type: 'event', event: 'visit' }, reentry: 'never' })]), 'c');
    c.track('visit', start).track('visit', start + DAY).track('visit', start + 100 * DAY);
    expect(c.of('entered')).toHaveLength(1);
  });

  it('lets a customer back in after leaving with reentry "afterExit"', () => {
    const c = new VirtualCustomer(planSet([oneShot({ trigger: { type: 'event', event: 'visit' }, reentry: 'afterExit' })]), 'c');
    c.track('visit', start).track('visit', start + 1);
    expect(c.of('entered').map((e) => e.at)).toEqual([start, start + 1]);
    expect(c.state?.journeys.journey?.entries).toBe(2);
  });

  it('waits out the cooldown, counted from leaving', () => {
    const c = new VirtualCustomer(planSet([oneShot({ trigger: { type: 'event', event: 'visit' }, reentry: 'afterExit', cooldown: '7d' })]), 'c');
    c.track('visit', start).track('visit', start + 7 * DAY - 1).track('visit', start + 7 * DAY);
    expect(c.of('entered').map((e) => e.at)).toEqual([start, start + 7 * DAY]);
  });

  it('never re-enters a customer who is still inside', () => {
    const waiting = compile({
      entry: { trigger: { type: 'event', event: 'visit' }, reentry: 'afterExit', next: 'w' },
      nodes: [{ id: 'w', kind: 'wait', mode: 'delay', duration: '1d', next: 'end' }, { id: 'end', kind: 'exit' }],
    });
    const c = new VirtualCustomer(planSet([waiting]), 'c').track('visit', start).track('visit', start + HOUR);
    expect(c.of('entered')).toHaveLength(1);
  });

  it('does not put a customer back in with the input that took them out', () => {
    const leaveOnVisit = compile({
      entry: { trigger: { type: 'event', event: 'visit' }, reentry: 'afterExit', next: 'w' },
      nodes: [{ id: 'w', kind: 'wait', mode: 'events', events: [{ event: 'visit', next: 'end' }], timeout: '1d', timeoutNext: 'end' }, { id: 'end', kind: 'exit' }],
    });
    const c = new VirtualCustomer(planSet([leaveOnVisit]), 'c').track('visit', start).track('visit', start + HOUR);
    expect(c.of('entered')).toHaveLength(1);
    expect(c.state?.journeys.journey?.status).toBe('exited');
    c.track('visit', start + 2 * HOUR);
    expect(c.of('entered')).toHaveLength(2);
  });
});

describe('triggers', () => {
  it("matches an event trigger's condition against the event's properties", () => {
    const bigOrder = oneShot({ trigger: { type: 'event', event: 'purchase', when: { fact: 'event', path: '$.amount', operator: 'greaterThan', value: 500 } } });
    const c = new VirtualCustomer(planSet([bigOrder]), 'c').track('purchase', start, { amount: 100 }).track('purchase', start + 1, { amount: 600 });
    expect(c.of('entered').map((e) => e.at)).toEqual([start + 1]);
  });

  it('enters on a segment condition after any input, identify included', () => {
    const vip = oneShot({ trigger: { type: 'segment', when: { fact: 'level', operator: 'equal', value: 'vip' } } });
    const c = new VirtualCustomer(planSet([vip]), 'c').track('visit', start);
    expect(c.of('entered')).toEqual([]);
    c.identify(start + HOUR, { level: 'vip' });
    expect(c.of('entered').map((e) => [e.at, e.inputId])).toEqual([[start + HOUR, `c:identify:${start + HOUR}`]]);
  });

  it('sees facts updated by the event itself (a purchase counts toward totalSpend at once)', () => {
    const spender = oneShot({ trigger: { type: 'segment', when: { fact: 'totalSpend', operator: 'greaterThanInclusive', value: 1000 } } });
    const c = new VirtualCustomer(planSet([spender]), 'c').track('purchase', start, { amount: 600 }).track('purchase', start + 1, { amount: '400' });
    expect(c.of('entered').map((e) => e.at)).toEqual([start + 1]);
  });

  it('enters schedule-triggered journeys through scheduleTick only, on the scheduled weekdays', () => {
    const weekly = oneShot({ trigger: { type: 'schedule', at: '09:00', weekdays: [1], when: { fact: 'purchaseCount', operator: 'equal', value: 0 } }, reentry: 'afterExit' }, 'weekly');
    const plans = planSet([weekly]);
    const fromStep = step(plans, undefined, track('c', 'visit', start));
    expect(fromStep.effects).toEqual([]);
    // 1 July 2026 is a Wednesday; the next Monday 09:00 in Shanghai is 6 July 01:00Z.
    const due = nextScheduleAt(weekly, start)!;
    expect(new Date(due).toISOString()).toBe('2026-07-06T01:00:00.000Z');
    expect(nextScheduleAt(weekly, due)).toBe(due);
    expect(nextScheduleAt(weekly, due + 1)).toBe(due + 7 * DAY);
    const ticked = scheduleTick(plans, fromStep.state, 'weekly', due);
    expect(ticked.effects.map((e) => e.kind)).toEqual(['entered', 'stage', 'exit']);
    expect(ticked.effects[0]?.inputId).toBe(`schedule:weekly:${due}`);
    const buyer = step(plans, fromStep.state, track('c', 'purchase', start + HOUR, { amount: 10 }));
    expect(scheduleTick(plans, buyer.state, 'weekly', due).effects).toEqual([]);
    expect(scheduleTick(plans, fromStep.state, 'other', due).effects).toEqual([]);
  });
});

describe('several journeys at once', () => {
  it('advances every journey of the customer on one input, in journey id order', () => {
    const welcome = compile({
      id: 'welcome',
      entry: { trigger: { type: 'event', event: 'signup' }, next: 'w' },
      nodes: [{ id: 'w', kind: 'wait', mode: 'events', events: [{ event: 'purchase', next: 'thanks' }], timeout: '3d', timeoutNext: 'end' }, { id: 'thanks', kind: 'action', action: { type: 'addTag', tag: 'buyer' }, next: 'end' }, { id: 'end', kind: 'exit' }],
    });
    const lifecycle = compile({
      id: 'lifecycle',
      entry: { trigger: { type: 'event', event: 'signup' }, next: 'new' },
      nodes: [
        { id: 'new', kind: 'stage', stage: 'acquisition', next: 'w' },
        { id: 'w', kind: 'wait', mode: 'events', events: [{ event: 'purchase', next: 'rev' }], timeout: '30d', timeoutNext: 'end' },
        { id: 'rev', kind: 'stage', stage: 'revenue', next: 'end' },
        { id: 'end', kind: 'exit' },
      ],
    });
    const c = new VirtualCustomer(planSet([welcome, lifecycle]), 'c').track('signup', start).track('purchase', start + HOUR, { amount: 50 });
    expect(c.of('entered').map((e) => e.journeyId)).toEqual(['lifecycle', 'welcome']);
    const onPurchase = c.effects.filter((e) => e.at === start + HOUR && e.kind !== 'timerCleared' && e.kind !== 'branch');
    expect(onPurchase.map((e) => `${e.journeyId}:${e.kind}:${e.node}`)).toEqual(['lifecycle:stage:rev', 'lifecycle:exit:end', 'welcome:action:thanks', 'welcome:exit:end']);
    expect(c.state?.tags).toEqual(['buyer']);
    expect(Object.values(c.state!.journeys).map((j) => [j.journeyId, j.status, j.stage])).toEqual([
      ['lifecycle', 'exited', 'revenue'],
      ['welcome', 'exited', undefined],
    ]);
  });

  it('keeps customers on the version they entered, and enters newcomers on the live one', () => {
    const waitingV1 = compile({ version: 1, entry: { trigger: { type: 'event', event: 'visit' }, next: 'w' }, nodes: [{ id: 'w', kind: 'wait', mode: 'delay', duration: '1d', next: 'end' }, { id: 'end', kind: 'exit', reason: 'v1' }] });
    const v2 = compile({ version: 2, entry: { trigger: { type: 'event', event: 'visit' }, next: 'end' }, nodes: [{ id: 'end', kind: 'exit', reason: 'v2' }] });
    const first = step(planSet([waitingV1]), undefined, track('old', 'visit', start));
    const after = new VirtualCustomer(planSet([v2], [waitingV1]), 'old');
    after.state = first.state;
    after.advanceTo(start + 2 * DAY);
    expect(after.of('exit').map((e) => [e.reason, e.version])).toEqual([['v1', 1]]);
    const newcomer = new VirtualCustomer(planSet([v2], [waitingV1]), 'new').track('visit', start);
    expect(newcomer.of('exit').map((e) => [e.reason, e.version])).toEqual([['v2', 2]]);
  });
});

describe('schedule ticks without a stored state', () => {
  const daily = oneShot({ trigger: { type: 'schedule', at: '09:00' } }, 'daily');
  const due = nextScheduleAt(daily, start)!;

  it('enters a customer named by id, and nobody when no id is known', () => {
    expect(scheduleTick(planSet([daily]), undefined, 'daily', due, 'fresh').effects.map((e) => [e.kind, e.customerId])).toEqual([
      ['entered', 'fresh'],
      ['stage', 'fresh'],
      ['exit', 'fresh'],
    ]);
    expect(scheduleTick(planSet([daily]), undefined, 'daily', due).effects).toEqual([]);
  });
});
