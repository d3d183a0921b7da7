/** What a condition may read in a journey: built-in facts, profile fields and (in event contexts) event properties, with the operators that fit each type. */
import { BUILTIN_FACTS, EVENT_FACT } from '../../dsl/facts.ts';
import type { Operator } from '../../dsl/schema/condition.ts';
import type { FieldType } from '../../dsl/schema/data-schema.ts';
import type { JourneyDocument } from '../../dsl/schema/document.ts';

export interface FactOption {
  /** The key shown in the picker: `purchaseCount`, `city`, `event.amount`. */
  key: string;
  fact: string;
  path?: string;
  type: FieldType;
  source: 'builtin' | 'profile' | 'event';
  params?: Readonly<Record<string, string>>;
  description?: { zh: string; en: string };
}

/**
 * Every fact a condition can use here. `eventName` is set in event contexts (entry trigger, awaited event);
 * `*` means any event, whose properties are unknown.
 *
 * @example
 * factOptions(doc, 'purchase').find((f) => f.key === 'event.amount')?.type; // 'number'
 */
export function factOptions(doc: Pick<JourneyDocument, 'schema'>, eventName?: string): FactOption[] {
  const builtins: FactOption[] = Object.entries(BUILTIN_FACTS).map(([name, f]) => ({
    key: name,
    fact: name,
    type: f.type,
    source: 'builtin',
    description: f.description,
    ...(f.params ? { params: f.params } : {}),
  }));
  const profile: FactOption[] = Object.entries(doc.schema.profile)
    .filter(([name]) => BUILTIN_FACTS[name] === undefined)
    .map(([name, type]) => ({ key: name, fact: name, type, source: 'profile' }));
  const props = eventName === undefined ? {} : (doc.schema.events[eventName] ?? {});
  const event: FactOption[] = Object.entries(props).map(([name, type]) => ({
    key: `${EVENT_FACT}.${name}`,
    fact: EVENT_FACT,
    path: `$.${name}`,
    type,
    source: 'event',
  }));
  return [...event, ...profile, ...builtins];
}

/** The key of a fact leaf as the picker names it. */
export const factKey = (fact: string, path?: string): string => (path ? `${fact}.${path.replace(/^\$\./, '')}` : fact);

const ORDERING: Operator[] = ['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'];

/**
 * The operators that make sense for a type: ordering for numbers and timestamps, membership for
 * strings and enums, `contains` for lists.
 *
 * @example
 * operatorsFor('string[]'); // ['contains', 'doesNotContain']
 */
export function operatorsFor(type: FieldType): Operator[] {
  if (typeof type === 'object') return ['equal', 'notEqual', 'in', 'notIn'];
  switch (type) {
    case 'number':
      return ['equal', 'notEqual', ...ORDERING, 'in', 'notIn'];
    case 'timestamp':
      return [...ORDERING];
    case 'string':
      return ['equal', 'notEqual', 'in', 'notIn'];
    case 'boolean':
      return ['equal', 'notEqual'];
    case 'string[]':
      return ['contains', 'doesNotContain'];
  }
}

/** Whether the operator compares against a list of values. */
export const takesList = (operator: Operator): boolean => operator === 'in' || operator === 'notIn';

/** A sensible first value for a fact type and operator. */
export function defaultValue(type: FieldType, operator: Operator): string | number | boolean | (string | number)[] {
  if (takesList(operator)) return [];
  if (typeof type === 'object') return type.enum[0] ?? '';
  if (type === 'number') return 0;
  if (type === 'boolean') return true;
  if (type === 'timestamp') return new Date().toISOString().slice(0, 10);
  return '';
}
