/** Reading a `path` (`$.a.b`) inside a fact value the way json-rules-engine does (its almanac plus jsonpath-plus, `wrap: false`). */
import { FORBIDDEN_NAMES } from '../schema/common.ts';

const PLAIN_MEMBER_PATH = /^\$(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

/**
 * The member names of a plain JSONPath, or undefined if the path is anything else (filters, wildcards,
 * recursive descent, brackets, or a name that reaches a prototype).
 *
 * @example
 * parseFactPath('$.student.grade'); // ['student', 'grade']
 */
export function parseFactPath(path: string): string[] | undefined {
  if (!PLAIN_MEMBER_PATH.test(path)) return undefined;
  const members = path.slice(2).split('.');
  return members.some((m) => FORBIDDEN_NAMES.has(m)) ? undefined : members;
}

/**
 * The value at `members` inside a fact value.
 *
 * json-rules-engine only applies a path to non-null objects (arrays included); any other fact value is
 * returned as it is. jsonpath-plus then follows each member only while the current value is truthy and
 * has it as an OWN property (so a string's `length` counts, a missing or null intermediate gives
 * undefined, and nothing is ever read from a prototype).
 *
 * @example
 * readFactPath({ order: { amount: 30 } }, ['order', 'amount']); // 30
 * readFactPath(7, ['amount']);                                   // 7 (not an object: the fact itself)
 */
export function readFactPath(factValue: unknown, members: readonly string[]): unknown {
  if (factValue === null || typeof factValue !== 'object') return factValue;
  let current: unknown = factValue;
  for (const member of members) {
    if (!current || !Object.hasOwn(current as object, member)) return undefined;
    current = (current as Record<string, unknown>)[member];
  }
  return current;
}
