// The one conformance suite every condition evaluator passes (compiled closures, json-rules-engine): json-rules-engine v7 semantics, case by case.
import { describe, expect, it } from 'vitest';
import { factsFromObject } from '../../../dsl/compiler/facts-from-object.ts';
import type { FactReader } from '../../../dsl/compiler/plan.ts';
import type { Condition, Operator } from '../../../dsl/schema/condition.ts';
import type { ParamValue } from '../../../dsl/schema/params.ts';

/** An evaluator under test: it may answer synchronously or with a promise, and must throw or reject where the case says so. */
export type Evaluator = (
  condition: Condition,
  facts: FactReader,
  params: Readonly<Record<string, ParamValue>>,
) => Promise<boolean> | boolean;

export interface EvaluatorCase {
  name: string;
  condition: Condition;
  facts: Record<string, unknown>;
  params?: Record<string, ParamValue>;
  /** The outcome, or `rejects` where json-rules-engine throws (and the compiler refuses to compile). */
  expected: boolean | 'rejects';
}

const leaf = (fact: string, operator: Operator, value: unknown, extra: Record<string, unknown> = {}): Condition =>
  ({ fact, operator, value, ...extra }) as Condition;

/** A fact object with an own `__proto__` key, as JSON.parse builds it from hostile input. */
const pollutedShape = JSON.parse('{"__proto__": {"x": 1}, "y": 2}') as unknown;

