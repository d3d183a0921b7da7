/** A small inactivity journey for runtime, store and CLI tests: active → silent after 30 days → lost after 60 more. */
import type { JourneyDocumentInput } from '../../../dsl/schema/document.ts';

export const DAY = 86_400_000;

/** Purchases enter; any event sends the customer back to active; two idle timeouts walk them down the ladder. */
export const inactivityJourney: JourneyDocumentInput = {
  id: 'inactivity',
  name: { zh: '不活跃阶梯', en: 'Inactivity ladder' },
  version: 1,
  params: { silentAfterDays: { type: 'number', default: 30 } },
  stages: [
    { id: 'active', name: { zh: '活跃', en: 'Active' } },
    { id: 'silent', name: { zh: '沉默', en: 'Silent' } },
    { id: 'lost', name: { zh: '流失', en: 'Lost' } },
  ],
  schema: { profile: {}, events: { purchase: { amount: 'number' } } },
  entry: { trigger: { type: 'event', event: 'purchase' }, reentry: 'afterExit', next: 'stage_active' },
  nodes: [
    { id: 'stage_active', kind: 'stage', stage: 'active', next: 'wait_active' },
    {
      id: 'wait_active',
      kind: 'wait',
      mode: 'events',
      events: [{ event: '*', next: 'stage_active' }],
      timeout: { param: 'silentAfterDays', unit: 'd' },
      timeoutNext: 'stage_silent',
    },
    { id: 'stage_silent', kind: 'stage', stage: 'silent', next: 'nudge' },
    { id: 'nudge', kind: 'action', action: { type: 'message', channel: 'wechat', template: 'miss_you' }, next: 'wait_silent' },
    {
      id: 'wait_silent',
      kind: 'wait',
      mode: 'events',
      events: [{ event: '*', next: 'stage_active' }],
      timeout: '60d',
      timeoutNext: 'stage_lost',
    },
    { id: 'stage_lost', kind: 'stage', stage: 'lost', next: 'call_task' },
    { id: 'call_task', kind: 'action', action: { type: 'task', title: 'Call the customer', assignee: 'care-team', dueIn: '2d' }, next: 'done' },
    { id: 'done', kind: 'exit', reason: 'lost' },
  ],
};
