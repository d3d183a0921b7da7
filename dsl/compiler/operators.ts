/** The ten condition operators, with json-rules-engine's exact semantics (its default operators and their fact-value validators). */
import type { Operator } from '../schema/condition.ts';

/** Compares a fact value (left) with the condition's value (right). */
export type OperatorTest = (factValue: unknown, value: unknown) => boolean;

/*
 * json-rules-engine evaluates `validator(factValue) && callback(factValue, value)`. The callbacks rely on
 * JavaScript's own coercions (`<` on strings compares them as strings, `"abc".indexOf(x)` stringifies x),
 * so these use the very same operators; the casts below only tell TypeScript what JavaScript does anyway.
 */

/** json-rules-engine's `numberValidator`: anything `parseFloat` can read a number from, `"12abc"` included. */
const isNumberLike = (factValue: unknown): boolean => Number.parseFloat(factValue as string).toString() !== 'NaN';

/** `value.indexOf(factValue)`: array membership by `===`, or a substring test when the value is a string. */
const indexIn = (value: unknown, factValue: unknown): number => (value as string | unknown[]).indexOf(factValue as string);

const TESTS: Readonly<Record<Operator, OperatorTest>> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => indexIn(b, a) > -1,
  notIn: (a, b) => indexIn(b, a) === -1,
  contains: (a, b) => Array.isArray(a) && a.indexOf(b) > -1,
  doesNotContain: (a, b) => Array.isArray(a) && a.indexOf(b) === -1,
  lessThan: (a, b) => isNumberLike(a) && (a as number) < (b as number),
  lessThanInclusive: (a, b) => isNumberLike(a) && (a as number) <= (b as number),
  greaterThan: (a, b) => isNumberLike(a) && (a as number) > (b as number),
  greaterThanInclusive: (a, b) => isNumberLike(a) && (a as number) >= (b as number),
};

/**
 * The test for an operator name, or undefined for a name that is not one of the ten (looked up as an own
 * property, so `constructor` or `__proto__` never resolve to anything).
 *
 * @example
 * operatorTest('greaterThan')?.('12', 9); // true: "12" passes parseFloat and "12" > 9 compares numerically
 */
export function operatorTest(operator: string): OperatorTest | undefined {
  return Object.hasOwn(TESTS, operator) ? TESTS[operator as Operator] : undefined;
}

/** `in` and `notIn` call `value.indexOf`, so their value must be an array or a string; anything else makes json-rules-engine throw. */
export const needsIndexableValue = (operator: string): boolean => operator === 'in' || operator === 'notIn';
