/** Engine waits on a virtual clock: delays, wall-clock untils across DST, awaited events with timeouts, the inactivity ladder. */
import { describe, expect, it } from 'vitest';
import type { WaitEventsNode } from '../../../dsl/nodes/wait.ts';
import { step, timerInput } from '../../../runtime/engine/index.ts';
import { DAY, HOUR, VirtualCustomer, compile, planSet, t, track } from './journey-fixture.ts';

const send = (id: string, next: string) => ({ id, kind: 'action' as const, action: { type: 'webhook' as const, url: `https://hooks.example.com/${id}` }, next });

describe('delay and until waits', () => {
  const delay = compile({
    entry: { trigger: { type: 'event', event: 'signup' }, next: 'wait_3d' },
    nodes: [{ id: 'wait_3d', kind: 'wait', mode: 'delay', duration: '3d', next: 'hello' }, send('hello', 'done'), { id: 'done', kind: 'exit' }],
  });

  it('fires a delay exactly its duration after the customer reached it', () => {
    const c = new VirtualCustomer(planSet([delay]), 'c1').track('signup', t('2026-01-01T10:00:00Z'));
    expect(c.of('timerSet').map((e) => e.timer.fireAt)).toEqual([t('2026-01-04T10:00:00Z')]);
    c.advanceTo(t('2026-01-04T09:59:59.999Z'));
    expect(c.of('action')).toHaveLength(0);
    c.advanceTo(t('2026-01-04T10:00:00Z'));
    expect(c.of('action').map((e) => e.at)).toEqual([t('2026-01-04T10:00:00Z')]);
    expect(c.of('exit')).toHaveLength(1);
    expect(c.state?.journeys.journey?.status).toBe('exited');
  });

  it('ignores a timer input for a timer that is no longer pending', () => {
    const c = new VirtualCustomer(planSet([delay]), 'c1').track('signup', t('2026-01-01T10:00:00Z'));
    const timer = c.of('timerSet')[0]!.timer;
    c.advanceTo(timer.fireAt);
    const again = step(c.plans, c.state, timerInput('c1', timer));
    expect(again.effects).toEqual([]);
    expect(again.state).toEqual(c.state);
  });

  const nineAm = compile({
    entry: { trigger: { type: 'event', event: 'signup' }, next: 'until_9' },
    nodes: [{ id: 'until_9', kind: 'wait', mode: 'until', time: '09:00', next: 'hello' }, send('hello', 'done'), { id: 'done', kind: 'exit' }],
    policies: { timezone: 'Asia/Shanghai' },
  });

  it("waits for 09:00 in the customer's zone, across the spring-forward night in New York", () => {
    // 20:00 EST on Saturday 7 March 2026; clocks jump to EDT at 02:00 on the 8th, so 09:00 local is 13:00Z, not 14:00Z.
    const ny = new VirtualCustomer(planSet([nineAm]), 'ny').identify(t('2026-03-08T00:00:00Z'), { timezone: 'America/New_York' });
    ny.track('signup', t('2026-03-08T01:00:00Z')).advanceTo(t('2026-03-10T00:00:00Z'));
    expect(ny.of('action').map((e) => new Date(e.at).toISOString())).toEqual(['2026-03-08T13:00:00.000Z']);
  });

  it("uses the journey's zone when the customer has none (or an unknown one)", () => {
    const sh = new VirtualCustomer(planSet([nineAm]), 'sh').identify(t('2026-03-08T00:00:00Z'), { timezone: 'Mars/Olympus' });
    sh.track('signup', t('2026-03-08T01:00:01Z')).advanceTo(t('2026-03-10T00:00:00Z'));
    // 09:00:01 in Shanghai: 09:00 today has passed, so tomorrow's.
    expect(sh.of('action').map((e) => new Date(e.at).toISOString())).toEqual(['2026-03-09T01:00:00.000Z']);
  });

  it('passes straight through when it is exactly the awaited time of day', () => {
    const sh = new VirtualCustomer(planSet([nineAm]), 'sh').track('signup', t('2026-03-08T01:00:00Z'));
    expect(sh.of('timerSet')).toEqual([]);
    expect(sh.of('action').map((e) => e.at)).toEqual([t('2026-03-08T01:00:00Z')]);
  });

  const christmas = compile({
    entry: { trigger: { type: 'event', event: 'signup' }, next: 'xmas' },
    nodes: [{ id: 'xmas', kind: 'wait', mode: 'until', date: '2026-12-25', time: '10:00', next: 'hello' }, send('hello', 'done'), { id: 'done', kind: 'exit' }],
    policies: { timezone: 'Europe/London' },
  });

  it('waits for a date and time in the zone, and passes a date already gone', () => {
    const early = new VirtualCustomer(planSet([christmas]), 'a').track('signup', t('2026-06-01T00:00:00Z')).advanceTo(t('2027-01-01T00:00:00Z'));
    expect(early.of('action').map((e) => e.at)).toEqual([t('2026-12-25T10:00:00Z')]);
    const late = new VirtualCustomer(planSet([christmas]), 'b').track('signup', t('2026-12-26T00:00:00Z'));
    expect(late.of('action').map((e) => e.at)).toEqual([t('2026-12-26T00:00:00Z')]);
  });
});

