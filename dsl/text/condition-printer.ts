/** Prints a json-rules-engine condition in the readable form the condition parser reads back exactly. */
import type { Condition, ConditionValue, FactCondition, Operator } from '../schema/condition.ts';
import { positionalParams } from './fact-arguments.ts';
import { printName, printNumber, printString } from './literal-printer.ts';

const SYMBOLS: Readonly<Record<Operator, string>> = {
  equal: '==',
  notEqual: '!=',
  lessThan: '<',
  lessThanInclusive: '<=',
  greaterThan: '>',
  greaterThanInclusive: '>=',
  in: 'in',
  notIn: 'not in',
  contains: 'contains',
  doesNotContain: 'not contains',
};

/**
 * The text form of a condition.
 *
 * @example
 * printConditionText({ all: [{ fact: 'purchaseCount', operator: 'greaterThanInclusive', value: 1 }, { fact: 'tags', operator: 'contains', value: 'vip' }] });
 * // 'purchaseCount >= 1 and "vip" in tags'
 */
export function printConditionText(condition: Condition): string {
  if ('all' in condition) return printGroup(condition.all, 'all', 'and');
  if ('any' in condition) return printGroup(condition.any, 'any', 'or');
  if ('not' in condition) return `not ${printOperand(condition.not)}`;
  return printLeaf(condition);
}

/** Groups of two or more read as `a and b`; smaller ones need the explicit `all(…)` form to keep their shape. */
function printGroup(items: Condition[], key: 'all' | 'any', joiner: 'and' | 'or'): string {
  if (items.length < 2) return `${key}(${items.map(printConditionText).join('')})`;
  return items.map(printOperand).join(` ${joiner} `);
}

/** Inside a group or after `not`, a multi-item group is parenthesised so it stays its own node. */
function printOperand(condition: Condition): string {
  const group = 'all' in condition ? condition.all : 'any' in condition ? condition.any : undefined;
  return group !== undefined && group.length >= 2 ? `(${printConditionText(condition)})` : printConditionText(condition);
}

function printLeaf(leaf: FactCondition): string {
  const fact = printFactRef(leaf);
  const { operator, value } = leaf;
  if ((operator === 'contains' || operator === 'doesNotContain') && (typeof value === 'string' || typeof value === 'number')) {
    return `${printValue(value)} ${operator === 'contains' ? 'in' : 'not in'} ${fact}`;
  }
  return `${fact} ${SYMBOLS[operator]} ${printValue(value)}`;
}

/** `fact`, `fact("arg", name: 1)`, `fact.member`: leading declared parameters go by position. */
function printFactRef(leaf: FactCondition): string {
  let out = printName(leaf.fact);
  if (leaf.params !== undefined) {
    const params = leaf.params;
    const positional: string[] = [];
    for (const name of positionalParams(leaf.fact)) {
      if (!Object.hasOwn(params, name)) break;
      positional.push(name);
    }
    const named = Object.keys(params).filter((name) => !positional.includes(name));
    const args = [
      ...positional.map((name) => printArg(params[name] as string | number)),
      ...named.map((name) => `${name}: ${printArg(params[name] as string | number)}`),
    ];
    out += `(${args.join(', ')})`;
  }
  if (leaf.path !== undefined) out += leaf.path.slice(1);
  return out;
}

const printArg = (value: string | number): string => (typeof value === 'string' ? printString(value) : printNumber(value));

/** A condition's value: a literal, a list, or a param's bare name. */
export function printValue(value: ConditionValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return printString(value);
  if (typeof value === 'number') return printNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(printArg).join(', ')}]`;
  return printName(value.param);
}
