// Every journey shipped in templates/ compiles with its defaults, and each of its conditions agrees with json-rules-engine on sampled facts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCondition } from '../../../dsl/compiler/condition.ts';
import { factKey, factsFromObject } from '../../../dsl/compiler/facts-from-object.ts';
import { compileJourney } from '../../../dsl/compiler/journey.ts';
import { evaluateWithRulesEngine } from '../../../dsl/compiler/reference.ts';
import type { Condition } from '../../../dsl/schema/condition.ts';

const TEMPLATES = join(import.meta.dirname, '../../../templates');

const journeyFiles = readdirSync(TEMPLATES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((pack) => {
    const dir = join(TEMPLATES, pack.name, 'journeys');
    try {
      return readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => join(dir, f));
    } catch {
      return [];
    }
  });

const isCondition = (value: unknown): value is Condition =>
  typeof value === 'object' && value !== null && ['fact', 'all', 'any', 'not'].some((k) => Object.hasOwn(value, k));

/** Every `when` in a document (entry trigger, condition branches, awaited events). */
function conditionsIn(value: unknown, found: Condition[] = []): Condition[] {
  if (Array.isArray(value)) value.forEach((v) => conditionsIn(v, found));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'when' && isCondition(child)) found.push(child);
      else conditionsIn(child, found);
    }
  }
  return found;
}

/** The fact keys and literal values a condition uses, to sample facts that land on both sides of its comparisons. */
function leavesOf(condition: Condition, keys: Set<string>, literals: Set<unknown>): void {
  if ('all' in condition) condition.all.forEach((c) => leavesOf(c, keys, literals));
  else if ('any' in condition) condition.any.forEach((c) => leavesOf(c, keys, literals));
  else if ('not' in condition) leavesOf(condition.not, keys, literals);
  else {
    keys.add(factKey(condition.fact, condition.params));
    for (const v of Array.isArray(condition.value) ? condition.value : [condition.value]) if (typeof v !== 'object' || v === null) literals.add(v);
  }
}

describe('template journeys', () => {
  it('exist, with conditions to compare', () => {
    expect(journeyFiles.length).toBeGreaterThanOrEqual(3);
    expect(journeyFiles.flatMap((f) => conditionsIn(JSON.parse(readFileSync(f, 'utf8')))).length).toBeGreaterThan(0);
  });

  it.each(journeyFiles.map((f) => [f.slice(TEMPLATES.length + 1), f]))('%s compiles and its conditions agree with json-rules-engine', async (_name, file) => {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { nodes: { id: string }[] };
    const { plan, diagnostics } = compileJourney(doc);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect([...plan!.nodes.keys()]).toEqual(doc.nodes.map((n) => n.id));

    const conditions = conditionsIn(doc);
    for (const condition of conditions) {
      const keys = new Set<string>();
      const literals = new Set<unknown>();
      leavesOf(condition, keys, literals);
      const near = [...literals].flatMap((v) => (typeof v === 'number' ? [v - 1, v, v + 1] : [v]));
      const value = fc.oneof(fc.constantFrom(undefined, null, ...near), fc.integer({ min: -5, max: 400 }), fc.array(fc.constantFrom(...near, 'x')), fc.record({ amount: fc.integer({ min: 0, max: 2000 }) }).map((o) => ({ ...o })));
      const samples = fc.sample(fc.record(Object.fromEntries([...keys].map((k) => [k, value])), { requiredKeys: [] }), { numRuns: 100, seed: 7 });
      const compiled = compileCondition(condition, plan!.params);
      for (const facts of samples) {
        const reader = factsFromObject(facts);
        expect(compiled(reader), JSON.stringify({ condition, facts })).toBe(await evaluateWithRulesEngine(condition, reader, plan!.params));
      }
    }
  });
});