describe('waiting for events with a timeout', () => {
  const trial = compile({
    entry: { trigger: { type: 'event', event: 'trial_booked' }, next: 'wait_attend' },
    nodes: [
      {
        id: 'wait_attend',
        kind: 'wait',
        mode: 'events',
        events: [
          { event: 'trial_attended', next: 'thanks' },
          { event: 'purchase', when: { fact: 'event', path: '$.amount', operator: 'greaterThanInclusive', value: 100 }, next: 'won' },
        ],
        timeout: '2d',
        timeoutNext: 'remind',
      },
      send('thanks', 'end'),
      { id: 'won', kind: 'goal', goal: 'purchased' },
      send('remind', 'end'),
      { id: 'end', kind: 'exit' },
    ],
  });
  const booked = t('2026-02-01T08:00:00Z');
  const timeoutAt = booked + 2 * DAY;

  it('takes the event exit when the event arrives 1 ms before the timeout', () => {
    const c = new VirtualCustomer(planSet([trial]), 'c').track('trial_booked', booked).track('trial_attended', timeoutAt - 1);
    expect(c.of('action').map((e) => e.node)).toEqual(['thanks']);
    expect(c.of('timerCleared').map((e) => e.timerId)).toEqual([c.of('timerSet')[0]!.timer.id]);
    expect(c.of('branch').map((e) => e.branch)).toEqual(['event:0']);
  });

  it('takes the timeout exit when the event arrives 1 ms after the timeout', () => {
    const c = new VirtualCustomer(planSet([trial]), 'c').track('trial_booked', booked).track('trial_attended', timeoutAt + 1);
    expect(c.of('action').map((e) => [e.node, e.at])).toEqual([['remind', timeoutAt]]);
    expect(c.of('branch').map((e) => e.branch)).toEqual(['timeout']);
  });

  it('fires an overdue timeout before a later event even when the caller did not fire it', () => {
    const first = step(planSet([trial]), undefined, track('c', 'trial_booked', booked));
    const timer = first.effects.flatMap((e) => (e.kind === 'timerSet' ? [e.timer] : []))[0]!;
    const late = step(planSet([trial]), first.state, track('c', 'trial_attended', timeoutAt + 1));
    // The timeout's effects are those the scheduler would have produced: its time, its timer id as input id.
    expect(late.effects.filter((e) => e.kind === 'action').map((e) => [e.node, e.at, e.inputId])).toEqual([['remind', timeoutAt, timer.id]]);
    const scheduled = step(planSet([trial]), first.state, timerInput('c', timer));
    expect(late.effects.slice(0, scheduled.effects.length)).toEqual(scheduled.effects);
  });

  it('at the very instant of the timeout, whichever input is processed first wins', () => {
    const eventFirst = new VirtualCustomer(planSet([trial]), 'c').track('trial_booked', booked);
    eventFirst.send(track('c', 'trial_attended', timeoutAt));
    expect(eventFirst.of('action').map((e) => e.node)).toEqual(['thanks']);
    const timerFirst = new VirtualCustomer(planSet([trial]), 'c').track('trial_booked', booked).advanceTo(timeoutAt);
    timerFirst.send(track('c', 'trial_attended', timeoutAt));
    expect(timerFirst.of('action').map((e) => e.node)).toEqual(['remind']);
  });

  it("checks an awaited event's condition against the event's properties", () => {
    const small = new VirtualCustomer(planSet([trial]), 'c').track('trial_booked', booked).track('purchase', booked + HOUR, { amount: 50 });
    expect(small.of('goal')).toEqual([]);
    small.track('purchase', booked + 2 * HOUR, { amount: 150 });
    expect(small.of('goal').map((e) => [e.goal, e.converted])).toEqual([['purchased', true]]);
    expect(small.of('exit').map((e) => e.completed)).toEqual([true]);
    expect(small.state?.journeys.journey?.status).toBe('completed');
  });

  const nudge = (activityEvents?: string[]) =>
    compile({
      schema: activityEvents === undefined ? {} : { activityEvents },
      entry: { trigger: { type: 'event', event: 'cart_add' }, next: 'wait_buy' },
      nodes: [
        { id: 'wait_buy', kind: 'wait', mode: 'events', events: [{ event: 'purchase', next: 'end' }], timeout: '7d', timeoutFrom: 'lastActivity', timeoutNext: 'nudge' },
        send('nudge', 'end'),
        { id: 'end', kind: 'exit' },
      ],
    });

  it('moves a lastActivity timeout whenever other activity arrives', () => {
    const start = t('2026-04-01T00:00:00Z');
    const c = new VirtualCustomer(planSet([nudge()]), 'c').track('cart_add', start).track('page_view', start + 3 * DAY);
    const [first, moved] = c.of('timerSet').map((e) => e.timer);
    expect(first?.fireAt).toBe(start + 7 * DAY);
    expect(moved?.fireAt).toBe(start + 10 * DAY);
    expect(c.of('timerCleared').map((e) => e.timerId)).toEqual([first!.id]);
    c.advanceTo(start + 20 * DAY);
    expect(c.of('action').map((e) => e.at)).toEqual([start + 10 * DAY]);
  });

  it('does not move it for events the journey does not count as activity', () => {
    const start = t('2026-04-01T00:00:00Z');
    const c = new VirtualCustomer(planSet([nudge(['cart_add', 'login'])]), 'c').track('cart_add', start).track('page_view', start + 3 * DAY);
    expect(c.of('timerSet').map((e) => e.timer.fireAt)).toEqual([start + 7 * DAY]);
    c.track('login', start + 5 * DAY).advanceTo(start + 20 * DAY);
    expect(c.of('action').map((e) => e.at)).toEqual([start + 12 * DAY]);
  });
});

