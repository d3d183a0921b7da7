/** Sample-cohort behaviours for RFM segments: big and small spenders who buy often or seldom, some of whom fade or come back. */
import type { Behaviour, CustomerScript } from '../cohort-script.ts';

const purchase = (c: CustomerScript, day: number, min: number, max: number): void =>
  c.track(day, 'purchase', { amount: c.int(min, max), orderId: `${c.userId}-o${Math.floor(day)}` });

/** Buys large baskets every few weeks all year: important value from the third order. */
const champion: Behaviour = (c) => {
  for (let day = c.int(0, 60); day < c.days; day += c.int(10, 35)) {
    purchase(c, day, 300, 1200);
    if (c.chance(0.3)) c.track(day + 2, 'page_view', { page: 'new_arrivals' });
  }
};

/** Buys large baskets often for a few months, then stops: important value, then important keep 91 days after the last order. */
const fadingChampion: Behaviour = (c) => {
  for (let day = c.int(0, 60), n = c.int(3, 6); n > 0; n--, day += c.int(7, 25)) purchase(c, day, 300, 1200);
};

/** One large order (sometimes a second): important develop, then important retain once 90 days pass without another. */
const bigTicket: Behaviour = (c) => {
  const day = c.int(0, 150);
  purchase(c, day, 1000, 5000);
  if (c.chance(0.4)) purchase(c, day + c.int(10, 60), 500, 3000);
};

/** A large order, a long silence (important retain), then back for more: recalled into important develop or value. */
const returner: Behaviour = (c) => {
  const first = c.int(0, 60);
  purchase(c, first, 1000, 3000);
  const back = first + c.int(100, 200);
  purchase(c, back, 200, 1500);
  purchase(c, back + c.int(7, 30), 200, 1500);
};

/** Small baskets every week or few: general value from the third order (the biggest grow into important value). */
const smallRegular: Behaviour = (c) => {
  for (let day = c.int(0, 60); day < c.days; day += c.int(7, 30)) purchase(c, day, 20, 90);
};

/** A handful of small orders close together, then nothing: general value, then general keep. */
const fadingRegular: Behaviour = (c) => {
  for (let day = c.int(0, 90), n = c.int(3, 5); n > 0; n--, day += c.int(5, 20)) purchase(c, day, 20, 150);
};

/** One small order, sometimes two: general develop, then general retain after 90 quiet days. */
const newcomer: Behaviour = (c) => {
  const day = c.int(0, 200);
  purchase(c, day, 20, 300);
  if (c.chance(0.3)) purchase(c, day + c.int(5, 40), 20, 300);
};

export const rfmBehaviours: Readonly<Record<string, Behaviour>> = { champion, fadingChampion, bigTicket, returner, smallRegular, fadingRegular, newcomer };
