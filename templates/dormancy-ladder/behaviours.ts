/** Sample-cohort behaviours for the dormancy ladder: loyal buyers, buyers who fade away, buyers who come back, small one-off buyers. */
import type { Behaviour, CustomerScript } from '../cohort-script.ts';

const purchase = (c: CustomerScript, day: number, min = 60, max = 1500): void =>
  c.track(day, 'purchase', { amount: c.int(min, max), orderId: `${c.userId}-o${Math.floor(day)}` });

/** Browses and buys every couple of weeks until the window ends: stays active. */
const loyal: Behaviour = (c) => {
  let day = c.int(0, 30);
  purchase(c, day);
  while (day < c.days) {
    const gap = c.int(7, 28);
    if (c.chance(0.5)) c.track(day + c.int(1, gap - 1), 'page_view', { page: 'home' });
    day += gap;
    purchase(c, day);
  }
};

/** One or two purchases early on, then silence: walks the whole ladder down to lost. */
const fader: Behaviour = (c) => {
  const first = c.int(0, 60);
  purchase(c, first);
  if (c.chance(0.5)) purchase(c, first + c.int(5, 20));
};

/** Buys, goes quiet long enough to be silent or sleeping (sometimes lost), then returns and buys again. */
const comeback: Behaviour = (c) => {
  const first = c.int(0, 40);
  purchase(c, first);
  const back = first + c.int(50, 200);
  c.track(back, 'page_view', { page: 'promotion' });
  purchase(c, back + c.int(0, 3));
  if (c.chance(0.5)) purchase(c, back + c.int(10, 25));
};

/** A single small purchase and nothing after: the customers a recall threshold is meant to leave out. */
const lowSpender: Behaviour = (c) => {
  purchase(c, c.int(0, 90), 10, 60);
};

export const dormancyBehaviours: Readonly<Record<string, Behaviour>> = { loyal, fader, comeback, lowSpender };
