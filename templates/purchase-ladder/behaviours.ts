/** Sample-cohort behaviours for the purchase-count ladder: one-off buyers, customers who stop after two or three orders, slow builders and habitual buyers. */
import type { Behaviour, CustomerScript } from '../cohort-script.ts';

const purchase = (c: CustomerScript, day: number): void => c.track(day, 'purchase', { amount: c.int(40, 400), orderId: `${c.userId}-o${Math.floor(day)}` });

/** `count` orders, the first within the first 200 days, then gaps of `minGap`–`maxGap` days; a look around now and then. */
const orders = (c: CustomerScript, count: number, minGap: number, maxGap: number): void => {
  for (let n = 0, day = c.int(0, 200); n < count; n++, day += c.int(minGap, maxGap)) {
    purchase(c, day);
    if (c.chance(0.3)) c.track(day + c.int(1, minGap), 'page_view', { page: 'product' });
  }
};

/** A single order (after the second-order coupon, nothing): first purchase only. */
const oneAndDone: Behaviour = (c) => orders(c, 1, 1, 1);

/** Comes back once, sometimes only after the coupon: second purchase. */
const twoTimer: Behaviour = (c) => orders(c, 2, 5, 40);

/** Three orders, then stops: third purchase. */
const threeTimer: Behaviour = (c) => orders(c, 3, 5, 40);

/** Four orders with long gaps (reminders between them): building, sometimes sticky. */
const slowBuilder: Behaviour = (c) => orders(c, c.int(4, 5), 20, 45);

/** Orders every one to five weeks: sticky from the fifth order on. */
const habitual: Behaviour = (c) => orders(c, c.int(6, 14), 7, 35);

export const ladderBehaviours: Readonly<Record<string, Behaviour>> = { oneAndDone, twoTimer, threeTimer, slowBuilder, habitual };
