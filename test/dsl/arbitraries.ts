/** fast-check arbitraries for schema-valid journey documents and conditions, shared by the DSL's property tests. */
import fc from 'fast-check';
import { BUILTIN_FACTS } from '../../dsl/facts.ts';
import { FORBIDDEN_NAMES } from '../../dsl/schema/common.ts';
import { Condition, OPERATORS } from '../../dsl/schema/condition.ts';
import type { ConditionValue, FactCondition } from '../../dsl/schema/condition.ts';
import { JourneyDocument } from '../../dsl/schema/document.ts';

/** Names that collide with words of the text form, so printers must quote or place them with care. */
const TRICKY_NAMES = [
  'and', 'or', 'not', 'in', 'contains', 'all', 'any', 'true', 'false', 'null', 'node', 'stage', 'event', 'if',
  'else', 'wait', 'for', 'timeout', 'entry', 'param', 'policy', 'layout', 'd', 'ms', 'zh', 'en', 'template', 'due', 'to',
];

/** Identifiers: the tricky words above, built-in fact names, and random ones. */
export const identifierArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...TRICKY_NAMES),
  fc.constantFrom(...Object.keys(BUILTIN_FACTS)),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/).filter((name) => !FORBIDDEN_NAMES.has(name)),
);

/** Text with what escaping must survive: quotes, backslashes, line breaks, Chinese, emoji, lone surrogates. */
export const textArb: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 24 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('', '"', '\\', 'a\nb', '\t\r', '\u0000\u001f\u007f', '沉睡唤醒', '发送一对一关怀消息', '😀', '\ud800', 'x\udc00', '\u2028', '# not a comment', '`'),
);

const nonEmptyTextArb = textArb.filter((text) => text.length > 0);

/** Finite numbers, including the ones that print unusually: -0, exponents, tiny fractions. */
export const numberArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-0, 0.1, -1.5, 1e21, 5e-324, Number.MAX_SAFE_INTEGER, 1.7976931348623157e308),
);

/** Event names as Segment sends them: identifiers, `*` (any event), phrases, Chinese. */
export const eventNameArb: fc.Arbitrary<string> = fc.oneof(
  identifierArb,
  fc.constantFrom('*', 'Order Completed', '下单', 'any', 'trial-booked', '9lives', 'a.b'),
  fc.string({ minLength: 1, maxLength: 12 }).filter((name) => /^[^\u0000-\u001f"\\]+$/.test(name) && !FORBIDDEN_NAMES.has(name)),
);

const localizedArb = fc.record({ zh: textArb, en: textArb });
const paramRefArb = fc.record({ param: identifierArb });
const unitArb = fc.constantFrom('ms', 's', 'm', 'h', 'd', 'w' as const);

/** `45d`, `1.50h`, `0ms`, or a param times a unit. */
export const durationArb = fc.oneof(
  fc.stringMatching(/^(0|[1-9][0-9]{0,4})(\.[0-9]{1,3})?(ms|s|m|h|d|w)$/),
  fc.record({ param: identifierArb, unit: unitArb }),
);

const timeOfDayArb = fc.stringMatching(/^([01][0-9]|2[0-3]):[0-5][0-9]$/);
const calendarDateArb = fc.stringMatching(/^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/);
const scalarArb = fc.oneof(textArb, numberArb, fc.boolean(), fc.constant(null));

const factPathArb = fc
  .array(identifierArb.filter((name) => !FORBIDDEN_NAMES.has(name)), { minLength: 1, maxLength: 3 })
  .map((segments) => `$.${segments.join('.')}`);

const factParamsArb = fc.dictionary(
  fc.oneof(fc.constantFrom('event', 'days'), identifierArb),
  fc.oneof(textArb.filter((text) => text.length <= 256), numberArb),
  { maxKeys: 3, noNullPrototype: true },
);

const conditionValueArb: fc.Arbitrary<ConditionValue> = fc.oneof(
  scalarArb,
  fc.array(fc.oneof(textArb, numberArb), { maxLength: 4 }),
  paramRefArb,
);

/** One `fact operator value` leaf, with or without params and a path. */
export const factConditionArb: fc.Arbitrary<FactCondition> = fc.record(
  {
    fact: fc.oneof(fc.constantFrom('event', 'daysSinceLast', 'eventCount', 'tags', 'totalSpend'), identifierArb),
    operator: fc.constantFrom(...OPERATORS),
    value: conditionValueArb,
    path: factPathArb,
    params: factParamsArb,
  },
  { requiredKeys: ['fact', 'operator', 'value'] },
);

/** Conditions of every shape the schema allows: leaves at the top, empty and single groups, not of not, deep nesting. */
export const conditionArb: fc.Arbitrary<Condition> = fc
  .letrec<{ condition: Condition }>((tie) => ({
    condition: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      factConditionArb,
      fc.record({ all: fc.array(tie('condition'), { maxLength: 3 }) }),
      fc.record({ any: fc.array(tie('condition'), { maxLength: 3 }) }),
      fc.record({ not: tie('condition') }),
    ),
  }))
  .condition.map((condition) => Condition.parse(condition));

const textOrParamArb = fc.oneof(nonEmptyTextArb, paramRefArb);

const fieldTypeArb = fc.oneof(
  fc.constantFrom('number', 'string', 'boolean', 'timestamp', 'string[]' as const),
  fc.record({ enum: fc.array(nonEmptyTextArb, { minLength: 1, maxLength: 3 }) }),
);

const paramDefArb = fc.oneof(
  fc.record(
    { type: fc.constant('number' as const), default: numberArb, min: numberArb, max: numberArb, integer: fc.boolean(), label: localizedArb, description: localizedArb },
    { requiredKeys: ['type', 'default'] },
  ),
  fc.record({ type: fc.constant('string' as const), default: textArb, label: localizedArb }, { requiredKeys: ['type', 'default'] }),
  fc.record({ type: fc.constant('boolean' as const), default: fc.boolean(), description: localizedArb }, { requiredKeys: ['type', 'default'] }),
  fc.record({ type: fc.constant('enum' as const), values: fc.array(nonEmptyTextArb, { minLength: 1, maxLength: 3 }), default: textArb }),
);

const triggerArb = fc.oneof(
  fc.record({ type: fc.constant('event' as const), event: eventNameArb, when: conditionArb }, { requiredKeys: ['type', 'event'] }),
  fc.record({ type: fc.constant('segment' as const), when: conditionArb }),
  fc.record(
    { type: fc.constant('schedule' as const), at: timeOfDayArb, weekdays: fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }), when: conditionArb },
    { requiredKeys: ['type', 'at'] },
  ),
);

