// A realistic dormancy ladder (active → silent → sleeping → lost) used by the compiler tests.
import type { JourneyDocumentInput } from '../../../dsl/schema/document.ts';

export const inactivityLadder = {
  id: 'dormancy-ladder',
  name: { zh: '沉默唤醒阶梯', en: 'Dormancy ladder' },
  version: 3,
  params: {
    silentAfterDays: { type: 'number', default: 30, min: 1, max: 365, integer: true },
    sleepingAfterDays: { type: 'number', default: 90, min: 1, max: 365, integer: true },
    lostAfterDays: { type: 'number', default: 180, min: 1, max: 730, integer: true },
    highValueSpend: { type: 'number', default: 1000, min: 0 },
    recallChannel: { type: 'enum', values: ['wechat', 'sms', 'push'], default: 'wechat' },
    recallTemplate: { type: 'string', default: 'recall_coupon_v1' },
    owner: { type: 'string', default: 'ops_team' },
  },
  stages: [
    { id: 'active', name: { zh: '活跃期', en: 'Active' } },
    { id: 'silent', name: { zh: '沉默期', en: 'Silent' } },
    { id: 'sleeping', name: { zh: '睡眠期', en: 'Sleeping' } },
    { id: 'lost', name: { zh: '流失期', en: 'Lost' } },
  ],
  schema: {
    profile: { city: 'string' },
    events: { purchase: { amount: 'number' }, login: {} },
    activityEvents: ['purchase', 'login'],
  },
  entry: {
    trigger: { type: 'event', event: 'purchase', when: { fact: 'event', path: '$.amount', operator: 'greaterThan', value: 0 } },
    reentry: 'afterExit',
    cooldown: '7d',
    next: 'mark_active',
  },
  nodes: [
    { id: 'mark_active', kind: 'stage', stage: 'active', next: 'wait_silent' },
    {
      id: 'wait_silent',
      kind: 'wait',
      mode: 'events',
      events: [{ event: '*', next: 'mark_active' }],
      timeout: { param: 'silentAfterDays', unit: 'd' },
      timeoutFrom: 'lastActivity',
      timeoutNext: 'mark_silent',
    },
    { id: 'mark_silent', kind: 'stage', stage: 'silent', next: 'nudge' },
    {
      id: 'nudge',
      kind: 'action',
      action: { type: 'message', channel: { param: 'recallChannel' }, template: { param: 'recallTemplate' }, vars: { coupon: '20' } },
      next: 'wait_sleeping',
    },
    {
      id: 'wait_sleeping',
      kind: 'wait',
      mode: 'events',
      events: [
        { event: 'purchase', when: { fact: 'event', path: '$.amount', operator: 'greaterThanInclusive', value: 1 }, next: 'mark_active' },
        { event: 'login', next: 'mark_active' },
      ],
      timeout: { param: 'sleepingAfterDays', unit: 'd' },
      timeoutFrom: 'lastActivity',
      timeoutNext: 'mark_sleeping',
    },
    { id: 'mark_sleeping', kind: 'stage', stage: 'sleeping', next: 'call_task' },
    {
      id: 'call_task',
      kind: 'action',
      action: { type: 'task', title: '电话回访沉睡客户', assignee: { param: 'owner' }, dueIn: '2d', note: '先问近况,再提优惠' },
      next: 'check_value',
    },
    {
      id: 'check_value',
      kind: 'condition',
      branches: [
        {
          label: 'worth recalling',
          when: { all: [{ fact: 'totalSpend', operator: 'greaterThanInclusive', value: { param: 'highValueSpend' } }, { not: { fact: 'tags', operator: 'contains', value: 'do_not_contact' } }] },
          next: 'tag_recall',
        },
      ],
      else: 'wait_lost',
    },
    { id: 'tag_recall', kind: 'action', action: { type: 'addTag', tag: 'vip_recall' }, next: 'wait_lost' },
    {
      id: 'wait_lost',
      kind: 'wait',
      mode: 'events',
      events: [{ event: '*', next: 'mark_active' }],
      timeout: { param: 'lostAfterDays', unit: 'd' },
      timeoutFrom: 'lastActivity',
      timeoutNext: 'mark_lost',
    },
    { id: 'mark_lost', kind: 'stage', stage: 'lost', next: 'goodbye' },
    { id: 'goodbye', kind: 'exit', reason: 'lost' },
  ],
  policies: {
    frequencyCaps: [
      { channel: 'wechat', max: 2, per: '7d' },
      { channel: '*', max: 5, per: '30d' },
    ],
    quietHours: { from: '22:00', to: '08:30', mode: 'defer' },
    goalWindow: '30d',
    timezone: 'Asia/Shanghai',
  },
} satisfies JourneyDocumentInput;
