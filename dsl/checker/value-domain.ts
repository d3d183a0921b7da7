/** The values one fact can take under a conjunction of comparisons: numbers as intervals, names as sets, lists as required/forbidden members. */
import type { Operator } from '../schema/condition.ts';
import type { TypedLeaf } from './condition-typing.ts';
import { typeFamily } from './fact-types.ts';
import { NEGATED_OPERATOR } from './operator-fit.ts';
import { comparisonSet, complement, intersect, pointSet, sampleMember, union, type Interval, type NumberSet } from './number-set.ts';

/** Values are compared as JSON text so that `"1"` and `1`, `"true"` and `true` stay different. */
type ValueText = string;

export type Domain =
  | { kind: 'numbers'; set: NumberSet; wholeNumbers: boolean; timestamps: boolean }
  /** Strings, enums, booleans: `only` (undefined: any value) minus `except`, within `universe` when the type is finite. */
  | { kind: 'values'; only: ReadonlySet<ValueText> | undefined; except: ReadonlySet<ValueText>; universe: readonly ValueText[] | undefined }
  /** A list fact such as `tags`: members it must have and members it must not have. */
  | { kind: 'members'; required: ReadonlySet<ValueText>; forbidden: ReadonlySet<ValueText> };

const asNumber = (v: unknown, timestamps: boolean): number => (timestamps ? Date.parse(String(v)) : Number(v));

/**
 * The values the leaf's fact can take for the leaf (or its negation) to hold, assuming the fact is present.
 * Undefined for comparisons with null, which the interval and set reasoning does not cover.
 */
export function leafDomain(leaf: TypedLeaf, negated: boolean): Domain | undefined {
  const operator: Operator = negated ? NEGATED_OPERATOR[leaf.operator] : leaf.operator;
  const values = Array.isArray(leaf.value) ? leaf.value : [leaf.value];
  if (values.some((v) => v === null)) return undefined;
  const family = typeFamily(leaf.fact.type);
  if (family === 'number' || family === 'timestamp') {
    const timestamps = family === 'timestamp';
    const points = values.map((v) => pointSet(asNumber(v, timestamps))).reduce(union, []);
    let set: NumberSet;
    switch (operator) {
      case 'equal':
      case 'in':
        set = points;
        break;
      case 'notEqual':
      case 'notIn':
        set = complement(points);
        break;
      case 'lessThan':
      case 'lessThanInclusive':
      case 'greaterThan':
      case 'greaterThanInclusive':
        set = comparisonSet(operator, asNumber(values[0], timestamps));
        break;
      default:
        return undefined;
    }
    return { kind: 'numbers', set, wholeNumbers: leaf.fact.wholeNumbers, timestamps };
  }
  const texts = new Set(values.map((v) => JSON.stringify(v)));
  if (family === 'string[]') {
    if (operator === 'contains') return { kind: 'members', required: texts, forbidden: new Set() };
    if (operator === 'doesNotContain') return { kind: 'members', required: new Set(), forbidden: texts };
    return undefined;
  }
  const type = leaf.fact.type;
  const universe = family === 'boolean' ? ['true', 'false'] : typeof type === 'object' ? type.enum.map((v) => JSON.stringify(v)) : undefined;
  if (operator === 'equal' || operator === 'in') return { kind: 'values', only: texts, except: new Set(), universe };
  if (operator === 'notEqual' || operator === 'notIn') return { kind: 'values', only: undefined, except: texts, universe };
  return undefined;
}

/** What both domains allow; undefined when they are of different kinds (never for one fact). */
export function intersectDomains(a: Domain, b: Domain): Domain | undefined {
  if (a.kind === 'numbers' && b.kind === 'numbers') return { ...a, set: intersect(a.set, b.set) };
  if (a.kind === 'values' && b.kind === 'values') {
    const only = a.only === undefined ? b.only : b.only === undefined ? a.only : new Set([...a.only].filter((v) => b.only!.has(v)));
    return { kind: 'values', only, except: new Set([...a.except, ...b.except]), universe: a.universe ?? b.universe };
  }
  if (a.kind === 'members' && b.kind === 'members') {
    return { kind: 'members', required: new Set([...a.required, ...b.required]), forbidden: new Set([...a.forbidden, ...b.forbidden]) };
  }
  return undefined;
}

/**
 * One value the domain allows, described for a message (`= 1500`, `"vip"`, `containing "vip"`),
 * or undefined when the domain is empty.
 */
export function describeSample(domain: Domain): string | undefined {
  switch (domain.kind) {
    case 'numbers': {
      const n = sampleMember(domain.set, domain.wholeNumbers);
      if (n === undefined) return undefined;
      return `= ${numberWriter(domain)(n)}`;
    }
    case 'values': {
      const candidates = domain.only ?? domain.universe;
      if (candidates === undefined) return domain.except.size === 0 ? 'of any value' : `not ${[...domain.except].join(' / ')}`;
      const v = [...candidates].find((c) => !domain.except.has(c));
      return v === undefined ? undefined : `= ${v}`;
    }
    case 'members': {
      if ([...domain.required].some((r) => domain.forbidden.has(r))) return undefined;
      if (domain.required.size > 0) return `containing ${[...domain.required].join(' and ')}`;
      return domain.forbidden.size === 0 ? 'of any value' : `without ${[...domain.forbidden].join(' or ')}`;
    }
  }
}

/** The domain as one interval, when it is a single numeric range (for ladder checks). */
export function singleInterval(domain: Domain): Interval | undefined {
  return domain.kind === 'numbers' && domain.set.length === 1 ? domain.set[0] : undefined;
}

/** How a number of the domain is written in messages: timestamps as ISO times. */
export const numberWriter = (domain: Domain): ((n: number) => string) =>
  domain.kind === 'numbers' && domain.timestamps ? (n) => `"${new Date(n).toISOString()}"` : String;