describe('the 30/45/90/180-day dormancy ladder', () => {
  const rung = (id: string, days: number, timeoutNext: string): WaitEventsNode => ({
    id,
    kind: 'wait',
    mode: 'events',
    events: [{ event: '*', next: 'active' }],
    timeout: `${days}d`,
    timeoutFrom: 'lastActivity',
    timeoutNext,
  });
  const ladder = compile({
    id: 'dormancy-ladder',
    stages: ['active', 'silent', 'sleeping', 'lost'].map((id) => ({ id, name: { zh: id, en: id } })),
    entry: { trigger: { type: 'event', event: '*' }, reentry: 'afterExit', next: 'active' },
    nodes: [
      { id: 'active', kind: 'stage', stage: 'active', next: 'wait_30' },
      rung('wait_30', 30, 'silent'),
      { id: 'silent', kind: 'stage', stage: 'silent', next: 'wait_45' },
      rung('wait_45', 45, 'sleeping'),
      { id: 'sleeping', kind: 'stage', stage: 'sleeping', next: 'wait_90' },
      rung('wait_90', 90, 'lost'),
      { id: 'lost', kind: 'stage', stage: 'lost', next: 'wait_180' },
      rung('wait_180', 180, 'gone'),
      { id: 'gone', kind: 'exit', reason: 'inactive for 180 days' },
    ],
  });
  const last = t('2026-01-01T10:00:00Z');
  const iso = (at: number) => new Date(at).toISOString();

  it('fires each rung exactly at last activity + N days', () => {
    const c = new VirtualCustomer(planSet([ladder]), 'c').track('login', last).advanceTo(last + 400 * DAY);
    expect(c.stages()).toEqual([`active@${iso(last)}`, `silent@${iso(last + 30 * DAY)}`, `sleeping@${iso(last + 45 * DAY)}`, `lost@${iso(last + 90 * DAY)}`]);
    expect(c.of('exit').map((e) => [e.at, e.reason])).toEqual([[last + 180 * DAY, 'inactive for 180 days']]);
    expect(c.of('stage').map((e) => e.from)).toEqual([undefined, 'active', 'silent', 'sleeping']);
  });

  it('restarts the ladder from the new activity', () => {
    const back = last + 40 * DAY;
    const c = new VirtualCustomer(planSet([ladder]), 'c').track('login', last).track('page_view', back).advanceTo(back + 100 * DAY);
    expect(c.stages()).toEqual([
      `active@${iso(last)}`,
      `silent@${iso(last + 30 * DAY)}`,
      `active@${iso(back)}`,
      `silent@${iso(back + 30 * DAY)}`,
      `sleeping@${iso(back + 45 * DAY)}`,
      `lost@${iso(back + 90 * DAY)}`,
    ]);
  });

  it('takes a customer who left back in on their next activity, from their last stage', () => {
    const c = new VirtualCustomer(planSet([ladder]), 'c').track('login', last).advanceTo(last + 200 * DAY);
    c.track('login', last + 300 * DAY);
    expect(c.of('entered')).toHaveLength(2);
    expect(c.of('stage').at(-1)).toMatchObject({ stage: 'active', from: 'lost', at: last + 300 * DAY });
    expect(c.state?.journeys['dormancy-ladder']?.entries).toBe(2);
  });

  it('keeps the steady-state customer small (≤ 1 KB)', () => {
    const c = new VirtualCustomer(planSet([ladder]), 'customer-0001');
    c.identify(last - DAY, { name: 'Wang Fang', grade: 3, timezone: 'Asia/Shanghai' });
    for (let day = 0; day < 365; day++) c.track(day % 7 === 0 ? 'purchase' : 'login', last + day * DAY, { amount: 99 });
    const size = new TextEncoder().encode(JSON.stringify(c.state)).length;
    expect(size).toBeLessThanOrEqual(1024);
  });
});

