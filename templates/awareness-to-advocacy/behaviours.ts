/** Sample-cohort behaviours for awareness → advocacy: browsers, engaged browsers, one-time and repeat buyers, and advocates who refer friends. */
import type { Behaviour, CustomerScript } from '../cohort-script.ts';

const purchase = (c: CustomerScript, day: number): void => c.track(day, 'purchase', { amount: c.int(50, 800), orderId: `${c.userId}-o${Math.floor(day)}` });

/** A first touch from an ad or a piece of content, on one of the first 200 days. */
const firstTouch = (c: CustomerScript): number => {
  const day = c.int(0, 200);
  if (c.chance(0.5)) c.track(day, 'ad_click', { campaign: c.pick(['spring_launch', 'summer_sale', 'brand_story']) });
  else c.track(day, 'content_view', { channel: c.pick(['xiaohongshu', 'douyin', 'blog']) });
  return day;
};

/** Some site visits spread over the following weeks. */
const browse = (c: CustomerScript, from: number, visits: number, spread: number): void => {
  for (let n = 0; n < visits; n++) c.track(from + c.int(1, spread), 'site_visit', { page: c.pick(['home', 'product', 'reviews']) });
};

/** Looks around a little and never buys: awareness only. */
const browser: Behaviour = (c) => {
  browse(c, firstTouch(c), c.int(0, 2), 30);
};

/** Visits a lot within two weeks (earning the first-order offer); about half then buy. */
const engagedBrowser: Behaviour = (c) => {
  const day = firstTouch(c);
  browse(c, day, c.int(5, 9), 12);
  if (c.chance(0.5)) purchase(c, day + c.int(13, 25));
};

/** Buys once after a few visits, then only browses now and then: conversion, then growth. */
const oneTimer: Behaviour = (c) => {
  const day = firstTouch(c);
  browse(c, day, c.int(1, 3), 10);
  const bought = day + c.int(2, 20);
  purchase(c, bought);
  browse(c, bought, c.int(0, 3), 60);
};

/** The first thing the brand sees is an order (a shop visit, a gift): straight to conversion. */
const directBuyer: Behaviour = (c) => {
  const day = c.int(0, 200);
  purchase(c, day);
  if (c.chance(0.4)) purchase(c, day + c.int(20, 90));
};

/** Buys again and again, sometimes with a long gap (the retention offer): retention. */
const repeater: Behaviour = (c) => {
  const day = firstTouch(c);
  let next = day + c.int(1, 15);
  for (let n = c.int(2, 5); n > 0; n--, next += c.int(10, 90)) purchase(c, next);
};

/** Buys, comes back, and recommends the brand to friends: advocacy. */
const advocate: Behaviour = (c) => {
  const day = firstTouch(c);
  const first = day + c.int(1, 10);
  purchase(c, first);
  purchase(c, first + c.int(10, 40));
  for (let n = c.int(1, 3), next = first + c.int(15, 80); n > 0; n--, next += c.int(7, 45)) c.track(next, 'referral', { inviteeId: `${c.userId}-friend${n}` });
};

export const awarenessBehaviours: Readonly<Record<string, Behaviour>> = { browser, engagedBrowser, oneTimer, directBuyer, repeater, advocate };
