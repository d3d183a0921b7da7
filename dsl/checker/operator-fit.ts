/** Which operators fit which fact types. */
import type { Operator } from '../schema/condition.ts';
import type { TypeFamily } from './fact-types.ts';

const COMPARISONS: readonly Operator[] = ['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'];

export const OPERATORS_BY_TYPE: Readonly<Record<TypeFamily, readonly Operator[]>> = {
  number: [...COMPARISONS, 'equal', 'notEqual', 'in', 'notIn'],
  string: ['equal', 'notEqual', 'in', 'notIn'],
  enum: ['equal', 'notEqual', 'in', 'notIn'],
  boolean: ['equal', 'notEqual'],
  timestamp: [...COMPARISONS, 'equal', 'notEqual'],
  'string[]': ['contains', 'doesNotContain'],
};

/** The operators that take a list as their value. */
export const LIST_OPERATORS: ReadonlySet<Operator> = new Set(['in', 'notIn']);

/**
 * Whether `operator` makes sense for a fact of type family `family`.
 *
 * @example
 * operatorFits('string[]', 'contains'); // true
 * operatorFits('number', 'contains');   // false
 */
export const operatorFits = (family: TypeFamily, operator: Operator): boolean => OPERATORS_BY_TYPE[family].includes(operator);

/** The operator that holds exactly when `operator` does not (for a present value). */
export const NEGATED_OPERATOR: Readonly<Record<Operator, Operator>> = {
  equal: 'notEqual',
  notEqual: 'equal',
  in: 'notIn',
  notIn: 'in',
  contains: 'doesNotContain',
  doesNotContain: 'contains',
  lessThan: 'greaterThanInclusive',
  greaterThanInclusive: 'lessThan',
  lessThanInclusive: 'greaterThan',
  greaterThan: 'lessThanInclusive',
};
