/** A FactReader over a plain object, for tests and simple embedding. */
import type { FactReader } from './plan.ts';

/**
 * The key a fact is stored under in {@link factsFromObject}: the fact name, followed (when it has params)
 * by the params sorted by name in parentheses, `name=value` separated by commas, values as plain text.
 *
 * @example
 * factKey('eventCount', { event: 'purchase', days: 30 }); // 'eventCount(days=30,event=purchase)'
 */
export function factKey(fact: string, params?: Readonly<Record<string, string | number>>): string {
  const names = params === undefined ? [] : Object.keys(params).sort();
  if (names.length === 0) return fact;
  return `${fact}(${names.map((name) => `${name}=${String(params?.[name])}`).join(',')})`;
}

/**
 * Reads facts from an object's own properties: `{ totalSpend: 320, tags: ['vip'] }`. A fact with params is
 * looked up under {@link factKey}, e.g. `"daysSinceLast(event=purchase)"`. A missing key reads as
 * undefined; inherited keys (`constructor`, `__proto__`) are never read.
 *
 * @example
 * const facts = factsFromObject({ 'eventCount(days=7,event=login)': 3 });
 * facts.get('eventCount', { event: 'login', days: 7 }); // 3
 */
export function factsFromObject(values: Readonly<Record<string, unknown>>): FactReader {
  return {
    get(fact, params) {
      const key = factKey(fact, params);
      return Object.hasOwn(values, key) ? values[key] : undefined;
    },
  };
}
