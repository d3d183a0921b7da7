/** A small journey that exercises the server: a stage, a webhook, a staff task, a wait for its completion, a goal and exits. */

/**
 * @example
 * const doc = onboardingJourney('http://127.0.0.1:4000/hook');
 */
export function onboardingJourney(webhookUrl: string, id = 'onboarding', entryEvent = 'signup') {
  return {
    id,
    name: { zh: '新客引导', en: 'Onboarding' },
    version: 1,
    stages: [
      { id: 'fresh', name: { zh: '新客', en: 'New' } },
      { id: 'active', name: { zh: '活跃', en: 'Active' } },
    ],
    entry: { trigger: { type: 'event', event: entryEvent }, next: 's_fresh' },
    nodes: [
      { id: 's_fresh', kind: 'stage', stage: 'fresh', next: 'a_hook' },
      { id: 'a_hook', kind: 'action', action: { type: 'webhook', url: webhookUrl, payload: { reason: 'welcome' } }, next: 't_call' },
      { id: 't_call', kind: 'action', action: { type: 'task', title: 'Call the new customer', assignee: 'alice', dueIn: '1d' }, next: 'w_call' },
      {
        id: 'w_call',
        kind: 'wait',
        mode: 'events',
        events: [{ event: 'task_completed', next: 'g_onboarded' }],
        timeout: '7d',
        timeoutNext: 'x_timeout',
      },
      { id: 'g_onboarded', kind: 'goal', goal: 'onboarded', next: 's_active' },
      { id: 's_active', kind: 'stage', stage: 'active', next: 'x_done' },
      { id: 'x_done', kind: 'exit', reason: 'onboarded' },
      { id: 'x_timeout', kind: 'exit', reason: 'no call' },
    ],
  };
}