describe('timeouts and stale timers', () => {
  const wait = compile({
    entry: { trigger: { type: 'segment', when: { fact: 'level', operator: 'equal', value: 'member' } }, next: 'w' },
    nodes: [
      { id: 'w', kind: 'wait', mode: 'events', events: [{ event: 'login', next: 'back' }], timeout: '30d', timeoutFrom: 'lastActivity', timeoutNext: 'lapsed' },
      { id: 'back', kind: 'stage', stage: 'active', next: 'end' },
      { id: 'lapsed', kind: 'stage', stage: 'silent', next: 'end' },
      { id: 'end', kind: 'exit' },
    ],
  });
  const last = t('2026-01-01T00:00:00Z');

  it('times out at once when the last activity is already longer ago than the timeout', () => {
    const c = new VirtualCustomer(planSet([wait]), 'c').track('login', last).identify(last + 40 * DAY, { level: 'member' });
    expect(c.of('timerSet')).toEqual([]);
    expect(c.of('branch').map((e) => [e.branch, e.next])).toEqual([['timeout', 'lapsed']]);
    expect(c.stages()).toEqual([`silent@${new Date(last + 40 * DAY).toISOString()}`]);
  });

  it('ignores the input of a timeout cleared when the awaited event came', () => {
    const c = new VirtualCustomer(planSet([wait]), 'c').track('login', last).identify(last + DAY, { level: 'member' });
    const timer = c.of('timerSet')[0]!.timer;
    expect(timer.fireAt).toBe(last + 30 * DAY);
    c.track('login', last + 2 * DAY);
    const stale = step(c.plans, c.state, timerInput('c', timer));
    expect(stale.effects).toEqual([]);
    expect(stale.state).toEqual(c.state);
  });
});
