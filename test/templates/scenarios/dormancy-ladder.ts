/** Dormancy-ladder scenarios: 30/45/90/180 days from the last activity, reactivation, the recall value check. */
import { track, type Scenario } from './scenario.ts';

const CARE = '一对一关怀消息 · Send a 1:1 care message';

export const dormancyScenarios: Scenario[] = [
  {
    name: 'a single purchase walks the whole ladder at exactly +30, +45, +90 and +180 days',
    template: 'dormancy-ladder',
    events: [track('2025-01-01T10:00:00.000Z', 'ana', 'purchase', { amount: 100 })],
    until: '2025-12-31T00:00:00.000Z',
    expected: [
      ['2025-01-01T10:00:00.000Z', 'ana', 's_active', 'stage', 'active'],
      ['2025-01-31T10:00:00.000Z', 'ana', 'a_keep_in_touch', 'action', 'message:wechat:keep_in_touch'],
      ['2025-02-15T10:00:00.000Z', 'ana', 's_silent', 'stage', 'silent'],
      ['2025-02-15T10:00:00.000Z', 'ana', 't_care', 'task', CARE],
      ['2025-04-01T10:00:00.000Z', 'ana', 's_sleeping', 'stage', 'sleeping'],
      ['2025-04-01T10:00:00.000Z', 'ana', 'a_recall_coupon', 'action', 'message:sms:recall_coupon'],
      ['2025-06-30T10:00:00.000Z', 'ana', 's_lost', 'stage', 'lost'],
      ['2025-06-30T10:00:00.000Z', 'ana', 'a_tag_lost', 'action', 'addTag:lost'],
    ],
  },
  {
    name: 'activity while active moves the timers; activity while silent reactivates and restarts the ladder',
    template: 'dormancy-ladder',
    events: [
      track('2025-01-01T10:00:00.000Z', 'bo', 'purchase', { amount: 100 }),
      track('2025-01-20T09:00:00.000Z', 'bo', 'page_view'),
      track('2025-03-10T12:00:00.000Z', 'bo', 'page_view'),
    ],
    until: '2025-04-20T00:00:00.000Z',
    expected: [
      ['2025-01-01T10:00:00.000Z', 'bo', 's_active', 'stage', 'active'],
      ['2025-02-19T09:00:00.000Z', 'bo', 'a_keep_in_touch', 'action', 'message:wechat:keep_in_touch'],
      ['2025-03-06T09:00:00.000Z', 'bo', 's_silent', 'stage', 'silent'],
      ['2025-03-06T09:00:00.000Z', 'bo', 't_care', 'task', CARE],
      ['2025-03-10T12:00:00.000Z', 'bo', 's_reactivated', 'stage', 'active'],
      ['2025-03-10T12:00:00.000Z', 'bo', 'g_recalled', 'goal', 'recalled'],
      ['2025-03-10T12:00:00.000Z', 'bo', 'a_reactivated', 'action', 'message:wechat:reactivated'],
      ['2025-04-09T12:00:00.000Z', 'bo', 'a_keep_in_touch', 'action', 'message:wechat:keep_in_touch'],
    ],
  },
  {
    name: 'recallMinSpend=500 and lostAfterDays=120: the small spender is tagged, not couponed; coming back from lost clears both tags',
    template: 'dormancy-ladder',
    params: { recallMinSpend: 500, lostAfterDays: 120 },
    events: [
      track('2025-01-01T10:00:00.000Z', 'cai', 'purchase', { amount: 100 }),
      track('2025-01-02T10:00:00.000Z', 'dan', 'purchase', { amount: 800 }),
      track('2025-05-10T10:00:00.000Z', 'cai', 'app_open'),
    ],
    until: '2025-05-11T00:00:00.000Z',
    expected: [
      ['2025-01-01T10:00:00.000Z', 'cai', 's_active', 'stage', 'active'],
      ['2025-01-02T10:00:00.000Z', 'dan', 's_active', 'stage', 'active'],
      ['2025-01-31T10:00:00.000Z', 'cai', 'a_keep_in_touch', 'action', 'message:wechat:keep_in_touch'],
      ['2025-02-01T10:00:00.000Z', 'dan', 'a_keep_in_touch', 'action', 'message:wechat:keep_in_touch'],
      ['2025-02-15T10:00:00.000Z', 'cai', 's_silent', 'stage', 'silent'],
      ['2025-02-15T10:00:00.000Z', 'cai', 't_care', 'task', CARE],
      ['2025-02-16T10:00:00.000Z', 'dan', 's_silent', 'stage', 'silent'],
      ['2025-02-16T10:00:00.000Z', 'dan', 't_care', 'task', CARE],
      ['2025-04-01T10:00:00.000Z', 'cai', 's_sleeping', 'stage', 'sleeping'],
      ['2025-04-01T10:00:00.000Z', 'cai', 'a_not_worth', 'action', 'addTag:not-worth-recalling'],
      ['2025-04-02T10:00:00.000Z', 'dan', 's_sleeping', 'stage', 'sleeping'],
      ['2025-04-02T10:00:00.000Z', 'dan', 'a_recall_coupon', 'action', 'message:sms:recall_coupon'],
      ['2025-05-01T10:00:00.000Z', 'cai', 's_lost', 'stage', 'lost'],
      ['2025-05-01T10:00:00.000Z', 'cai', 'a_tag_lost', 'action', 'addTag:lost'],
      ['2025-05-02T10:00:00.000Z', 'dan', 's_lost', 'stage', 'lost'],
      ['2025-05-02T10:00:00.000Z', 'dan', 'a_tag_lost', 'action', 'addTag:lost'],
      ['2025-05-10T10:00:00.000Z', 'cai', 'a_untag_lost', 'action', 'removeTag:lost'],
      ['2025-05-10T10:00:00.000Z', 'cai', 'a_untag_not_worth', 'action', 'removeTag:not-worth-recalling'],
      ['2025-05-10T10:00:00.000Z', 'cai', 's_reactivated', 'stage', 'active'],
      ['2025-05-10T10:00:00.000Z', 'cai', 'g_recalled', 'goal', 'recalled'],
      ['2025-05-10T10:00:00.000Z', 'cai', 'a_reactivated', 'action', 'message:wechat:reactivated'],
    ],
  },
];
