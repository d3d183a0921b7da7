/** Journey policies at send time: frequency caps over sliding windows and quiet hours in the customer's zone. */
import type { Plan } from '../../dsl/compiler/plan.ts';
import { FORBIDDEN_NAMES } from '../../dsl/schema/common.ts';
import { ownRecord } from './customer-state.ts';
import { ANY_EVENT_KEY } from './fact-state.ts';
import { minuteOfDay, nextZonedTime, zonedParts } from './time-zone.ts';
import { appended } from './state-copy.ts';
import type { CustomerState, Millis } from './types.ts';

/**
 * Whether one more message on `channel` now would break one of the plan's caps. A cap counts the
 * customer's sends in (now − per, now], from every journey, on its channel (`*`: on all channels).
 *
 * @example
 * frequencyCapReached(state, plan, 'sms', now); // true when e.g. 2 SMS per 7d were already sent
 */
export function frequencyCapReached(state: CustomerState, plan: Plan, channel: string, now: Millis): boolean {
  return plan.policies.frequencyCaps.some((cap) => {
    if (cap.channel !== ANY_EVENT_KEY && cap.channel !== channel) return false;
    const channels = cap.channel === ANY_EVENT_KEY ? Object.keys(state.sends) : Object.hasOwn(state.sends, channel) ? [channel] : [];
    let sent = 0;
    for (const name of channels) for (const at of state.sends[name] ?? []) if (at > now - cap.perMs && at <= now) sent++;
    return sent >= cap.max;
  });
}

/**
 * Remembers a send for the caps (mutating the state).
 *
 * @example
 * recordSend(state, 'wechat', now);
 */
export function recordSend(state: CustomerState, channel: string, now: Millis): void {
  if (FORBIDDEN_NAMES.has(channel)) return;
  const sends = ownRecord(state, 'sends');
  sends[channel] = appended(Object.hasOwn(sends, channel) ? sends[channel]! : [], now);
}

/**
 * If `now` falls in the plan's quiet hours in `zone`, the instant the window ends; else undefined.
 * The window is [from, to) in wall-clock minutes and crosses midnight when from > to
 * (21:00–08:00); from = to means no quiet hours.
 *
 * @example
 * quietHoursEnd(plan, Date.UTC(2026, 0, 1, 14), 'Asia/Shanghai'); // 22:00 local, window 21:00–08:00 → 08:00 next day
 */
export function quietHoursEnd(plan: Plan, now: Millis, zone: string): Millis | undefined {
  const quiet = plan.policies.quietHours;
  if (quiet === undefined) return undefined;
  const from = minuteOfDay(quiet.from);
  const to = minuteOfDay(quiet.to);
  if (from === to) return undefined;
  const local = zonedParts(now, zone);
  const minute = local.hour * 60 + local.minute;
  const inWindow = from < to ? minute >= from && minute < to : minute >= from || minute < to;
  return inWindow ? nextZonedTime(now, quiet.to, zone) : undefined;
}
