/** Compiles a condition (json-rules-engine format) into a closure tree that evaluates it exactly as json-rules-engine does. */
import type { Condition } from '../schema/condition.ts';
import type { ParamValue } from '../schema/params.ts';
import { bindConditionValue } from './bind-params.ts';
import { CompileError, type JsonPath } from './compile-error.ts';
import { parseFactPath, readFactPath } from './fact-path.ts';
import { needsIndexableValue, operatorTest } from './operators.ts';
import type { CompiledCondition, FactReader } from './plan.ts';

type FactParams = Readonly<Record<string, string | number>>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Compiles a condition with the given param values substituted. Never uses `eval` or `new Function`: the
 * result is a tree of closures over the operator table. Semantics follow json-rules-engine v7 exactly,
 * including its surprises: an empty `any` is true (like an empty `all`), `contains` on a non-array is
 * false, numeric operators accept whatever `parseFloat` reads (`"12abc"`), `in` with a string value is a
 * substring test, and a `path` on a non-object fact yields the fact itself.
 *
 * One deliberate difference: where json-rules-engine throws because a fact value cannot be turned into a
 * primitive (an object whose `toString` is not a function), the comparison is simply false, so hostile
 * profile data can never crash the engine.
 *
 * Throws {@link CompileError} (path relative to the condition) for an unknown param, an unknown operator,
 * a path that is not plain member access, or `in`/`notIn` with a value that is neither a list nor a string.
 *
 * @example
 * const vip = compileCondition({ all: [
 *   { fact: 'purchaseCount', operator: 'greaterThanInclusive', value: { param: 'minPurchases' } },
 *   { fact: 'tags', operator: 'contains', value: 'vip' },
 * ] }, { minPurchases: 1 });
 * vip(factsFromObject({ purchaseCount: 2, tags: ['vip'] })); // true
 */
export function compileCondition(condition: Condition, params: Readonly<Record<string, ParamValue>>): CompiledCondition {
  return compileAt(condition, params, []);
}

function compileAt(condition: unknown, params: Readonly<Record<string, ParamValue>>, path: JsonPath): CompiledCondition {
  if (!isRecord(condition)) throw new CompileError('bad-condition', 'a condition must be an object', path);
  // json-rules-engine looks for `any` before `all` before `not`; the same order here.
  if (Object.hasOwn(condition, 'any')) {
    const parts = compileList(condition.any, params, [...path, 'any']);
    // An empty `any` is true in json-rules-engine (it short-cuts every empty group to true).
    return (facts) => parts.length === 0 || parts.some((part) => part(facts));
  }
  if (Object.hasOwn(condition, 'all')) {
    const parts = compileList(condition.all, params, [...path, 'all']);
    return (facts) => parts.every((part) => part(facts));
  }
  if (Object.hasOwn(condition, 'not')) {
    if (Array.isArray(condition.not)) throw new CompileError('bad-condition', '"not" takes one condition, not a list', [...path, 'not']);
    const inner = compileAt(condition.not, params, [...path, 'not']);
    return (facts) => !inner(facts);
  }
  return compileFactCondition(condition, params, path);
}

function compileList(list: unknown, params: Readonly<Record<string, ParamValue>>, path: JsonPath): CompiledCondition[] {
  if (!Array.isArray(list)) throw new CompileError('bad-condition', 'must be a list of conditions', path);
  return list.map((item, i) => compileAt(item, params, [...path, i]));
}

function compileFactCondition(
  condition: Record<string, unknown>,
  params: Readonly<Record<string, ParamValue>>,
  path: JsonPath,
): CompiledCondition {
  const fact = Object.hasOwn(condition, 'fact') ? condition.fact : undefined;
  if (typeof fact !== 'string' || fact === '') {
    throw new CompileError('bad-condition', 'a condition needs "fact" (or "all", "any", "not")', [...path, 'fact']);
  }
  const operator = Object.hasOwn(condition, 'operator') ? condition.operator : undefined;
  const test = typeof operator === 'string' ? operatorTest(operator) : undefined;
  if (test === undefined || typeof operator !== 'string') {
    throw new CompileError('unknown-operator', `unknown operator ${JSON.stringify(operator)}`, [...path, 'operator']);
  }
  if (!Object.hasOwn(condition, 'value')) throw new CompileError('bad-condition', 'a condition needs "value"', [...path, 'value']);
  const value = bindConditionValue(condition.value, params, [...path, 'value']);
  if (needsIndexableValue(operator) && typeof value !== 'string' && !Array.isArray(value)) {
    throw new CompileError('bad-operator-value', `"${operator}" needs a list (or a string) as its value`, [...path, 'value']);
  }
  const members = compileFactPath(condition, path);
  const factParams = compileFactParams(condition, path);
  const read = (facts: FactReader): unknown => {
    const factValue = facts.get(fact, factParams);
    return members === undefined ? factValue : readFactPath(factValue, members);
  };
  return (facts) => {
    const factValue = read(facts);
    try {
      return test(factValue, value);
    } catch {
      return false;
    }
  };
}

function compileFactPath(condition: Record<string, unknown>, path: JsonPath): string[] | undefined {
  if (!Object.hasOwn(condition, 'path') || condition.path === undefined) return undefined;
  const members = typeof condition.path === 'string' ? parseFactPath(condition.path) : undefined;
  if (members === undefined) {
    throw new CompileError('bad-fact-path', 'a path must be plain member access like $.amount', [...path, 'path']);
  }
  return members;
}

/** Fact params as a frozen own-property copy; none (or an empty object) is passed to the reader as undefined. */
function compileFactParams(condition: Record<string, unknown>, path: JsonPath): FactParams | undefined {
  if (!Object.hasOwn(condition, 'params') || condition.params === undefined) return undefined;
  const given = condition.params;
  if (!isRecord(given)) throw new CompileError('bad-fact-params', 'fact params must be an object', [...path, 'params']);
  const copy: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(given)) {
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new CompileError('bad-fact-params', 'a fact param must be a string or a number', [...path, 'params', name]);
    }
    Object.defineProperty(copy, name, { value, enumerable: true });
  }
  return Object.keys(copy).length === 0 ? undefined : Object.freeze(copy);
}
