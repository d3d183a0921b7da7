/** Engine policies: frequency caps over sliding windows, quiet hours (drop, and defer across midnight in the customer's zone). */
import { describe, expect, it } from 'vitest';
import type { JourneyDocumentInput } from '../../../dsl/schema/document.ts';
import { DAY, VirtualCustomer, compile, planSet, t } from './journey-fixture.ts';

type Policies = JourneyDocumentInput['policies'];

const message = (id: string, channel: string, next: string) => ({ id, kind: 'action' as const, action: { type: 'message' as const, channel, template: id }, next });

/** Three messages an hour apart, then the journey ends. */
const drip = (policies: Policies, channels = ['sms', 'sms', 'sms']) =>
  compile({
    entry: { trigger: { type: 'event', event: 'signup' }, reentry: 'afterExit', next: 'm1' },
    nodes: [
      message('m1', channels[0]!, 'w1'),
      { id: 'w1', kind: 'wait', mode: 'delay', duration: '1h', next: 'm2' },
      message('m2', channels[1]!, 'w2'),
      { id: 'w2', kind: 'wait', mode: 'delay', duration: '1h', next: 'm3' },
      message('m3', channels[2]!, 'end'),
      { id: 'end', kind: 'exit' },
    ],
    policies,
  });

describe('frequency caps', () => {
  const start = t('2026-06-01T02:00:00Z');

  it('suppresses sends beyond the cap within the window, per channel', () => {
    const c = new VirtualCustomer(planSet([drip({ frequencyCaps: [{ channel: 'sms', max: 2, per: '1d' }] })]), 'c').track('signup', start).advanceTo(start + DAY);
    expect(c.of('action').map((e) => e.node)).toEqual(['m1', 'm2']);
    expect(c.of('suppressed').map((e) => [e.node, e.reason])).toEqual([['m3', 'frequencyCap']]);
  });

  it('slides the window: a send counts for exactly `per`', () => {
    const plans = planSet([drip({ frequencyCaps: [{ channel: 'sms', max: 2, per: '1d' }] })]);
    const c = new VirtualCustomer(plans, 'c').track('signup', start).advanceTo(start + DAY);
    // Sends at start, start+1h; a new run starting at start+1d: the first send has left the window, the second not yet.
    c.track('signup', start + DAY).advanceTo(start + 2 * DAY);
    const second = c.effects.filter((e) => e.at >= start + DAY && (e.kind === 'action' || e.kind === 'suppressed'));
    expect(second.map((e) => `${e.kind}:${e.node}`)).toEqual(['action:m1', 'action:m2', 'suppressed:m3']);
  });

  it('caps all channels together with `*`, and leaves other channels alone otherwise', () => {
    const mixed = ['sms', 'wechat', 'email'];
    const all = new VirtualCustomer(planSet([drip({ frequencyCaps: [{ channel: '*', max: 2, per: '1d' }] }, mixed)]), 'c').track('signup', start).advanceTo(start + DAY);
    expect(all.of('suppressed').map((e) => e.node)).toEqual(['m3']);
    const smsOnly = new VirtualCustomer(planSet([drip({ frequencyCaps: [{ channel: 'sms', max: 1, per: '1d' }] }, mixed)]), 'c').track('signup', start).advanceTo(start + DAY);
    expect(smsOnly.of('suppressed')).toEqual([]);
  });

  it('counts sends from every journey the customer is in', () => {
    const capped = { frequencyCaps: [{ channel: 'sms', max: 1, per: '1d' }] };
    const welcome = compile({ id: 'a-welcome', entry: { trigger: { type: 'event', event: 'signup' }, next: 'm' }, nodes: [message('m', 'sms', 'end'), { id: 'end', kind: 'exit' }], policies: capped });
    const coupon = compile({ id: 'b-coupon', entry: { trigger: { type: 'event', event: 'signup' }, next: 'm' }, nodes: [message('m', 'sms', 'end'), { id: 'end', kind: 'exit' }], policies: capped });
    const c = new VirtualCustomer(planSet([coupon, welcome]), 'c').track('signup', start);
    expect(c.of('action').map((e) => e.journeyId)).toEqual(['a-welcome']);
    expect(c.of('suppressed').map((e) => e.journeyId)).toEqual(['b-coupon']);
  });
});

