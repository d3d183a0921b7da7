/** RFM scenarios: the group on the first order, weekly re-scoring (recency turning low after 90 days), frequency and spend lifting the group, leaving and coming back. */
import { track, type Scenario } from './scenario.ts';

const RECALL_CALL = '重要挽留客户:电话回访,了解原因并邀请回来 · Important retain: call to learn what changed and invite them back';
const KEEP_CHECK_IN = '重要保持客户:一对一问候并推荐新品 · Important keep: a 1:1 check-in with a new-arrival recommendation';

export const rfmScenarios: Scenario[] = [
  {
    name: 'a big first order is important develop; the re-scoring on day 91 finds recency low (important retain, recall call); buying again re-scores at once',
    template: 'rfm-segments',
    events: [
      track('2025-01-01T10:00:00.000Z', 'ana', 'purchase', { amount: 1500, orderId: 'a1' }),
      track('2025-04-10T12:00:00.000Z', 'ana', 'purchase', { amount: 300, orderId: 'a2' }),
    ],
    until: '2025-04-20T00:00:00.000Z',
    expected: [
      ['2025-01-01T10:00:00.000Z', 'ana', 's_important_develop', 'stage', 'important_develop'],
      ['2025-01-01T10:00:00.000Z', 'ana', 'a_upgrade_offer', 'action', 'message:wechat:upgrade_offer'],
      ['2025-04-02T10:00:00.000Z', 'ana', 's_important_retain', 'stage', 'important_retain'],
      ['2025-04-02T10:00:00.000Z', 'ana', 't_recall_call', 'task', RECALL_CALL],
      ['2025-04-10T12:00:00.000Z', 'ana', 's_important_develop', 'stage', 'important_develop'],
      ['2025-04-10T12:00:00.000Z', 'ana', 'a_upgrade_offer', 'action', 'message:wechat:upgrade_offer'],
    ],
  },
  {
    name: 'the third order lifts frequency: important value for big baskets, general value for small ones; 91 days later both slip to their keep groups',
    template: 'rfm-segments',
    events: [
      track('2025-01-01T10:00:00.000Z', 'cai', 'purchase', { amount: 400, orderId: 'c1' }),
      track('2025-01-02T11:00:00.000Z', 'dan', 'purchase', { amount: 50, orderId: 'd1' }),
      track('2025-01-03T11:00:00.000Z', 'dan', 'purchase', { amount: 50, orderId: 'd2' }),
      track('2025-01-04T11:00:00.000Z', 'dan', 'purchase', { amount: 50, orderId: 'd3' }),
      track('2025-01-05T10:00:00.000Z', 'cai', 'purchase', { amount: 400, orderId: 'c2' }),
      track('2025-01-09T10:00:00.000Z', 'cai', 'purchase', { amount: 400, orderId: 'c3' }),
    ],
    until: '2025-04-20T00:00:00.000Z',
    expected: [
      ['2025-01-01T10:00:00.000Z', 'cai', 's_general_develop', 'stage', 'general_develop'],
      ['2025-01-01T10:00:00.000Z', 'cai', 'a_community_invite', 'action', 'message:wecom_group:community_invite'],
      ['2025-01-02T11:00:00.000Z', 'dan', 's_general_develop', 'stage', 'general_develop'],
      ['2025-01-02T11:00:00.000Z', 'dan', 'a_community_invite', 'action', 'message:wecom_group:community_invite'],
      ['2025-01-04T11:00:00.000Z', 'dan', 's_general_value', 'stage', 'general_value'],
      ['2025-01-04T11:00:00.000Z', 'dan', 'a_bundle_offer', 'action', 'message:wechat:bundle_offer'],
      ['2025-01-09T10:00:00.000Z', 'cai', 's_important_value', 'stage', 'important_value'],
      ['2025-01-09T10:00:00.000Z', 'cai', 'a_vip_privileges', 'action', 'message:wechat:vip_privileges'],
      ['2025-04-05T11:00:00.000Z', 'dan', 's_general_keep', 'stage', 'general_keep'],
      ['2025-04-05T11:00:00.000Z', 'dan', 'a_member_day', 'action', 'message:wecom_group:member_day_activity'],
      ['2025-04-10T10:00:00.000Z', 'cai', 's_important_keep', 'stage', 'important_keep'],
      ['2025-04-10T10:00:00.000Z', 'cai', 't_keep_check_in', 'task', KEEP_CHECK_IN],
    ],
  },
  {
    name: 'reviewEveryDays=30, contentChannel=sms, forgetAfterDays=150: general retain at the day-120 review, out at the day-150 review, back in on the next order',
    template: 'rfm-segments',
    params: { reviewEveryDays: 30, contentChannel: 'sms', forgetAfterDays: 150 },
    events: [
      track('2025-01-01T09:00:00.000Z', 'bo', 'purchase', { amount: 100, orderId: 'b1' }),
      track('2025-06-10T09:00:00.000Z', 'bo', 'purchase', { amount: 100, orderId: 'b2' }),
    ],
    until: '2025-06-20T00:00:00.000Z',
    expected: [
      ['2025-01-01T09:00:00.000Z', 'bo', 's_general_develop', 'stage', 'general_develop'],
      ['2025-01-01T09:00:00.000Z', 'bo', 'a_community_invite', 'action', 'message:wecom_group:community_invite'],
      ['2025-05-01T09:00:00.000Z', 'bo', 's_general_retain', 'stage', 'general_retain'],
      ['2025-05-01T09:00:00.000Z', 'bo', 'a_content_recall', 'action', 'message:sms:content_recall'],
      ['2025-05-31T09:00:00.000Z', 'bo', 'x_forgotten', 'exit'],
      ['2025-06-10T09:00:00.000Z', 'bo', 's_general_develop', 'stage', 'general_develop'],
      ['2025-06-10T09:00:00.000Z', 'bo', 'a_community_invite', 'action', 'message:wecom_group:community_invite'],
    ],
  },
];
