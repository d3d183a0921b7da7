/** Substituting param values into a condition: `{ "param": "minSpend" }` becomes the param's effective value. */
import type { Condition, ConditionValue, Scalar } from '../schema/condition.ts';
import type { ParamValue } from '../schema/params.ts';
import { CompileError, type JsonPath } from './compile-error.ts';

/** A condition value with params substituted: what an operator compares a fact against. */
export type BoundValue = Scalar | (string | number)[];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The value of a param, read as an own property so `__proto__` or `constructor` never resolve.
 *
 * @example
 * paramValue({ silentAfterDays: 45 }, 'silentAfterDays', ['nodes', 1, 'duration']); // 45
 */
export function paramValue(params: Readonly<Record<string, ParamValue>>, name: string, path: JsonPath): ParamValue {
  if (typeof name !== 'string' || !Object.hasOwn(params, name)) {
    throw new CompileError('unknown-param', `param "${String(name)}" is not declared`, path);
  }
  return params[name] as ParamValue;
}

/**
 * A condition's `value` with a param reference replaced by the param's value; literals are copied. Takes any
 * value, since compileCondition also accepts conditions that never went through the schema.
 *
 * @example
 * bindConditionValue({ param: 'minSpend' }, { minSpend: 500 }, ['when', 'value']); // 500
 */
export function bindConditionValue(value: ConditionValue | unknown, params: Readonly<Record<string, ParamValue>>, path: JsonPath): BoundValue {
  if (Array.isArray(value)) return [...value];
  if (isRecord(value)) {
    if (!Object.hasOwn(value, 'param') || Object.keys(value).length !== 1) {
      throw new CompileError('bad-condition-value', 'a condition value must be a literal, a list or { "param": name }', path);
    }
    return paramValue(params, value.param as string, [...path, 'param']);
  }
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  throw new CompileError('bad-condition-value', 'a condition value must be a literal, a list or { "param": name }', path);
}

/**
 * A deep copy of a condition with every param reference substituted, in json-rules-engine's own format.
 *
 * @example
 * bindConditionParams({ fact: 'totalSpend', operator: 'greaterThan', value: { param: 'minSpend' } }, { minSpend: 500 });
 * // { fact: 'totalSpend', operator: 'greaterThan', value: 500 }
 */
export function bindConditionParams(condition: Condition, params: Readonly<Record<string, ParamValue>>, path: JsonPath = []): Condition {
  if ('all' in condition) return { all: condition.all.map((c, i) => bindConditionParams(c, params, [...path, 'all', i])) };
  if ('any' in condition) return { any: condition.any.map((c, i) => bindConditionParams(c, params, [...path, 'any', i])) };
  if ('not' in condition) return { not: bindConditionParams(condition.not, params, [...path, 'not']) };
  return { ...condition, value: bindConditionValue(condition.value, params, [...path, 'value']) };
}
