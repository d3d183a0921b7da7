/** A valid dormancy-ladder journey to derive failing and passing checker examples from, and helpers to check variants of it. */
import { checkJourney } from '../../../dsl/checker/index.ts';
import type { Diagnostic } from '../../../dsl/diagnostics.ts';
import type { ParamValue } from '../../../dsl/schema/params.ts';

/** A journey as plain JSON that tests edit freely (tests make it invalid on purpose, so it is loosely typed). */
export type JsonJourney = Record<string, any>;

/**
 * A fresh copy of a journey that passes every check: a 30/45/90/180-day inactivity ladder with stages,
 * a params-driven threshold, a condition ladder, a split and an exit.
 */
export function validJourney(): JsonJourney {
  return structuredClone({
    id: 'dormancy-ladder',
    name: { zh: '休眠阶梯', en: 'Dormancy ladder' },
    version: 1,
    params: {
      silentAfterDays: { type: 'number', default: 45, min: 1, max: 365, integer: true },
      recallChannel: { type: 'enum', values: ['wechat', 'sms'], default: 'wechat' },
      vipTag: { type: 'string', default: 'vip' },
    },
    stages: [
      { id: 'active', name: { zh: '活跃期', en: 'Active' } },
      { id: 'silent', name: { zh: '沉默期', en: 'Silent' } },
      { id: 'sleeping', name: { zh: '睡眠期', en: 'Sleeping' } },
      { id: 'lost', name: { zh: '流失期', en: 'Lost' } },
    ],
    schema: {
      profile: { grade: { enum: ['g1', 'g2', 'g3'] }, vipLevel: 'number', optedOut: 'boolean' },
      events: { purchase: { amount: 'number', sku: 'string' }, app_open: {} },
    },
    entry: {
      trigger: { type: 'event', event: 'purchase', when: { fact: 'event', path: '$.amount', operator: 'greaterThan', value: 0 } },
      reentry: 'afterExit',
      next: 'markActive',
    },
    nodes: [
      { id: 'markActive', kind: 'stage', stage: 'active', next: 'wait30' },
      {
        id: 'wait30',
        kind: 'wait',
        mode: 'events',
        events: [{ event: 'purchase', next: 'markActive' }],
        timeout: '30d',
        timeoutFrom: 'lastActivity',
        timeoutNext: 'nudge',
      },
      { id: 'nudge', kind: 'action', action: { type: 'message', channel: { param: 'recallChannel' }, template: 'nudge_30d' }, next: 'waitSilent' },
      {
        id: 'waitSilent',
        kind: 'wait',
        mode: 'events',
        events: [{ event: '*', next: 'markActive' }],
        timeout: { param: 'silentAfterDays', unit: 'd' },
        timeoutFrom: 'lastActivity',
        timeoutNext: 'markSilent',
      },
      { id: 'markSilent', kind: 'stage', stage: 'silent', next: 'bySpend' },
      {
        id: 'bySpend',
        kind: 'condition',
        branches: [
          { label: 'low', when: { fact: 'totalSpend', operator: 'lessThan', value: 500 }, next: 'wait90' },
          { label: 'mid', when: { all: [{ fact: 'totalSpend', operator: 'greaterThanInclusive', value: 500 }, { fact: 'totalSpend', operator: 'lessThan', value: 2000 }] }, next: 'tagVip' },
          { label: 'high', when: { fact: 'totalSpend', operator: 'greaterThanInclusive', value: 2000 }, next: 'callTask' },
        ],
        else: 'wait90',
      },
      { id: 'tagVip', kind: 'action', action: { type: 'addTag', tag: { param: 'vipTag' } }, next: 'wait90' },
      { id: 'callTask', kind: 'action', action: { type: 'task', title: 'Call this customer', dueIn: '2d' }, next: 'wait90' },
      {
        id: 'wait90',
        kind: 'wait',
        mode: 'events',
        events: [{ event: 'purchase', when: { fact: 'event', path: '$.amount', operator: 'greaterThanInclusive', value: 100 }, next: 'won' }, { event: '*', next: 'markActive' }],
        timeout: '90d',
        timeoutFrom: 'lastActivity',
        timeoutNext: 'markSleeping',
      },
      { id: 'markSleeping', kind: 'stage', stage: 'sleeping', next: 'experiment' },
      {
        id: 'experiment',
        kind: 'split',
        branches: [
          { label: 'coupon', percent: 50, next: 'coupon' },
          { label: 'holdout', percent: 50, next: 'wait180' },
        ],
      },
      { id: 'coupon', kind: 'action', action: { type: 'message', channel: 'sms', template: 'coupon_90d' }, next: 'wait180' },
      {
        id: 'wait180',
        kind: 'wait',
        mode: 'events',
        events: [{ event: '*', next: 'markActive' }],
        timeout: '180d',
        timeoutFrom: 'lastActivity',
        timeoutNext: 'markLost',
      },
      { id: 'markLost', kind: 'stage', stage: 'lost', next: 'lostExit' },
      { id: 'won', kind: 'goal', goal: 'reactivated', next: 'markActive' },
      { id: 'lostExit', kind: 'exit', reason: 'lost' },
    ],
    policies: { frequencyCaps: [{ channel: '*', max: 3, per: '1w' }], quietHours: { from: '22:00', to: '08:00', mode: 'defer' }, goalWindow: '30d' },
    layout: { markActive: { x: 0, y: 0 } },
  });
}

/** The diagnostics for `doc` (with param overrides). */
export const diagnosticsOf = (doc: unknown, params?: Record<string, ParamValue>): Diagnostic[] =>
  checkJourney(doc, params === undefined ? {} : { params }).diagnostics;

/** The codes of the diagnostics for `doc`. */
export const codesOf = (doc: unknown, params?: Record<string, ParamValue>): string[] => diagnosticsOf(doc, params).map((d) => d.code);

/** The node with `id` in a JSON journey. */
export const nodeById = (doc: JsonJourney, id: string): JsonJourney => {
  const node = (doc.nodes as JsonJourney[]).find((n) => n.id === id);
  if (node === undefined) throw new Error(`fixture has no node ${id}`);
  return node;
};
