/** Which parameters of a built-in fact may be written by position (`daysSinceLast("purchase")`) rather than by name. */
import { BUILTIN_FACTS } from '../facts.ts';

/**
 * The fact's required parameters, in declared order; optional ones (`days` of `eventCount`) are always named.
 *
 * @example
 * positionalParams('eventCount'); // ['event']
 */
export function positionalParams(fact: string): string[] {
  if (!Object.hasOwn(BUILTIN_FACTS, fact)) return [];
  const declared = BUILTIN_FACTS[fact]?.params ?? {};
  return Object.keys(declared).filter((name) => !(declared[name] ?? '').endsWith('?'));
}
