/** The reference evaluator: json-rules-engine itself evaluating a condition, against which the compiled closures are checked. */
import { Engine } from 'json-rules-engine';
import type { Condition } from '../schema/condition.ts';
import type { ParamValue } from '../schema/params.ts';
import { bindConditionParams } from './bind-params.ts';
import type { FactReader } from './plan.ts';

/** Every fact name a condition reads. */
function factNames(condition: Condition, into: Set<string>): Set<string> {
  if ('all' in condition) condition.all.forEach((c) => factNames(c, into));
  else if ('any' in condition) condition.any.forEach((c) => factNames(c, into));
  else if ('not' in condition) factNames(condition.not, into);
  else into.add(condition.fact);
  return into;
}

/**
 * Evaluates a condition with json-rules-engine (params substituted first). Each fact the condition names is
 * registered as an uncached dynamic fact that asks `facts.get(name, params)` (no params, or an empty
 * object, arrive as undefined, as with the closures); unknown facts are allowed and read as undefined.
 * Rejects where json-rules-engine throws (e.g. `in` with a number as its value).
 *
 * @example
 * await evaluateWithRulesEngine({ fact: 'tags', operator: 'contains', value: 'vip' }, factsFromObject({ tags: ['vip'] }), {}); // true
 */
export async function evaluateWithRulesEngine(
  condition: Condition,
  facts: FactReader,
  params: Readonly<Record<string, ParamValue>> = {},
): Promise<boolean> {
  const bound = bindConditionParams(condition, params);
  // A rule's root must be a boolean group; a single-element `all` evaluates to its only condition.
  const root = 'fact' in bound ? { all: [bound] } : bound;
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addRule({ conditions: root as never, event: { type: 'matched' } });
  for (const name of factNames(bound, new Set())) {
    engine.addFact(
      name,
      (factParams: Record<string, string | number>) => facts.get(name, Object.keys(factParams).length === 0 ? undefined : factParams),
      { cache: false },
    );
  }
  const { events } = await engine.run();
  return events.length > 0;
}
