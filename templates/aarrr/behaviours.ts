/** Sample-cohort behaviours for AARRR: people who only sign up, who activate, who buy once, who come back to buy, who refer friends. */
import type { Behaviour, CustomerScript } from '../cohort-script.ts';

const signup = (c: CustomerScript): number => {
  const day = c.int(0, 120);
  c.track(day, 'signup', { source: c.pick(['xiaohongshu', 'douyin', 'search', 'friend']) });
  return day;
};
const purchase = (c: CustomerScript, day: number): void => c.track(day, 'purchase', { orderId: `${c.userId}-o${Math.floor(day)}`, amount: c.int(30, 600) });
const activate = (c: CustomerScript, day: number): void => c.track(day, 'activated', { action: 'first_lesson_completed' });

/** Signs up and never comes back: acquisition only (and gets the activation nudge). */
const bouncer: Behaviour = (c) => {
  signup(c);
};

/** Signs up and activates, sometimes after the nudge, never buys. */
const activator: Behaviour = (c) => {
  const day = signup(c);
  activate(c, day + c.int(0, 6));
};

/** Buys once, activated or not. */
const buyer: Behaviour = (c) => {
  const day = signup(c);
  if (c.chance(0.6)) activate(c, day + c.int(0, 2));
  purchase(c, day + c.int(3, 30));
};

/** Buys again and again: retention. */
const repeater: Behaviour = (c) => {
  const day = signup(c);
  activate(c, day + c.int(0, 2));
  for (let next = day + c.int(3, 20), n = c.int(2, 6); n > 0; n--, next += c.int(15, 60)) purchase(c, next);
};

/** Buys and recommends friends: referral. */
const advocate: Behaviour = (c) => {
  const day = signup(c);
  activate(c, day + c.int(0, 2));
  const first = day + c.int(2, 15);
  purchase(c, first);
  purchase(c, first + c.int(10, 40));
  for (let n = c.int(1, 3), next = first + c.int(5, 60); n > 0; n--, next += c.int(7, 45)) c.track(next, 'referral', { inviteeId: `${c.userId}-friend${n}` });
};

export const aarrrBehaviours: Readonly<Record<string, Behaviour>> = { bouncer, activator, buyer, repeater, advocate };
