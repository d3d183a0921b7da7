/** Sample-cohort behaviours for the K12 pack: the parent (userId) pays, the child (studentId) attends and is scored. */
import type { Behaviour, CustomerScript } from '../cohort-script.ts';

const GRADES = ['grade3', 'grade5', 'grade7', 'grade8', 'grade9', 'grade11'] as const;
const CITIES = ['成都', '杭州', '武汉', '西安', '深圳'] as const;
const SOURCES = ['xiaohongshu', 'douyin', 'moments', 'community', 'official_account', 'referral'] as const;
const SUBJECTS = ['math', 'english', 'physics', 'chinese'] as const;

const studentOf = (c: CustomerScript): string => `${c.userId}-s1`;

/** Comes in as a lead; returns the day. */
function lead(c: CustomerScript, from = 0, to = 90): number {
  const day = c.int(from, to);
  c.identify(day, { childGrade: c.pick(GRADES), city: c.pick(CITIES) });
  c.track(day, 'lead_captured', { source: c.pick(SOURCES) });
  return day;
}

function trial(c: CustomerScript, day: number, subject: string): void {
  c.track(day, 'trial_booked', { studentId: studentOf(c), subject });
  if (c.chance(0.8)) c.track(day + c.int(1, 4), 'trial_attended', { studentId: studentOf(c), subject, score: c.int(35, 98) });
}

function buy(c: CustomerScript, day: number, subject: string): void {
  const orderId = `${c.userId}-o${Math.floor(day)}`;
  const amount = c.pick([1999, 2999, 4800, 6800]);
  if (c.chance(0.3)) c.track(day - 0.5, 'order_created', { orderId, amount });
  c.track(day, 'purchase', { orderId, amount, studentId: studentOf(c), product: `${subject}-term` });
}

function attend(c: CustomerScript, from: number, to: number, subject: string): void {
  for (let day = from + c.int(1, 6); day < to; day += c.int(5, 9)) c.track(day, 'class_attended', { studentId: studentOf(c), subject });
}

/** A lead who never adds us on WeChat: stays in acquisition, turns cold. */
const neverAdds: Behaviour = (c) => {
  const day = lead(c);
  if (c.chance(0.4)) c.track(day + c.int(1, 10), 'content_viewed', { topic: 'admissions' });
};

/** Adds us, maybe books a trial, never buys: stays in growth. */
const browser: Behaviour = (c) => {
  const day = lead(c);
  const added = day + c.int(0, 3);
  c.track(added, 'wechat_added', { staffId: 'advisor-1' });
  if (c.chance(0.6)) trial(c, added + c.int(2, 20), c.pick(SUBJECTS));
};

/** Adds, tries, buys, and the child keeps attending; renews each term: stays in revenue. */
const learner: Behaviour = (c) => {
  const day = lead(c);
  const subject = c.pick(SUBJECTS);
  const added = day + c.int(0, 3);
  c.track(added, 'wechat_added', { staffId: 'advisor-1' });
  trial(c, added + c.int(1, 6), subject);
  let bought = added + c.int(7, 20);
  while (bought < c.days) {
    buy(c, bought, subject);
    attend(c, bought, bought + 90, subject);
    bought += c.int(80, 100);
  }
};

/** Buys early, attends a few weeks, then drops off: dormant at 45 days, churned at 180. */
const fader: Behaviour = (c) => {
  const day = lead(c, 0, 40);
  const subject = c.pick(SUBJECTS);
  const added = day + c.int(0, 2);
  c.track(added, 'wechat_added', { staffId: 'advisor-2' });
  const bought = added + c.int(3, 12);
  buy(c, bought, subject);
  attend(c, bought, bought + c.int(14, 42), subject);
};

/** Buys, then asks for a refund: churned straight away. */
const refunder: Behaviour = (c) => {
  const day = lead(c);
  const subject = c.pick(SUBJECTS);
  c.track(day + 1, 'wechat_added', { staffId: 'advisor-2' });
  const bought = day + c.int(5, 15);
  buy(c, bought, subject);
  c.track(bought + c.int(3, 20), 'refund', { orderId: `${c.userId}-o${Math.floor(bought)}`, amount: 1999, reason: c.pick(['schedule', 'price', 'quality']) });
};

/** Buys, goes quiet long enough to be dormant, then comes back and buys the next term. */
const returner: Behaviour = (c) => {
  const day = lead(c, 0, 60);
  const subject = c.pick(SUBJECTS);
  c.track(day + c.int(0, 2), 'wechat_added', { staffId: 'advisor-3' });
  const bought = day + c.int(5, 15);
  buy(c, bought, subject);
  attend(c, bought, bought + 14, subject);
  const back = bought + 14 + c.int(50, 150);
  c.track(back, 'content_viewed', { topic: 'new-term' });
  buy(c, back + c.int(1, 5), subject);
  attend(c, back, back + 60, subject);
};

export const k12Behaviours: Readonly<Record<string, Behaviour>> = { neverAdds, browser, learner, fader, refunder, returner };