export const EVALUATOR_CASES: readonly EvaluatorCase[] = [
  // equal / notEqual: strict equality, no coercion
  { name: 'equal numbers', condition: leaf('n', 'equal', 5), facts: { n: 5 }, expected: true },
  { name: 'equal does not coerce "5" to 5', condition: leaf('n', 'equal', 5), facts: { n: '5' }, expected: false },
  { name: 'equal null matches a null fact', condition: leaf('n', 'equal', null), facts: { n: null }, expected: true },
  { name: 'equal null does not match a missing fact', condition: leaf('n', 'equal', null), facts: {}, expected: false },
  { name: 'equal booleans', condition: leaf('b', 'equal', false), facts: { b: false }, expected: true },
  { name: 'equal against an array value is never true', condition: leaf('n', 'equal', [1]), facts: { n: [1] }, expected: false },
  { name: 'notEqual on a missing fact is true', condition: leaf('n', 'notEqual', 5), facts: {}, expected: true },
  { name: 'notEqual string vs number', condition: leaf('n', 'notEqual', 5), facts: { n: '5' }, expected: true },

  // numeric operators: parseFloat validator, then JavaScript's own comparison
  { name: 'greaterThan above', condition: leaf('n', 'greaterThan', 45), facts: { n: 46 }, expected: true },
  { name: 'greaterThan at the bound', condition: leaf('n', 'greaterThan', 45), facts: { n: 45 }, expected: false },
  { name: 'greaterThanInclusive at the bound', condition: leaf('n', 'greaterThanInclusive', 45), facts: { n: 45 }, expected: true },
  { name: 'lessThan below', condition: leaf('n', 'lessThan', 30), facts: { n: 29.5 }, expected: true },
  { name: 'lessThanInclusive at the bound', condition: leaf('n', 'lessThanInclusive', 30), facts: { n: 30 }, expected: true },
  { name: 'a numeric string compares as a number', condition: leaf('n', 'greaterThan', 9), facts: { n: '12' }, expected: true },
  { name: 'a padded numeric string compares as a number', condition: leaf('n', 'greaterThan', 5), facts: { n: ' 7' }, expected: true },
  { name: '"12abc" passes parseFloat but not the comparison (greater)', condition: leaf('n', 'greaterThan', 9), facts: { n: '12abc' }, expected: false },
  { name: '"12abc" passes parseFloat but not the comparison (less)', condition: leaf('n', 'lessThan', 99), facts: { n: '12abc' }, expected: false },
  { name: '"0x10" passes parseFloat (as 0) and compares as 16', condition: leaf('n', 'greaterThan', 15), facts: { n: '0x10' }, expected: true },
  { name: 'two numeric strings compare as strings', condition: leaf('n', 'lessThan', '9'), facts: { n: '10' }, expected: true },
  { name: 'a number against a numeric string value compares as numbers', condition: leaf('n', 'lessThan', '10'), facts: { n: 5 }, expected: true },
  { name: '"Infinity" is a number', condition: leaf('n', 'greaterThan', 1e9), facts: { n: 'Infinity' }, expected: true },
  { name: 'null fails the number check even though null > -1', condition: leaf('n', 'greaterThan', -1), facts: { n: null }, expected: false },
  { name: 'true fails the number check', condition: leaf('n', 'greaterThanInclusive', 0), facts: { n: true }, expected: false },
  { name: 'an empty string fails the number check', condition: leaf('n', 'greaterThanInclusive', 0), facts: { n: '' }, expected: false },
  { name: 'a missing fact fails the number check', condition: leaf('n', 'lessThan', 5), facts: {}, expected: false },
  { name: 'a one-element array compares as its element', condition: leaf('n', 'greaterThan', 3), facts: { n: [5] }, expected: true },
  { name: 'a longer array passes parseFloat but not the comparison', condition: leaf('n', 'greaterThan', 3), facts: { n: [5, 6] }, expected: false },
  { name: 'an object fails the number check', condition: leaf('n', 'lessThan', 3), facts: { n: { a: 1 } }, expected: false },
  { name: 'a boolean value compares numerically', condition: leaf('n', 'greaterThan', true), facts: { n: 2 }, expected: true },

  // in / notIn: value.indexOf(fact)
  { name: 'in a list', condition: leaf('s', 'in', ['vip', 'new']), facts: { s: 'vip' }, expected: true },
  { name: 'in a list is strict: 5 is not "5"', condition: leaf('s', 'in', ['5']), facts: { s: 5 }, expected: false },
  { name: 'in an empty list', condition: leaf('s', 'in', []), facts: { s: 'vip' }, expected: false },
  { name: 'missing fact is not in a list', condition: leaf('s', 'in', ['vip']), facts: {}, expected: false },
  { name: 'missing fact is notIn a list', condition: leaf('s', 'notIn', ['vip']), facts: {}, expected: true },
  { name: 'notIn an empty list', condition: leaf('s', 'notIn', []), facts: { s: 1 }, expected: true },
  { name: 'an array fact is never in a list', condition: leaf('s', 'in', ['vip']), facts: { s: ['vip'] }, expected: false },
  { name: 'in a string value is a substring test', condition: leaf('s', 'in', 'vip-user'), facts: { s: 'vip' }, expected: true },
  { name: 'in a string stringifies the fact', condition: leaf('s', 'in', 'level 12'), facts: { s: 12 }, expected: true },
  { name: 'a missing fact reads as "undefined" in a string', condition: leaf('s', 'in', 'is undefined'), facts: {}, expected: true },
  { name: 'notIn a string value', condition: leaf('s', 'notIn', 'abc'), facts: { s: 'x' }, expected: true },
  { name: 'in a number value throws', condition: leaf('s', 'in', 5), facts: { s: 5 }, expected: 'rejects' },
  { name: 'notIn null throws', condition: leaf('s', 'notIn', null), facts: { s: 5 }, expected: 'rejects' },
  { name: 'in a number param throws', condition: leaf('s', 'in', { param: 'limit' }), facts: { s: 5 }, params: { limit: 5 }, expected: 'rejects' },

  // contains / doesNotContain: only arrays pass
  { name: 'contains in a list fact', condition: leaf('tags', 'contains', 'vip'), facts: { tags: ['new', 'vip'] }, expected: true },
  { name: 'contains is strict', condition: leaf('tags', 'contains', 2), facts: { tags: ['2'] }, expected: false },
  { name: 'contains on a string fact is false', condition: leaf('tags', 'contains', 'vip'), facts: { tags: 'vip-user' }, expected: false },
  { name: 'contains on a missing fact is false', condition: leaf('tags', 'contains', 'vip'), facts: {}, expected: false },
  { name: 'doesNotContain on a missing fact is also false', condition: leaf('tags', 'doesNotContain', 'vip'), facts: {}, expected: false },
  { name: 'doesNotContain on null is false', condition: leaf('tags', 'doesNotContain', 'vip'), facts: { tags: null }, expected: false },
  { name: 'doesNotContain in an empty list', condition: leaf('tags', 'doesNotContain', 'vip'), facts: { tags: [] }, expected: true },
  { name: 'contains an array value is never true', condition: leaf('tags', 'contains', ['a']), facts: { tags: [['a']] }, expected: false },

  // all / any / not
  { name: 'empty all is true', condition: { all: [] }, facts: {}, expected: true },
  { name: 'empty any is true too (json-rules-engine treats every empty group as true)', condition: { any: [] }, facts: {}, expected: true },
  { name: 'not of an empty any is false', condition: { not: { any: [] } }, facts: {}, expected: false },
  {
    name: 'all needs every condition',
    condition: { all: [leaf('n', 'greaterThan', 1), leaf('tags', 'contains', 'vip')] },
    facts: { n: 2, tags: [] },
    expected: false,
  },
  {
    name: 'any needs one condition',
    condition: { any: [leaf('n', 'greaterThan', 1), leaf('tags', 'contains', 'vip')] },
    facts: { n: 2, tags: [] },
    expected: true,
  },
  { name: 'not inverts', condition: { not: leaf('n', 'equal', 1) }, facts: { n: 1 }, expected: false },
  { name: 'not of a failed number check is true', condition: { not: leaf('n', 'lessThan', 5) }, facts: {}, expected: true },
  {
    name: 'nested groups',
    condition: {
      any: [
        { all: [leaf('n', 'greaterThanInclusive', 30), { not: leaf('tags', 'contains', 'vip') }] },
        { all: [{ any: [] }, leaf('s', 'in', ['lost'])] },
      ],
    },
    facts: { n: 30, tags: ['vip'], s: 'lost' },
    expected: true,
  },
  { name: 'a rejecting leaf anywhere rejects the whole condition', condition: { any: [{ all: [] }, leaf('s', 'in', 1)] }, facts: {}, expected: 'rejects' },

  // path
  { name: 'path into an object', condition: leaf('event', 'greaterThan', 20, { path: '$.amount' }), facts: { event: { amount: 30 } }, expected: true },
  { name: 'nested path', condition: leaf('o', 'equal', 3, { path: '$.student.grade' }), facts: { o: { student: { grade: 3 } } }, expected: true },
  { name: 'path through a missing object gives undefined', condition: leaf('o', 'notEqual', null, { path: '$.student.grade' }), facts: { o: {} }, expected: true },
  { name: 'path through null gives undefined', condition: leaf('o', 'equal', null, { path: '$.student.grade' }), facts: { o: { student: null } }, expected: false },
  { name: 'path ending at null gives null', condition: leaf('o', 'equal', null, { path: '$.student' }), facts: { o: { student: null } }, expected: true },
  { name: 'path on a number fact yields the fact itself', condition: leaf('o', 'equal', 7, { path: '$.amount' }), facts: { o: 7 }, expected: true },
  { name: 'path on a string fact yields the string', condition: leaf('o', 'equal', 'x', { path: '$.a.b' }), facts: { o: 'x' }, expected: true },
  { name: 'path on a missing fact yields undefined', condition: leaf('o', 'in', 'undefined', { path: '$.a' }), facts: {}, expected: true },
  { name: 'path on an array reads its own length', condition: leaf('o', 'equal', 3, { path: '$.length' }), facts: { o: [1, 2, 3] }, expected: true },
  { name: 'path on an array misses other names', condition: leaf('o', 'in', 'undefined', { path: '$.first' }), facts: { o: [1] }, expected: true },
  { name: 'path reads a string member\'s own length', condition: leaf('o', 'equal', 3, { path: '$.name.length' }), facts: { o: { name: 'abc' } }, expected: true },
  { name: 'path stops at an empty string', condition: leaf('o', 'in', 'undefined', { path: '$.name.length' }), facts: { o: { name: '' } }, expected: true },
  { name: 'path stops at zero', condition: leaf('o', 'in', 'undefined', { path: '$.n.x' }), facts: { o: { n: 0 } }, expected: true },
  { name: 'path never reads inherited members', condition: leaf('o', 'in', 'undefined', { path: '$.toString' }), facts: { o: {} }, expected: true },
  { name: 'path ignores an own __proto__ key\'s contents', condition: leaf('o', 'equal', 1, { path: '$.x' }), facts: { o: pollutedShape }, expected: false },
  { name: 'path still reads ordinary keys beside __proto__', condition: leaf('o', 'equal', 2, { path: '$.y' }), facts: { o: pollutedShape }, expected: true },

  // facts and params
  { name: 'a fact named like an Object member is just missing', condition: leaf('toString', 'in', 'undefined'), facts: {}, expected: true },
  { name: 'a param as the value', condition: leaf('n', 'greaterThan', { param: 'minSpend' }), facts: { n: 600 }, params: { minSpend: 500 }, expected: true },
  { name: 'a string param as the value', condition: leaf('s', 'equal', { param: 'stage' }), facts: { s: 'silent' }, params: { stage: 'silent' }, expected: true },
  { name: 'an unknown param rejects', condition: leaf('n', 'equal', { param: 'nope' }), facts: { n: 1 }, expected: 'rejects' },
  {
    name: 'fact params select the fact value',
    condition: leaf('eventCount', 'greaterThanInclusive', 2, { params: { event: 'purchase', days: 30 } }),
    facts: { 'eventCount(days=30,event=purchase)': 2, eventCount: 0 },
    expected: true,
  },
  {
    name: 'empty fact params read the plain fact',
    condition: leaf('eventCount', 'equal', 9, { params: {} }),
    facts: { eventCount: 9 },
    expected: true,
  },
  {
    name: 'a fact with params and a path',
    condition: leaf('lastEvent', 'equal', 'wechat', { params: { event: 'login' }, path: '$.channel' }),
    facts: { 'lastEvent(event=login)': { channel: 'wechat' } },
    expected: true,
  },
];

/**
 * Defines one test per case for an evaluator.
 *
 * @example
 * runEvaluatorCases('closures', (c, facts, params) => compileCondition(c, params)(facts));
 */
export function runEvaluatorCases(name: string, evaluate: Evaluator): void {
  describe(`condition evaluator conformance: ${name}`, () => {
    it.each(EVALUATOR_CASES.map((c) => [c.name, c] as const))('%s', async (_name, testCase) => {
      const run = async (): Promise<boolean> => evaluate(testCase.condition, factsFromObject(testCase.facts), testCase.params ?? {});
      if (testCase.expected === 'rejects') await expect(run()).rejects.toThrow();
      else await expect(run()).resolves.toBe(testCase.expected);
    });
  });
}
