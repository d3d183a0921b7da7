/** K12 five-stage scenarios: lead → growth with the 7-day ice-breaking SOP → revenue tiers → dormant → churned, and back. */
import { track, type Scenario } from './scenario.ts';

const INVITE = '邀请添加企业微信并做自我介绍 · Invite the lead to add us on WeCom and introduce yourself';
const ICE = [
  '破冰第 1 天:自我介绍并问候 · Ice-breaking day 1: introduce yourself and greet the parent',
  '破冰第 2 天:了解孩子年级与学习情况 · Ice-breaking day 2: learn the child\'s grade and study situation',
  '破冰第 3 天:分享学习方法资料 · Ice-breaking day 3: share study-method material',
  '破冰第 4 天:邀请进入家长社群 · Ice-breaking day 4: invite the parent to the parent community',
  '破冰第 5 天:分享升学政策解读 · Ice-breaking day 5: share an admissions-policy explainer',
  '破冰第 6 天:邀请参加测评或试听 · Ice-breaking day 6: invite to an assessment or trial class',
  '破冰第 7 天:总结需求并推荐产品体验 · Ice-breaking day 7: sum up needs and recommend a product trial',
];
const PAID = '已付费:确认开课时间并制定学习规划 · Paid: confirm the class schedule and make a study plan';
const PROGRESS = '无动作客户:向家长反馈孩子学习进度 · No action: share the learner\'s progress with the parent';
const NO_CLASS = '无动作客户:孩子近两周未上课,电话了解原因 · No action: the learner missed two weeks of classes, call the parent';
const UNPAID = '下单未付款:了解顾虑并提醒完成支付 · Ordered but unpaid: ask about concerns and remind to pay';
const RECALL = '流失召回:电话了解离开原因并介绍改进与专属权益 · Churn recall: call to learn why they left, share improvements and a returning-customer benefit';
const FOUNDATION = '按试听表现推荐基础巩固课 · Recommend the foundation course (trial score below threshold)';
const ADVANCED = '按试听表现推荐提升培优课 · Recommend the advanced course (trial score at or above threshold)';

