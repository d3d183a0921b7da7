/** AARRR scenarios: each key behaviour moves the stage; first purchase counts without activation; the activation nudge. */
import { track, type Scenario } from './scenario.ts';

export const aarrrScenarios: Scenario[] = [
  {
    name: 'signup, nudge on day 3, activation, first and second purchase, referrals',
    template: 'aarrr',
    events: [
      track('2025-01-01T10:00:00.000Z', 'uma', 'signup', { source: 'xiaohongshu' }),
      track('2025-01-05T10:00:00.000Z', 'uma', 'activated', { action: 'first_lesson_completed' }),
      track('2025-01-10T10:00:00.000Z', 'uma', 'purchase', { orderId: 'o1', amount: 99 }),
      track('2025-02-01T10:00:00.000Z', 'uma', 'purchase', { orderId: 'o2', amount: 199 }),
      track('2025-02-10T10:00:00.000Z', 'uma', 'referral', { inviteeId: 'vic' }),
      track('2025-02-20T10:00:00.000Z', 'uma', 'referral', { inviteeId: 'wen' }),
    ],
    until: '2025-03-01T00:00:00.000Z',
    expected: [
      ['2025-01-01T10:00:00.000Z', 'uma', 's_acquisition', 'stage', 'acquisition'],
      ['2025-01-01T10:00:00.000Z', 'uma', 'a_welcome', 'action', 'message:wechat:welcome'],
      ['2025-01-04T10:00:00.000Z', 'uma', 'a_activation_nudge', 'action', 'message:push:activation_nudge'],
      ['2025-01-05T10:00:00.000Z', 'uma', 's_activation', 'stage', 'activation'],
      ['2025-01-05T10:00:00.000Z', 'uma', 'a_first_order_offer', 'action', 'message:wechat:first_order_offer'],
      ['2025-01-10T10:00:00.000Z', 'uma', 's_revenue', 'stage', 'revenue'],
      ['2025-01-10T10:00:00.000Z', 'uma', 'a_member_invite', 'action', 'message:wechat:member_invite'],
      ['2025-02-01T10:00:00.000Z', 'uma', 's_retention', 'stage', 'retention'],
      ['2025-02-01T10:00:00.000Z', 'uma', 'a_loyalty', 'action', 'message:wechat:loyalty_points'],
      ['2025-02-10T10:00:00.000Z', 'uma', 's_referral', 'stage', 'referral'],
      ['2025-02-10T10:00:00.000Z', 'uma', 'a_referral_reward', 'action', 'message:wechat:referral_reward'],
      ['2025-02-20T10:00:00.000Z', 'uma', 'a_referral_reward', 'action', 'message:wechat:referral_reward'],
    ],
  },
  {
    name: 'activationNudgeAfterDays=7: a buyer who never activated is in revenue with no nudge; a signup-only customer is nudged on day 7',
    template: 'aarrr',
    params: { activationNudgeAfterDays: 7 },
    events: [
      track('2025-01-01T10:00:00.000Z', 'xia', 'signup', { source: 'douyin' }),
      track('2025-01-01T11:00:00.000Z', 'yan', 'signup', { source: 'search' }),
      track('2025-01-03T10:00:00.000Z', 'xia', 'purchase', { orderId: 'o1', amount: 49 }),
      track('2025-01-04T10:00:00.000Z', 'xia', 'activated', { action: 'first_lesson_completed' }),
    ],
    until: '2025-01-20T00:00:00.000Z',
    expected: [
      ['2025-01-01T10:00:00.000Z', 'xia', 's_acquisition', 'stage', 'acquisition'],
      ['2025-01-01T10:00:00.000Z', 'xia', 'a_welcome', 'action', 'message:wechat:welcome'],
      ['2025-01-01T11:00:00.000Z', 'yan', 's_acquisition', 'stage', 'acquisition'],
      ['2025-01-01T11:00:00.000Z', 'yan', 'a_welcome', 'action', 'message:wechat:welcome'],
      ['2025-01-03T10:00:00.000Z', 'xia', 's_revenue', 'stage', 'revenue'],
      ['2025-01-03T10:00:00.000Z', 'xia', 'a_member_invite', 'action', 'message:wechat:member_invite'],
      ['2025-01-08T11:00:00.000Z', 'yan', 'a_activation_nudge', 'action', 'message:push:activation_nudge'],
    ],
  },
];
