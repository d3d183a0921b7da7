/** Sample-cohort behaviours for churn early warning: steady buyers, buyers and fans who fade, unhappy customers, leavers who tell us why, and customers who come back. */
import type { Behaviour, CustomerScript } from '../cohort-script.ts';

const purchase = (c: CustomerScript, day: number, min = 80, max = 900): void =>
  c.track(day, 'purchase', { amount: c.int(min, max), orderId: `${c.userId}-o${Math.floor(day)}` });
const visit = (c: CustomerScript, day: number): void => c.track(day, 'visit', { page: c.pick(['home', 'product', 'member']) });

/** Buys every one to three weeks and looks around in between: stays healthy. */
const steady: Behaviour = (c) => {
  for (let day = c.int(0, 30); day < c.days; day += c.int(7, 21)) {
    purchase(c, day);
    if (c.chance(0.6)) visit(c, day + c.int(1, 6));
  }
};

/** Buys often for a few months, keeps browsing a while after the buying stops (purchases falling), then goes silent. */
const fadingBuyer: Behaviour = (c) => {
  let day = c.int(0, 60);
  for (let n = c.int(3, 6); n > 0; n--, day += c.int(7, 20)) purchase(c, day, 200, 2500);
  for (let n = c.int(4, 8); n > 0; n--, day += c.int(3, 8)) visit(c, day);
};

/** Buys once and interacts a lot for a few weeks, then hardly at all (interactions falling), then not at all. */
const quietingFan: Behaviour = (c) => {
  const first = c.int(0, 60);
  purchase(c, first);
  for (let n = c.int(7, 12), day = first + 1; n > 0; n--, day += c.int(1, 3)) c.track(day, 'message_reply', { channel: 'wechat' });
};

/** Scores the service low or complains after buying; half buy again after the intervention. */
const unhappy: Behaviour = (c) => {
  const first = c.int(0, 150);
  purchase(c, first);
  if (c.chance(0.5)) c.track(first + c.int(2, 10), 'satisfaction_survey', { score: c.int(0, 2) });
  else c.track(first + c.int(2, 10), 'complaint', { topic: c.pick(['delivery', 'quality', 'service']) });
  if (c.chance(0.5)) purchase(c, first + c.int(15, 60));
};

/** One or two early orders and then silence all the way to churned; after the recall call most say why they left. */
const leaver: Behaviour = (c) => {
  let last = c.int(0, 60);
  purchase(c, last, 50, 1500);
  if (c.chance(0.4)) purchase(c, (last += c.int(5, 20)), 50, 1500);
  if (c.chance(0.7)) c.track(last + 180 + c.int(2, 6), 'churn_feedback', { reason: c.pick(['natural', 'soft', 'hard', 'experience']) });
};

/** Buys, disappears long enough to be warned, dormant and sometimes churned, then comes back and buys. */
const comeback: Behaviour = (c) => {
  const first = c.int(0, 40);
  purchase(c, first, 300, 2000);
  const back = first + c.int(100, 220);
  visit(c, back);
  purchase(c, back + c.int(0, 5));
};

export const churnBehaviours: Readonly<Record<string, Behaviour>> = { steady, fadingBuyer, quietingFan, unhappy, leaver, comeback };
