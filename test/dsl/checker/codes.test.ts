/** One failing example per diagnostic code (JSON input), checked for code, severity, path and node id. */
import { describe, expect, it } from 'vitest';
import { CHECK_CODES } from '../../../dsl/checker/index.ts';
import type { ParamValue } from '../../../dsl/schema/params.ts';
import { diagnosticsOf, nodeById, validJourney, type JsonJourney } from './fixtures.ts';

interface Case {
  code: string;
  severity: 'error' | 'warning';
  what: string;
  edit: (doc: JsonJourney) => void;
  params?: Record<string, ParamValue>;
  path: (string | number)[];
  nodeId?: string;
  message?: RegExp;
}

const NODE = { markActive: 0, wait30: 1, nudge: 2, waitSilent: 3, markSilent: 4, bySpend: 5, tagVip: 6, callTask: 7, wait90: 8, markSleeping: 9, experiment: 10, coupon: 11, wait180: 12, markLost: 13, won: 14, lostExit: 15 };

const firstBranch = (doc: JsonJourney): JsonJourney => nodeById(doc, 'bySpend').branches[0];
const setAction = (doc: JsonJourney, action: JsonJourney): void => {
  nodeById(doc, 'callTask').action = action;
};

const CASES: Case[] = [
  { code: 'schema', severity: 'error', what: 'a stage that is not a string', edit: (d) => (nodeById(d, 'markActive').stage = 1), path: ['nodes', 0, 'stage'], nodeId: 'markActive', message: /must be a string, not the number 1/ },
  {
    code: 'too-deep',
    severity: 'error',
    what: 'a condition nested 5,000 levels deep (validation would overflow the stack)',
    edit: (d) => {
      let deep: JsonJourney = firstBranch(d).when;
      for (let i = 0; i < 5000; i++) deep = { not: deep };
      firstBranch(d).when = deep;
    },
    path: [],
    message: /more than 64 levels/,
  },
  { code: 'param-range-empty', severity: 'error', what: 'min above max', edit: (d) => Object.assign(d.params.silentAfterDays, { min: 100, max: 10 }), path: ['params', 'silentAfterDays'] },
  { code: 'param-duplicate-value', severity: 'warning', what: 'an enum value listed twice', edit: (d) => (d.params.recallChannel.values = ['wechat', 'sms', 'sms']), path: ['params', 'recallChannel', 'values', 2] },
  { code: 'param-default-invalid', severity: 'error', what: 'a default above max', edit: (d) => (d.params.silentAfterDays.default = 400), path: ['params', 'silentAfterDays', 'default'], message: /at most 365/ },
  { code: 'param-override-unknown', severity: 'error', what: 'a value for an undeclared param', edit: () => {}, params: { silentAfterDay: 60 }, path: ['params'], message: /did you mean `silentAfterDays`/ },
  { code: 'param-override-type', severity: 'error', what: 'a string for a number param', edit: () => {}, params: { silentAfterDays: '60' }, path: ['params', 'silentAfterDays'] },
  { code: 'param-override-range', severity: 'error', what: 'a value above max', edit: () => {}, params: { silentAfterDays: 500 }, path: ['params', 'silentAfterDays'], message: /at most 365/ },
  { code: 'unknown-param', severity: 'error', what: 'a misspelt param in a duration', edit: (d) => (nodeById(d, 'waitSilent').timeout = { param: 'silentAfterDay', unit: 'd' }), path: ['nodes', 3, 'timeout', 'param'], nodeId: 'waitSilent', message: /did you mean `silentAfterDays`/ },
  { code: 'param-type-mismatch', severity: 'error', what: 'a string param as a duration', edit: (d) => (nodeById(d, 'waitSilent').timeout = { param: 'vipTag', unit: 'd' }), path: ['nodes', 3, 'timeout', 'param'], nodeId: 'waitSilent', message: /number param/ },
  { code: 'unused-param', severity: 'warning', what: 'a param nothing uses', edit: (d) => (nodeById(d, 'tagVip').action.tag = 'vip'), path: ['params', 'vipTag'] },
  { code: 'duration-negative', severity: 'error', what: 'a param duration resolving below zero', edit: (d) => (d.params.silentAfterDays = { type: 'number', default: -5 }), path: ['nodes', 3, 'timeout'], nodeId: 'waitSilent' },
  { code: 'duration-zero', severity: 'error', what: 'a zero timeout', edit: (d) => (nodeById(d, 'wait30').timeout = '0d'), path: ['nodes', 1, 'timeout'], nodeId: 'wait30' },
  { code: 'duration-absurd', severity: 'error', what: 'a timeout of 4000 days', edit: (d) => (nodeById(d, 'wait180').timeout = '4000d'), path: ['nodes', 12, 'timeout'], nodeId: 'wait180', message: /more than 10 years/ },
  { code: 'duration-long', severity: 'warning', what: 'a timeout of 1000 days', edit: (d) => (nodeById(d, 'wait180').timeout = '1000d'), path: ['nodes', 12, 'timeout'], nodeId: 'wait180' },
  { code: 'unknown-fact', severity: 'error', what: 'a misspelt fact', edit: (d) => (firstBranch(d).when.fact = 'totalSpnd'), path: ['nodes', 5, 'branches', 0, 'when', 'fact'], nodeId: 'bySpend', message: /fact `totalSpnd` is not known — did you mean `totalSpend`\?/ },
  { code: 'event-outside-event-context', severity: 'error', what: '`event` in a condition node', edit: (d) => (firstBranch(d).when = { fact: 'event', path: '$.amount', operator: 'lessThan', value: 500 }), path: ['nodes', 5, 'branches', 0, 'when', 'fact'], nodeId: 'bySpend' },
  { code: 'event-path-missing', severity: 'error', what: '`event` with no property', edit: (d) => delete d.entry.trigger.when.path, path: ['entry', 'trigger', 'when', 'fact'] },
  { code: 'unknown-event-property', severity: 'error', what: 'a misspelt event property', edit: (d) => (d.entry.trigger.when.path = '$.amont'), path: ['entry', 'trigger', 'when', 'path'], message: /did you mean `amount`/ },
  { code: 'invalid-path', severity: 'error', what: 'a path into a number property', edit: (d) => (d.entry.trigger.when.path = '$.amount.cents'), path: ['entry', 'trigger', 'when', 'path'] },
  { code: 'fact-params-unexpected', severity: 'error', what: 'params on a profile field', edit: (d) => (firstBranch(d).when = { fact: 'vipLevel', params: { event: 'x' }, operator: 'lessThan', value: 3 }), path: ['nodes', 5, 'branches', 0, 'when', 'params'], nodeId: 'bySpend' },
  { code: 'fact-param-missing', severity: 'error', what: 'daysSinceLast without its event', edit: (d) => (firstBranch(d).when = { fact: 'daysSinceLast', operator: 'greaterThan', value: 3 }), path: ['nodes', 5, 'branches', 0, 'when', 'fact'], nodeId: 'bySpend', message: /needs the param `event`/ },
  { code: 'fact-param-unknown', severity: 'error', what: 'a misspelt fact param', edit: (d) => (firstBranch(d).when = { fact: 'eventCount', params: { event: 'purchase', dayz: 7 }, operator: 'greaterThan', value: 3 }), path: ['nodes', 5, 'branches', 0, 'when', 'params', 'dayz'], nodeId: 'bySpend', message: /did you mean `days`/ },
  { code: 'fact-param-type', severity: 'error', what: 'a string for a number fact param', edit: (d) => (firstBranch(d).when = { fact: 'eventCount', params: { event: 'purchase', days: '7' }, operator: 'greaterThan', value: 3 }), path: ['nodes', 5, 'branches', 0, 'when', 'params', 'days'], nodeId: 'bySpend' },
  { code: 'fact-param-range', severity: 'error', what: 'a window of 0 days', edit: (d) => (firstBranch(d).when = { fact: 'eventCount', params: { event: 'purchase', days: 0 }, operator: 'greaterThan', value: 3 }), path: ['nodes', 5, 'branches', 0, 'when', 'params', 'days'], nodeId: 'bySpend' },
  { code: 'unknown-event', severity: 'warning', what: 'an undeclared awaited event', edit: (d) => (nodeById(d, 'wait30').events[0].event = 'purchse'), path: ['nodes', 1, 'events', 0, 'event'], nodeId: 'wait30', message: /did you mean `purchase`/ },
  { code: 'operator-type-mismatch', severity: 'error', what: '`contains` on a number', edit: (d) => (firstBranch(d).when.operator = 'contains'), path: ['nodes', 5, 'branches', 0, 'when', 'operator'], nodeId: 'bySpend', message: /does not fit `totalSpend`, which is a number/ },
  { code: 'value-type', severity: 'error', what: 'a string compared with a number fact', edit: (d) => (firstBranch(d).when.value = '500'), path: ['nodes', 5, 'branches', 0, 'when', 'value'], nodeId: 'bySpend' },
  { code: 'value-not-in-enum', severity: 'error', what: 'an enum value that does not exist', edit: (d) => (d.entry.trigger.when = { fact: 'grade', operator: 'equal', value: 'g4' }), path: ['entry', 'trigger', 'when', 'value'] },
  { code: 'unknown-stage', severity: 'error', what: 'a stage node naming an undeclared stage', edit: (d) => (nodeById(d, 'markActive').stage = 'activ'), path: ['nodes', 0, 'stage'], nodeId: 'markActive', message: /did you mean `active`/ },
  { code: 'empty-list', severity: 'warning', what: '`in` with no values', edit: (d) => (d.entry.trigger.when = { fact: 'grade', operator: 'in', value: [] }), path: ['entry', 'trigger', 'when', 'value'] },
  { code: 'empty-group', severity: 'warning', what: '`any` with no conditions', edit: (d) => (d.entry.trigger.when = { all: [d.entry.trigger.when, { any: [] }] }), path: ['entry', 'trigger', 'when', 'all', 1, 'any'] },
  { code: 'identical-branches', severity: 'error', what: 'a branch repeating an earlier one', edit: (d) => (nodeById(d, 'bySpend').branches[2].when = structuredClone(firstBranch(d).when)), path: ['nodes', 5, 'branches', 2, 'when'], nodeId: 'bySpend' },
  {
    code: 'overlapping-branches',
    severity: 'error',
    what: 'two enum branches sharing a value',
    edit: (d) => {
      const node = nodeById(d, 'bySpend');
      node.branches[0].when = { fact: 'grade', operator: 'in', value: ['g1', 'g2'] };
      node.branches[1].when = { fact: 'grade', operator: 'equal', value: 'g2' };
      node.branches[2].when = { fact: 'grade', operator: 'equal', value: 'g3' };
    },
    path: ['nodes', 5, 'branches', 1, 'when'],
    nodeId: 'bySpend',
    message: /branch 1 "low" and branch 2 "mid" can both match \(e\.g\. when grade = "g2"\)/,
  },
  { code: 'ladder-overlap', severity: 'error', what: 'a range starting inside the one before', edit: (d) => (nodeById(d, 'bySpend').branches[1].when.all[0].value = 400), path: ['nodes', 5, 'branches', 1, 'when'], nodeId: 'bySpend', message: /both cover totalSpend = 400/ },
  { code: 'ladder-gap', severity: 'error', what: 'a range starting above the end of the one before', edit: (d) => (nodeById(d, 'bySpend').branches[2].when.value = 2001), path: ['nodes', 5, 'branches', 2, 'when'], nodeId: 'bySpend', message: /totalSpend \[2000, 2001\) matches no branch/ },
  { code: 'ladder-order', severity: 'error', what: 'an inactivity threshold below the one before', edit: (d) => (nodeById(d, 'wait90').timeout = '20d'), path: ['nodes', 8, 'timeout'], nodeId: 'wait90', message: /after 20 days without activity, less than the 45 days of `waitSilent`/ },
  { code: 'duplicate-node-id', severity: 'error', what: 'two nodes called coupon', edit: (d) => d.nodes.push({ id: 'coupon', kind: 'exit' }), path: ['nodes', 16, 'id'], nodeId: 'coupon' },
  { code: 'unknown-target', severity: 'error', what: 'a misspelt next node', edit: (d) => (nodeById(d, 'nudge').next = 'waitSilnt'), path: ['nodes', 2, 'next'], nodeId: 'nudge', message: /did you mean `waitSilent`/ },
  { code: 'unknown-entry-target', severity: 'error', what: 'an entry into nothing', edit: (d) => (d.entry.next = 'start'), path: ['entry', 'next'] },
  { code: 'unreachable-node', severity: 'error', what: 'a node nothing leads to', edit: (d) => d.nodes.push({ id: 'orphan', kind: 'exit' }), path: ['nodes', 16, 'id'], nodeId: 'orphan' },
  { code: 'no-way-out', severity: 'error', what: 'the lost stage looping back instead of exiting', edit: (d) => (nodeById(d, 'markLost').next = 'markActive'), path: ['nodes', 0, 'id'], nodeId: 'markActive', message: /can never leave/ },
  { code: 'loop-without-wait', severity: 'error', what: 'a condition and an action feeding each other', edit: (d) => (nodeById(d, 'tagVip').next = 'bySpend'), path: ['nodes', 5, 'id'], nodeId: 'bySpend', message: /`bySpend` or `tagVip` form a loop with no wait/ },
  { code: 'split-sum', severity: 'error', what: 'shares adding up to 110%', edit: (d) => (nodeById(d, 'experiment').branches[0].percent = 60), path: ['nodes', 10, 'branches'], nodeId: 'experiment', message: /110%/ },
  { code: 'shadowed-event-exit', severity: 'error', what: 'any event awaited before purchase', edit: (d) => nodeById(d, 'wait90').events.reverse(), path: ['nodes', 8, 'events', 1, 'event'], nodeId: 'wait90' },
  { code: 'profile-shadows-fact', severity: 'error', what: 'a profile field called tags', edit: (d) => (d.schema.profile.tags = 'string[]'), path: ['schema', 'profile', 'tags'] },
  { code: 'duplicate-stage-id', severity: 'error', what: 'the lost stage declared twice', edit: (d) => d.stages.push({ id: 'lost', name: { zh: '流失', en: 'Lost' } }), path: ['stages', 4, 'id'] },
  { code: 'unused-stage', severity: 'warning', what: 'a stage no node sets', edit: (d) => d.stages.push({ id: 'churned', name: { zh: '流失', en: 'Churned' } }), path: ['stages', 4, 'id'] },
  { code: 'duplicate-weekday', severity: 'warning', what: 'Monday twice', edit: (d) => (d.entry.trigger = { type: 'schedule', at: '09:00', weekdays: [1, 1] }), path: ['entry', 'trigger', 'weekdays', 1] },
  { code: 'cooldown-unused', severity: 'warning', what: 'a cooldown with no re-entry', edit: (d) => Object.assign(d.entry, { reentry: 'never', cooldown: '7d' }), path: ['entry', 'cooldown'] },
  { code: 'duplicate-frequency-cap', severity: 'warning', what: 'two caps for all channels', edit: (d) => d.policies.frequencyCaps.push({ channel: '*', max: 5, per: '1d' }), path: ['policies', 'frequencyCaps', 1, 'channel'] },
  { code: 'frequency-cap-window-short', severity: 'warning', what: 'a cap per 30 seconds', edit: (d) => (d.policies.frequencyCaps[0].per = '30s'), path: ['policies', 'frequencyCaps', 0, 'per'] },
  { code: 'quiet-hours-empty', severity: 'error', what: 'quiet hours from 22:00 to 22:00', edit: (d) => (d.policies.quietHours.to = '22:00'), path: ['policies', 'quietHours', 'to'] },
  { code: 'layout-unknown-node', severity: 'warning', what: 'a position for a deleted node', edit: (d) => (d.layout.markActiv = { x: 1, y: 2 }), path: ['layout', 'markActiv'], message: /did you mean `markActive`/ },
  { code: 'set-builtin-fact', severity: 'error', what: 'setting the stage by hand', edit: (d) => setAction(d, { type: 'setField', field: 'stage', value: 'lost' }), path: ['nodes', 7, 'action', 'field'], nodeId: 'callTask', message: /use a stage node/ },
  { code: 'unknown-field', severity: 'warning', what: 'setting an undeclared field', edit: (d) => setAction(d, { type: 'setField', field: 'vipLevl', value: 2 }), path: ['nodes', 7, 'action', 'field'], nodeId: 'callTask', message: /did you mean `vipLevel`/ },
  { code: 'webhook-insecure', severity: 'warning', what: 'a webhook over http', edit: (d) => setAction(d, { type: 'webhook', url: 'http://crm.example.com/hook' }), path: ['nodes', 7, 'action', 'url'], nodeId: 'callTask' },
];

describe('checker diagnostics, one failing example per code', () => {
  it('the base journey has no diagnostics at all', () => {
    expect(diagnosticsOf(validJourney())).toEqual([]);
  });

  it.each(CASES)('$code: $what', (c) => {
    const doc = validJourney();
    c.edit(doc);
    const found = diagnosticsOf(doc, c.params).filter((d) => d.code === c.code);
    expect(found, `expected a ${c.code} diagnostic`).not.toHaveLength(0);
    const [d] = found;
    expect(d!.severity).toBe(c.severity);
    expect(d!.path).toEqual(c.path);
    expect(d!.nodeId).toBe(c.nodeId);
    if (c.message !== undefined) expect(d!.message).toMatch(c.message);
  });

  it('every code the checker can emit has a failing example here', () => {
    const tested = new Set(CASES.map((c) => c.code));
    const untested = Object.keys(CHECK_CODES).filter((code) => !tested.has(code) && code !== 'checker-failure');
    expect(untested).toEqual([]);
  });

  it('uses the node indices the cases assume', () => {
    expect(validJourney().nodes.map((n: JsonJourney) => n.id)).toEqual(Object.keys(NODE));
  });
});