const actionArb = fc.oneof(
  fc.record(
    { type: fc.constant('message' as const), channel: textOrParamArb, template: textOrParamArb, vars: fc.dictionary(identifierArb, textArb, { maxKeys: 3, noNullPrototype: true }) },
    { requiredKeys: ['type', 'channel', 'template'] },
  ),
  fc.record({ type: fc.constant('setField' as const), field: identifierArb, value: fc.oneof(scalarArb, paramRefArb) }),
  fc.record({ type: fc.constantFrom('addTag' as const, 'removeTag' as const), tag: textOrParamArb }),
  fc.record(
    { type: fc.constant('task' as const), title: textOrParamArb, assignee: textOrParamArb, dueIn: durationArb, note: textArb },
    { requiredKeys: ['type', 'title'] },
  ),
  fc.record(
    {
      type: fc.constant('webhook' as const),
      url: fc.constantFrom('https://example.com/hook', 'http://localhost:8080/a?b=1&c="2"', 'https://例子.cn/路径'),
      payload: fc.dictionary(identifierArb, scalarArb, { maxKeys: 3, noNullPrototype: true }),
    },
    { requiredKeys: ['type', 'url'] },
  ),
);

/** A node of any kind whose edges point at `ids` (so the generated graph is at least referentially whole). */
function nodeArb(id: string, ids: readonly string[], stageIds: fc.Arbitrary<string>): fc.Arbitrary<Record<string, unknown>> {
  const target = fc.constantFrom(...ids);
  const label = fc.string({ maxLength: 20 });
  const percent = fc.oneof(fc.integer({ min: 1, max: 100 }), fc.double({ min: 0.001, max: 100, noNaN: true }));
  const kinds = [
    fc.record({ kind: fc.constant('stage'), stage: stageIds, next: target }),
    fc.record({
      kind: fc.constant('condition'),
      branches: fc.array(fc.record({ label, when: conditionArb, next: target }, { requiredKeys: ['when', 'next'] }), { minLength: 1, maxLength: 3 }),
      else: target,
    }),
    fc.record({ kind: fc.constant('wait'), mode: fc.constant('delay'), duration: durationArb, next: target }),
    fc
      .record({ kind: fc.constant('wait'), mode: fc.constant('until'), time: timeOfDayArb, date: calendarDateArb, next: target }, { requiredKeys: ['kind', 'mode', 'next'] })
      .filter((node) => node.time !== undefined || node.date !== undefined),
    fc.record(
      {
        kind: fc.constant('wait'),
        mode: fc.constant('events'),
        events: fc.array(fc.record({ event: eventNameArb, when: conditionArb, next: target }, { requiredKeys: ['event', 'next'] }), { minLength: 1, maxLength: 3 }),
        timeout: durationArb,
        timeoutFrom: fc.constantFrom('entered', 'lastActivity'),
        timeoutNext: target,
      },
      { requiredKeys: ['kind', 'mode', 'events', 'timeout', 'timeoutNext'] },
    ),
    fc.record({ kind: fc.constant('split'), branches: fc.array(fc.record({ label, percent, next: target }, { requiredKeys: ['percent', 'next'] }), { minLength: 2, maxLength: 4 }) }),
    fc.record({ kind: fc.constant('action'), action: actionArb, next: target }),
    fc.record({ kind: fc.constant('goal'), goal: identifierArb, next: target }, { requiredKeys: ['kind', 'goal'] }),
    fc.record({ kind: fc.constant('exit'), reason: label }, { requiredKeys: ['kind'] }),
  ];
  return fc.oneof(...kinds).map((node) => ({ id, ...node }));
}

