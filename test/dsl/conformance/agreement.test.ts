// Property: the compiled closures and json-rules-engine agree exactly on ≥ 10,000 generated (condition, facts, params) triples.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileCondition } from '../../../dsl/compiler/condition.ts';
import { factsFromObject } from '../../../dsl/compiler/facts-from-object.ts';
import { evaluateWithRulesEngine } from '../../../dsl/compiler/reference.ts';
import { OPERATORS, type Condition } from '../../../dsl/schema/condition.ts';
import type { ParamValue } from '../../../dsl/schema/params.ts';

type Outcome = boolean | 'rejects';

const outcome = async (run: () => boolean | Promise<boolean>): Promise<Outcome> => {
  try {
    return await run();
  } catch {
    return 'rejects';
  }
};

/** Strings chosen to hit parseFloat and coercion corners, plus arbitrary ones. */
const trickyString = fc.oneof(
  fc.constantFrom('', '12', ' 7', '12abc', '0x10', 'Infinity', '-3e2', '1,2', 'vip', 'new', 'lost', 'undefined', 'null', 'true', '5', '45'),
  fc.string({ maxLength: 6 }),
);
const trickyNumber = fc.oneof(
  fc.constantFrom(0, -0, 1, 5, 12, 30, 45, 90, 180, -1, 3.5, 1e9, Number.POSITIVE_INFINITY),
  fc.integer({ min: -200, max: 200 }),
  fc.double({ noNaN: false }),
);
const scalar = fc.oneof(trickyString, trickyNumber, fc.boolean(), fc.constant(null));
const list = fc.array(fc.oneof(trickyString, trickyNumber), { maxLength: 4 });

/** Fact values: missing, null, scalars of every type, lists, and objects (nested, with arrays and strings on the path). */
const factValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'fact' },
    scalar,
    fc.constant(undefined),
    list,
    fc.array(tie('value'), { maxLength: 3 }),
    // Spread into an ordinary object: fast-check's dictionaries have a null prototype, which (like JSON's
    // own objects never do) cannot become a primitive; that case is the documented difference, tested in closures.test.ts.
    fc.dictionary(fc.constantFrom('amount', 'student', 'grade', 'name', 'length', 'x', 'y'), tie('value'), { maxKeys: 4 }).map((d) => ({ ...d })),
  ),
})).value;

const FACT_KEYS = ['n', 's', 'tags', 'o', 'eventCount', 'eventCount(event=purchase)', 'eventCount(days=7,event=purchase)'] as const;
const factsObject = fc.record(
  Object.fromEntries(FACT_KEYS.map((k) => [k, factValue])) as Record<(typeof FACT_KEYS)[number], fc.Arbitrary<unknown>>,
  { requiredKeys: [] },
);

const params = fc.record({ pNum: trickyNumber, pStr: trickyString, pBool: fc.boolean() });
const paramRef = fc.constantFrom({ param: 'pNum' }, { param: 'pStr' }, { param: 'pBool' });

/** Mostly valid values for the operator; now and then one json-rules-engine throws on (or an unknown param), to check both refuse. */
const valueFor = (operator: string): fc.Arbitrary<unknown> => {
  const refusing = fc.constantFrom(5, null, true, { param: 'pNum' }, { param: 'unknownParam' });
  if (operator === 'in' || operator === 'notIn') {
    return fc.oneof({ arbitrary: list, weight: 6 }, { arbitrary: trickyString, weight: 2 }, { arbitrary: fc.constant({ param: 'pStr' }), weight: 1 }, { arbitrary: refusing, weight: 1 });
  }
  return fc.oneof({ arbitrary: scalar, weight: 6 }, { arbitrary: list, weight: 1 }, { arbitrary: paramRef, weight: 2 });
};

const leaf: fc.Arbitrary<Condition> = fc
  .record({
    fact: fc.constantFrom('n', 's', 'tags', 'o', 'missing', 'eventCount', 'toString'),
    operator: fc.constantFrom(...OPERATORS),
    path: fc.option(fc.constantFrom('$.amount', '$.student.grade', '$.length', '$.x', '$.name.length', '$.toString'), { nil: undefined }),
    factParams: fc.option(fc.constantFrom({ event: 'purchase' }, { event: 'purchase', days: 7 }, {}), { nil: undefined }),
  })
  .chain(({ fact, operator, path, factParams }) =>
    valueFor(operator).map((value) => {
      const condition: Record<string, unknown> = { fact, operator, value };
      if (path !== undefined) condition.path = path;
      if (factParams !== undefined) condition.params = factParams;
      return condition as Condition;
    }),
  );

const condition: fc.Arbitrary<Condition> = fc.letrec<{ condition: Condition }>((tie) => ({
  condition: fc.oneof(
    { maxDepth: 4, depthIdentifier: 'condition' },
    leaf,
    fc.array(tie('condition'), { maxLength: 4 }).map((all): Condition => ({ all })),
    fc.array(tie('condition'), { maxLength: 4 }).map((any): Condition => ({ any })),
    tie('condition').map((not): Condition => ({ not })),
  ),
})).condition;

const triple = fc.record({ condition, facts: factsObject, params });
const BATCH = 50;
const RUNS = 220;

describe('closures and json-rules-engine agree', () => {
  it(`on ${BATCH * RUNS} generated conditions, facts and params`, async () => {
    const tally = { pairs: 0, true: 0, false: 0, rejects: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(triple, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const results = await Promise.all(
          batch.map(async ({ condition: c, facts, params: p }) => {
            const reader = factsFromObject(facts);
            const values = p as Record<string, ParamValue>;
            const closure = await outcome(() => compileCondition(c, values)(reader));
            const reference = await outcome(() => evaluateWithRulesEngine(c, reader, values));
            return { closure, reference, c, facts, p };
          }),
        );
        for (const r of results) {
          tally.pairs += 1;
          tally[String(r.reference) as 'true' | 'false' | 'rejects'] += 1;
          if (r.closure !== r.reference) {
            throw new Error(`closure said ${r.closure}, json-rules-engine said ${r.reference}\n${JSON.stringify({ condition: r.c, facts: r.facts, params: r.p })}`);
          }
        }
      }),
      { numRuns: RUNS },
    );
    expect(tally.pairs).toBeGreaterThanOrEqual(10_000);
    // The generator must exercise every outcome substantially, or agreement would say little.
    expect(tally.true).toBeGreaterThan(tally.pairs * 0.15);
    expect(tally.false).toBeGreaterThan(tally.pairs * 0.15);
    expect(tally.rejects).toBeGreaterThan(0);
  });
});
