/** Purchase-ladder scenarios: one stage per order up to the sticky line, the push for the next order after a quiet spell, a raised sticky line. */
import { track, type Scenario } from './scenario.ts';

const FIRST_FOLLOW_UP = '首购回访:确认到货并了解使用体验 · First-order follow-up: check the delivery and how the first use went';
const PROFILE = '三购客户:一对一了解偏好,完善客户档案 · Third order: learn the customer\'s preferences 1:1 and complete their profile';

const order = (timestamp: string, userId: string, n: number) => track(timestamp, userId, 'purchase', { amount: 120, orderId: `${userId}-${n}` });

export const ladderScenarios: Scenario[] = [
  {
    name: 'five orders walk first → second → third → building → sticky; a sixth keeps the customer sticky and the restock reminder comes 21 days after it',
    template: 'purchase-ladder',
    events: [
      order('2025-01-01T10:00:00.000Z', 'ana', 1),
      order('2025-01-10T10:00:00.000Z', 'ana', 2),
      order('2025-01-20T10:00:00.000Z', 'ana', 3),
      order('2025-02-01T10:00:00.000Z', 'ana', 4),
      order('2025-02-15T10:00:00.000Z', 'ana', 5),
      order('2025-03-01T10:00:00.000Z', 'ana', 6),
    ],
    until: '2025-04-01T00:00:00.000Z',
    expected: [
      ['2025-01-01T10:00:00.000Z', 'ana', 's_first', 'stage', 'first_purchase'],
      ['2025-01-01T10:00:00.000Z', 'ana', 'a_first_care', 'action', 'message:wechat:first_order_care'],
      ['2025-01-01T10:00:00.000Z', 'ana', 't_first_follow_up', 'task', FIRST_FOLLOW_UP],
      ['2025-01-10T10:00:00.000Z', 'ana', 's_second', 'stage', 'second_purchase'],
      ['2025-01-10T10:00:00.000Z', 'ana', 'a_growth_path', 'action', 'message:wechat:growth_path'],
      ['2025-01-20T10:00:00.000Z', 'ana', 's_third', 'stage', 'third_purchase'],
      ['2025-01-20T10:00:00.000Z', 'ana', 'a_member_welcome', 'action', 'message:wechat:member_welcome'],
      ['2025-01-20T10:00:00.000Z', 'ana', 't_customer_profile', 'task', PROFILE],
      ['2025-02-01T10:00:00.000Z', 'ana', 's_building', 'stage', 'building'],
      ['2025-02-01T10:00:00.000Z', 'ana', 'a_sticky_progress', 'action', 'message:wechat:sticky_progress'],
      ['2025-02-15T10:00:00.000Z', 'ana', 's_sticky', 'stage', 'sticky'],
      ['2025-02-15T10:00:00.000Z', 'ana', 'a_tag_sticky', 'action', 'addTag:sticky'],
      ['2025-02-15T10:00:00.000Z', 'ana', 'a_vip_welcome', 'action', 'message:wechat:vip_welcome'],
      ['2025-03-22T10:00:00.000Z', 'ana', 'a_replenish_reminder', 'action', 'message:sms:replenish_reminder'],
    ],
  },
  {
    name: 'nudgeAfterDays=10 and stickyFromPurchase=6: coupons 10 days after a quiet order; the fifth order is still building, the sixth is sticky',
    template: 'purchase-ladder',
    params: { nudgeAfterDays: 10, stickyFromPurchase: 6 },
    events: [
      order('2025-01-01T09:00:00.000Z', 'bo', 1),
      order('2025-01-15T09:00:00.000Z', 'bo', 2),
      order('2025-02-01T12:00:00.000Z', 'cy', 1),
      order('2025-02-02T12:00:00.000Z', 'cy', 2),
      order('2025-02-03T12:00:00.000Z', 'cy', 3),
      order('2025-02-04T12:00:00.000Z', 'cy', 4),
      order('2025-02-05T12:00:00.000Z', 'cy', 5),
      order('2025-02-06T12:00:00.000Z', 'cy', 6),
    ],
    until: '2025-03-01T00:00:00.000Z',
    expected: [
      ['2025-01-01T09:00:00.000Z', 'bo', 's_first', 'stage', 'first_purchase'],
      ['2025-01-01T09:00:00.000Z', 'bo', 'a_first_care', 'action', 'message:wechat:first_order_care'],
      ['2025-01-01T09:00:00.000Z', 'bo', 't_first_follow_up', 'task', FIRST_FOLLOW_UP],
      ['2025-01-11T09:00:00.000Z', 'bo', 'a_second_order_coupon', 'action', 'message:sms:second_order_coupon'],
      ['2025-01-15T09:00:00.000Z', 'bo', 's_second', 'stage', 'second_purchase'],
      ['2025-01-15T09:00:00.000Z', 'bo', 'a_growth_path', 'action', 'message:wechat:growth_path'],
      ['2025-01-25T09:00:00.000Z', 'bo', 'a_third_order_offer', 'action', 'message:sms:third_order_offer'],
      ['2025-02-01T12:00:00.000Z', 'cy', 's_first', 'stage', 'first_purchase'],
      ['2025-02-01T12:00:00.000Z', 'cy', 'a_first_care', 'action', 'message:wechat:first_order_care'],
      ['2025-02-01T12:00:00.000Z', 'cy', 't_first_follow_up', 'task', FIRST_FOLLOW_UP],
      ['2025-02-02T12:00:00.000Z', 'cy', 's_second', 'stage', 'second_purchase'],
      ['2025-02-02T12:00:00.000Z', 'cy', 'a_growth_path', 'action', 'message:wechat:growth_path'],
      ['2025-02-03T12:00:00.000Z', 'cy', 's_third', 'stage', 'third_purchase'],
      ['2025-02-03T12:00:00.000Z', 'cy', 'a_member_welcome', 'action', 'message:wechat:member_welcome'],
      ['2025-02-03T12:00:00.000Z', 'cy', 't_customer_profile', 'task', PROFILE],
      ['2025-02-04T12:00:00.000Z', 'cy', 's_building', 'stage', 'building'],
      ['2025-02-04T12:00:00.000Z', 'cy', 'a_sticky_progress', 'action', 'message:wechat:sticky_progress'],
      ['2025-02-05T12:00:00.000Z', 'cy', 'a_sticky_progress', 'action', 'message:wechat:sticky_progress'],
      ['2025-02-06T12:00:00.000Z', 'cy', 's_sticky', 'stage', 'sticky'],
      ['2025-02-06T12:00:00.000Z', 'cy', 'a_tag_sticky', 'action', 'addTag:sticky'],
      ['2025-02-06T12:00:00.000Z', 'cy', 'a_vip_welcome', 'action', 'message:wechat:vip_welcome'],
      ['2025-02-16T12:00:00.000Z', 'cy', 'a_replenish_reminder', 'action', 'message:sms:replenish_reminder'],
    ],
  },
];