const documentBodyArb = fc
  .record({
    ids: fc.uniqueArray(identifierArb, { minLength: 1, maxLength: 8 }),
    stages: fc.array(fc.record({ id: identifierArb, name: localizedArb }), { maxLength: 4 }),
  })
  .chain(({ ids, stages }) => {
    const stageIds = stages.length > 0 ? fc.constantFrom(...stages.map((s) => s.id)) : identifierArb;
    return fc.record(
      {
        id: fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,20}$/),
        name: localizedArb,
        version: fc.integer({ min: 1, max: 1_000_000 }),
        description: localizedArb,
        params: fc.dictionary(identifierArb, paramDefArb, { maxKeys: 4, noNullPrototype: true }),
        stages: fc.constant(stages),
        schema: fc.record(
          {
            profile: fc.dictionary(identifierArb, fieldTypeArb, { maxKeys: 4, noNullPrototype: true }),
            events: fc.dictionary(eventNameArb, fc.dictionary(identifierArb, fieldTypeArb, { maxKeys: 3, noNullPrototype: true }), { maxKeys: 3, noNullPrototype: true }),
            activityEvents: fc.array(eventNameArb, { minLength: 1, maxLength: 3 }),
          },
          { requiredKeys: [] },
        ),
        entry: fc.record(
          { trigger: triggerArb, reentry: fc.constantFrom('never', 'afterExit'), cooldown: durationArb, next: fc.constantFrom(...ids) },
          { requiredKeys: ['trigger', 'next'] },
        ),
        nodes: fc.tuple(...ids.map((id) => nodeArb(id, ids, stageIds))),
        policies: fc.record(
          {
            frequencyCaps: fc.array(
              fc.record({
                channel: fc.oneof(fc.constantFrom('*', 'wechat', 'wecom_group', '小红书'), nonEmptyTextArb.filter((c) => c.length <= 64)),
                max: fc.integer({ min: 1, max: 10_000 }),
                per: durationArb,
              }),
              { maxLength: 3 },
            ),
            quietHours: fc.record({ from: timeOfDayArb, to: timeOfDayArb, mode: fc.constantFrom('drop', 'defer') }),
            goalWindow: durationArb,
            timezone: fc.constantFrom('Asia/Shanghai', 'UTC', 'America/Port-au-Prince', 'Etc/GMT+8'),
          },
          { requiredKeys: [] },
        ),
        layout: fc.dictionary(
          fc.oneof(fc.constantFrom(...ids), identifierArb),
          fc.record({ x: fc.oneof(numberArb, fc.integer()), y: numberArb }),
          { maxKeys: 5, noNullPrototype: true },
        ),
      },
      { requiredKeys: ['id', 'name', 'version', 'entry', 'nodes'] },
    );
  });

/**
 * Schema-valid journey documents (the output of `JourneyDocument.parse`, defaults filled in). Node ids are unique
 * and every edge points at an existing node; facts, params and stages are not guaranteed to resolve.
 */
export const journeyDocumentArb: fc.Arbitrary<JourneyDocument> = documentBodyArb.map((body) => JourneyDocument.parse(body));