describe('quiet hours', () => {
  const quiet = (mode: 'drop' | 'defer') =>
    compile({
      entry: { trigger: { type: 'event', event: 'signup' }, reentry: 'afterExit', next: 'hello' },
      nodes: [message('hello', 'wechat', 'task'), { id: 'task', kind: 'action', action: { type: 'task', title: 'Follow up' }, next: 'end' }, { id: 'end', kind: 'exit' }],
      policies: { timezone: 'Asia/Shanghai', quietHours: { from: '21:00', to: '08:00', mode }, frequencyCaps: [{ channel: 'wechat', max: 1, per: '1d' }] },
    });
  const newYorker = (plan: ReturnType<typeof quiet>) => new VirtualCustomer(planSet([plan]), 'ny').identify(t('2026-01-01T00:00:00Z'), { timezone: 'America/New_York' });
  const shanghai = (plan: ReturnType<typeof quiet>) => new VirtualCustomer(planSet([plan]), 'sh');

  it("defers a message due at night to the window's end the next morning, in the customer's zone", () => {
    // 13:30Z on 15 January: 21:30 in Shanghai (quiet), 08:30 in New York (not quiet).
    const at = t('2026-01-15T13:30:00Z');
    const sh = shanghai(quiet('defer')).track('signup', at);
    expect(sh.of('deferred').map((e) => e.until)).toEqual([t('2026-01-16T00:00:00Z')]);
    expect(sh.of('task')).toHaveLength(1);
    expect(sh.of('exit')).toHaveLength(1);
    sh.advanceTo(t('2026-01-16T00:00:00Z') - 1);
    expect(sh.of('action')).toEqual([]);
    sh.advanceTo(t('2026-01-17T00:00:00Z'));
    expect(sh.of('action').map((e) => [e.node, e.at])).toEqual([['hello', t('2026-01-16T00:00:00Z')]]);
    expect(newYorker(quiet('defer')).track('signup', at).of('action').map((e) => e.at)).toEqual([at]);
  });

  it('defers across midnight in New York while Shanghai is awake', () => {
    // 03:00Z on 16 January: 22:00 on the 15th in New York, 11:00 in Shanghai.
    const at = t('2026-01-16T03:00:00Z');
    const ny = newYorker(quiet('defer')).track('signup', at).advanceTo(t('2026-01-18T00:00:00Z'));
    expect(ny.of('deferred').map((e) => e.until)).toEqual([t('2026-01-16T13:00:00Z')]);
    expect(ny.of('action').map((e) => e.at)).toEqual([t('2026-01-16T13:00:00Z')]);
    expect(shanghai(quiet('defer')).track('signup', at).of('action').map((e) => e.at)).toEqual([at]);
  });

  it('treats the window as [from, to): 07:59 is quiet, 08:00 is not, 21:00 is quiet', () => {
    const sevenFiftyNine = shanghai(quiet('defer')).track('signup', t('2026-01-15T23:59:00Z'));
    expect(sevenFiftyNine.of('deferred')).toHaveLength(1);
    expect(shanghai(quiet('defer')).track('signup', t('2026-01-16T00:00:00Z')).of('action')).toHaveLength(1);
    expect(shanghai(quiet('defer')).track('signup', t('2026-01-15T13:00:00Z')).of('deferred')).toHaveLength(1);
  });

  it('drops a message in quiet hours with mode drop (tasks are not messages)', () => {
    const sh = shanghai(quiet('drop')).track('signup', t('2026-01-15T13:30:00Z')).advanceTo(t('2026-01-20T00:00:00Z'));
    expect(sh.of('suppressed').map((e) => e.reason)).toEqual(['quietHours']);
    expect(sh.of('action')).toEqual([]);
    expect(sh.of('task')).toHaveLength(1);
  });

  it('checks frequency caps when the deferred message goes out', () => {
    const sh = shanghai(quiet('defer')).track('signup', t('2026-01-15T13:30:00Z'));
    // Re-entering at 07:00 local, still quiet: two messages now wait for 08:00, and the cap allows one a day.
    sh.track('signup', t('2026-01-15T23:00:00Z'));
    sh.advanceTo(t('2026-01-17T00:00:00Z'));
    expect(sh.of('deferred').map((e) => e.until)).toEqual([t('2026-01-16T00:00:00Z'), t('2026-01-16T00:00:00Z')]);
    expect(sh.of('action').map((e) => e.at)).toEqual([t('2026-01-16T00:00:00Z')]);
    expect(sh.of('suppressed').map((e) => [e.reason, e.at])).toEqual([['frequencyCap', t('2026-01-16T00:00:00Z')]]);
    expect(sh.state?.journeys.journey?.deferred).toBeUndefined();
    expect(sh.state?.journeys.journey?.timers).toEqual([]);
  });
});
