// Runs the shared evaluator conformance cases against the compiled closures, plus what only the closures promise.
import { describe, expect, it } from 'vitest';
import { CompileError } from '../../../dsl/compiler/compile-error.ts';
import { compileCondition } from '../../../dsl/compiler/condition.ts';
import { factsFromObject } from '../../../dsl/compiler/facts-from-object.ts';
import { evaluateWithRulesEngine } from '../../../dsl/compiler/reference.ts';
import type { Condition } from '../../../dsl/schema/condition.ts';
import { runEvaluatorCases } from './evaluators.case.ts';

runEvaluatorCases('compiled closures', (condition, facts, params) => compileCondition(condition, params)(facts));

describe('compiled closures beyond the shared cases', () => {
  it('refuse at compile time (not at evaluation) what json-rules-engine would throw on, with the path', () => {
    const condition = { all: [{ fact: 'n', operator: 'equal', value: 1 }, { not: { fact: 's', operator: 'in', value: 3 } }] } as Condition;
    expect(() => compileCondition(condition, {})).toThrow(CompileError);
    try {
      compileCondition(condition, {});
    } catch (error) {
      expect(error).toMatchObject({ code: 'bad-operator-value', path: ['all', 1, 'not', 'value'] });
    }
  });

  it('refuse unknown operators, JSONPath filters and prototype paths', () => {
    const bad = [
      { fact: 'n', operator: 'regex', value: 'a' },
      { fact: 'n', operator: 'constructor', value: 'a' },
      { fact: 'n', operator: 'equal', value: 1, path: '$..[?(@.x)]' },
      { fact: 'n', operator: 'equal', value: 1, path: '$.__proto__.x' },
      { fact: 'n', operator: 'equal', value: { param: '__proto__' } },
    ];
    for (const condition of bad) expect(() => compileCondition(condition as Condition, {}), JSON.stringify(condition)).toThrow(CompileError);
  });

  it('treat a fact value that cannot become a primitive as not matching, where json-rules-engine throws', async () => {
    const hostile = JSON.parse('{"toString": 1}') as unknown;
    const condition: Condition = { fact: 'n', operator: 'greaterThan', value: 3 };
    expect(compileCondition(condition, {})(factsFromObject({ n: hostile }))).toBe(false);
    expect(compileCondition({ not: condition }, {})(factsFromObject({ n: hostile }))).toBe(true);
    await expect(evaluateWithRulesEngine(condition, factsFromObject({ n: hostile }), {})).rejects.toThrow(TypeError);
  });

  it('pass fact params to the reader and no params as undefined', () => {
    const seen: unknown[] = [];
    const reader = { get: (fact: string, params?: Readonly<Record<string, string | number>>) => (seen.push([fact, params]), 1) };
    compileCondition(
      { all: [{ fact: 'a', operator: 'equal', value: 1 }, { fact: 'b', operator: 'equal', value: 1, params: { event: 'login', days: 7 } }] },
      {},
    )(reader);
    expect(seen).toEqual([
      ['a', undefined],
      ['b', { event: 'login', days: 7 }],
    ]);
  });

  it('are not affected by later changes to the document they came from', () => {
    const condition = { fact: 's', operator: 'in' as const, value: ['vip'] };
    const compiled = compileCondition(condition, {});
    condition.value.push('new');
    expect(compiled(factsFromObject({ s: 'new' }))).toBe(false);
  });
});