export const k12Scenarios: Scenario[] = [
  {
    name: 'purchase on day 3 stops the ice-breaking SOP; the learner attends, goes quiet 45 days (dormant) and comes back (revenue)',
    template: 'k12-five-stage',
    events: [
      track('2025-03-01T02:00:00.000Z', 'pia', 'lead_captured', { source: 'xiaohongshu' }),
      track('2025-03-01T04:00:00.000Z', 'pia', 'wechat_added', { staffId: 'a1' }),
      track('2025-03-03T20:00:00.000Z', 'pia', 'purchase', { orderId: 'o1', amount: 2999, studentId: 'pia-kid', product: 'math-term' }),
      track('2025-03-05T11:00:00.000Z', 'pia', 'class_attended', { studentId: 'pia-kid', subject: 'math' }),
      track('2025-05-01T03:00:00.000Z', 'pia', 'content_viewed', { topic: 'summer' }),
    ],
    until: '2025-05-02T00:00:00.000Z',
    expected: [
      ['2025-03-01T02:00:00.000Z', 'pia', 's_acquisition', 'stage', 'acquisition'],
      ['2025-03-01T02:00:00.000Z', 'pia', 't_invite_wechat', 'task', INVITE],
      ['2025-03-01T04:00:00.000Z', 'pia', 's_growth', 'stage', 'growth'],
      ['2025-03-01T04:00:00.000Z', 'pia', 't_ice_1', 'task', ICE[0]],
      ['2025-03-02T04:00:00.000Z', 'pia', 't_ice_2', 'task', ICE[1]],
      ['2025-03-03T04:00:00.000Z', 'pia', 't_ice_3', 'task', ICE[2]],
      ['2025-03-03T20:00:00.000Z', 'pia', 's_revenue', 'stage', 'revenue'],
      ['2025-03-03T20:00:00.000Z', 'pia', 'a_member_welcome', 'action', 'message:wechat:member_welcome'],
      ['2025-03-03T20:00:00.000Z', 'pia', 'a_points', 'action', 'message:push:points_awarded'],
      ['2025-03-03T20:00:00.000Z', 'pia', 't_paid_follow_up', 'task', PAID],
      ['2025-03-12T11:00:00.000Z', 'pia', 't_progress_report', 'task', PROGRESS],
      ['2025-04-19T11:00:00.000Z', 'pia', 's_dormant', 'stage', 'dormant'],
      ['2025-04-19T11:00:00.000Z', 'pia', 'a_dormant_push', 'action', 'message:push:personalised_push'],
      ['2025-04-19T11:00:00.000Z', 'pia', 'a_dormant_promotion', 'action', 'message:wechat:dormant_promotion'],
      ['2025-05-01T03:00:00.000Z', 'pia', 's_back', 'stage', 'revenue'],
      ['2025-05-01T03:00:00.000Z', 'pia', 'a_welcome_back', 'action', 'message:wechat:welcome_back'],
    ],
  },
  {
    name: 'without a purchase the SOP runs 7 tasks (a trial booking is answered at once and the next step comes a day later); a quiet lead turns cold but stays in growth',
    template: 'k12-five-stage',
    events: [
      track('2025-03-01T02:00:00.000Z', 'qin', 'lead_captured', { source: 'douyin' }),
      track('2025-03-01T04:00:00.000Z', 'qin', 'wechat_added', { staffId: 'a1' }),
      track('2025-03-02T06:00:00.000Z', 'qin', 'trial_booked', { studentId: 'qin-kid', subject: 'english' }),
      track('2025-03-09T08:00:00.000Z', 'qin', 'trial_attended', { studentId: 'qin-kid', subject: 'english', score: 85 }),
    ],
    until: '2025-04-10T00:00:00.000Z',
    expected: [
      ['2025-03-01T02:00:00.000Z', 'qin', 's_acquisition', 'stage', 'acquisition'],
      ['2025-03-01T02:00:00.000Z', 'qin', 't_invite_wechat', 'task', INVITE],
      ['2025-03-01T04:00:00.000Z', 'qin', 's_growth', 'stage', 'growth'],
      ['2025-03-01T04:00:00.000Z', 'qin', 't_ice_1', 'task', ICE[0]],
      ['2025-03-02T04:00:00.000Z', 'qin', 't_ice_2', 'task', ICE[1]],
      ['2025-03-02T06:00:00.000Z', 'qin', 'a_trial_booked_ice2', 'action', 'message:wechat:trial_reminder'],
      ['2025-03-03T06:00:00.000Z', 'qin', 't_ice_3', 'task', ICE[2]],
      ['2025-03-04T06:00:00.000Z', 'qin', 't_ice_4', 'task', ICE[3]],
      ['2025-03-05T06:00:00.000Z', 'qin', 't_ice_5', 'task', ICE[4]],
      ['2025-03-06T06:00:00.000Z', 'qin', 't_ice_6', 'task', ICE[5]],
      ['2025-03-07T06:00:00.000Z', 'qin', 't_ice_7', 'task', ICE[6]],
      ['2025-03-09T08:00:00.000Z', 'qin', 't_recommend_advanced_growth', 'task', ADVANCED],
      ['2025-04-08T08:00:00.000Z', 'qin', 'a_cold_growth', 'action', 'addTag:cold-lead'],
    ],
  },
  {
    name: 'trialScoreThreshold=90: a learner scoring 85 gets the foundation recommendation',
    template: 'k12-five-stage',
    params: { trialScoreThreshold: 90 },
    events: [
      track('2025-03-01T02:00:00.000Z', 'tao', 'lead_captured', { source: 'moments' }),
      track('2025-03-01T04:00:00.000Z', 'tao', 'wechat_added', { staffId: 'a2' }),
      track('2025-03-01T10:00:00.000Z', 'tao', 'trial_attended', { studentId: 'tao-kid', subject: 'math', score: 85 }),
    ],
    until: '2025-03-02T12:00:00.000Z',
    expected: [
      ['2025-03-01T02:00:00.000Z', 'tao', 's_acquisition', 'stage', 'acquisition'],
      ['2025-03-01T02:00:00.000Z', 'tao', 't_invite_wechat', 'task', INVITE],
      ['2025-03-01T04:00:00.000Z', 'tao', 's_growth', 'stage', 'growth'],
      ['2025-03-01T04:00:00.000Z', 'tao', 't_ice_1', 'task', ICE[0]],
      ['2025-03-01T10:00:00.000Z', 'tao', 't_recommend_foundation_ice1', 'task', FOUNDATION],
      ['2025-03-02T10:00:00.000Z', 'tao', 't_ice_2', 'task', ICE[1]],
    ],
  },
  {
    name: 'a refund churns at once (reason tag, benefit, recall call); buying again returns to revenue; an unpaid order gets a reminder after 24 h',
    template: 'k12-five-stage',
    events: [
      track('2025-01-01T02:00:00.000Z', 'ren', 'lead_captured', { source: 'referral' }),
      track('2025-01-02T02:00:00.000Z', 'ren', 'purchase', { orderId: 'o1', amount: 1999, studentId: 'ren-kid', product: 'english-term' }),
      track('2025-01-20T02:00:00.000Z', 'ren', 'refund', { orderId: 'o1', amount: 1999, reason: 'schedule' }),
      track('2025-02-01T02:00:00.000Z', 'ren', 'purchase', { orderId: 'o2', amount: 1999, studentId: 'ren-kid', product: 'english-term' }),
      track('2025-02-03T02:00:00.000Z', 'ren', 'order_created', { orderId: 'o3', amount: 4800 }),
    ],
    until: '2025-02-11T00:00:00.000Z',
    expected: [
      ['2025-01-01T02:00:00.000Z', 'ren', 's_acquisition', 'stage', 'acquisition'],
      ['2025-01-01T02:00:00.000Z', 'ren', 't_invite_wechat', 'task', INVITE],
      ['2025-01-02T02:00:00.000Z', 'ren', 's_revenue', 'stage', 'revenue'],
      ['2025-01-02T02:00:00.000Z', 'ren', 'a_member_welcome', 'action', 'message:wechat:member_welcome'],
      ['2025-01-02T02:00:00.000Z', 'ren', 'a_points', 'action', 'message:push:points_awarded'],
      ['2025-01-02T02:00:00.000Z', 'ren', 't_paid_follow_up', 'task', PAID],
      ['2025-01-09T02:00:00.000Z', 'ren', 't_no_action_call', 'task', NO_CLASS],
      ['2025-01-20T02:00:00.000Z', 'ren', 's_churned_refund', 'stage', 'churned'],
      ['2025-01-20T02:00:00.000Z', 'ren', 'a_tag_churn_refund', 'action', 'addTag:churn-refund'],
      ['2025-01-20T02:00:00.000Z', 'ren', 'a_recall_benefit', 'action', 'message:sms:recall_benefit'],
      ['2025-01-20T02:00:00.000Z', 'ren', 't_recall_call', 'task', RECALL],
      ['2025-02-01T02:00:00.000Z', 'ren', 's_back_paid', 'stage', 'revenue'],
      ['2025-02-01T02:00:00.000Z', 'ren', 'a_points', 'action', 'message:push:points_awarded'],
      ['2025-02-01T02:00:00.000Z', 'ren', 't_paid_follow_up', 'task', PAID],
      ['2025-02-04T02:00:00.000Z', 'ren', 't_unpaid_reminder', 'task', UNPAID],
      ['2025-02-10T02:00:00.000Z', 'ren', 't_no_action_call', 'task', NO_CLASS],
    ],
  },
  {
    name: 'dormantAfterDays=30 and churnedAfterDays=90: dormant and churned at exactly those days after the last activity',
    template: 'k12-five-stage',
    params: { dormantAfterDays: 30, churnedAfterDays: 90 },
    events: [
      track('2025-01-01T00:00:00.000Z', 'sun', 'lead_captured', { source: 'douyin' }),
      track('2025-01-01T01:00:00.000Z', 'sun', 'purchase', { orderId: 'o1', amount: 6800, studentId: 'sun-kid', product: 'physics-term' }),
    ],
    until: '2025-04-02T00:00:00.000Z',
    expected: [
      ['2025-01-01T00:00:00.000Z', 'sun', 's_acquisition', 'stage', 'acquisition'],
      ['2025-01-01T00:00:00.000Z', 'sun', 't_invite_wechat', 'task', INVITE],
      ['2025-01-01T01:00:00.000Z', 'sun', 's_revenue', 'stage', 'revenue'],
      ['2025-01-01T01:00:00.000Z', 'sun', 'a_member_welcome', 'action', 'message:wechat:member_welcome'],
      ['2025-01-01T01:00:00.000Z', 'sun', 'a_points', 'action', 'message:push:points_awarded'],
      ['2025-01-01T01:00:00.000Z', 'sun', 't_paid_follow_up', 'task', PAID],
      ['2025-01-08T01:00:00.000Z', 'sun', 't_no_action_call', 'task', NO_CLASS],
      ['2025-01-31T01:00:00.000Z', 'sun', 's_dormant', 'stage', 'dormant'],
      ['2025-01-31T01:00:00.000Z', 'sun', 'a_dormant_push', 'action', 'message:push:personalised_push'],
      ['2025-01-31T01:00:00.000Z', 'sun', 'a_dormant_promotion', 'action', 'message:wechat:dormant_promotion'],
      ['2025-04-01T01:00:00.000Z', 'sun', 's_churned_inactive', 'stage', 'churned'],
      ['2025-04-01T01:00:00.000Z', 'sun', 'a_tag_churn_inactive', 'action', 'addTag:churn-inactive'],
      ['2025-04-01T01:00:00.000Z', 'sun', 'a_recall_benefit', 'action', 'message:sms:recall_benefit'],
      ['2025-04-01T01:00:00.000Z', 'sun', 't_recall_call', 'task', RECALL],
    ],
  },
];
