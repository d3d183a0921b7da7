/** The reader never throws or hangs: random text, random token soup and mutated valid journeys all end in diagnostics. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConditionText, parseJourneyText, printJourneyText } from '../../../dsl/text/index.ts';
import type { ConditionTextResult, JourneyTextResult } from '../../../dsl/text/index.ts';
import { journeyDocumentArb } from '../arbitraries.ts';

/** Either a document and no diagnostics, or diagnostics that each point inside the text. */
function expectWellFormedResult(text: string, result: JourneyTextResult | ConditionTextResult): void {
  const value = 'condition' in result ? result.condition : (result as JourneyTextResult).doc;
  const lines = text.split('\n').length;
  expect(value === undefined).toBe(result.diagnostics.length > 0);
  for (const d of result.diagnostics) {
    expect(d.severity).toBe('error');
    expect(d.message.length).toBeGreaterThan(0);
    expect(d.span?.line).toBeGreaterThanOrEqual(1);
    expect(d.span?.line).toBeLessThanOrEqual(lines);
    expect(d.span?.column).toBeGreaterThanOrEqual(1);
  }
}

const VOCABULARY = [
  'journey', 'name', 'description', 'param', 'stage', 'profile', 'event', 'activity', 'entry', 'policy', 'node', 'layout',
  'if', 'else', 'wait', 'for', 'until', 'timeout', 'after', 'last', 'activity', 'split', 'send', 'template', 'set', 'add',
  'remove', 'tag', 'task', 'webhook', 'goal', 'exit', 'on', 'when', 'segment', 'schedule', 'at', 'reentry', 'cooldown',
  'cap', 'quiet', 'per', 'and', 'or', 'not', 'in', 'contains', 'all', 'any', 'zh', 'en', 'x', 'a', '`and`', '"t"', '1',
  '-2.5', '45d', '09:00', '2025-01-01', '->', ':', ',', '(', ')', '[', ']', '{', '}', '.', '=', '==', '<=', '%', '\n', '#',
];

const tokenSoupArb = fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 60 }).map((words) => words.join(' '));

type Mutation = { at: number; remove: number; insert: string };

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 8 }),
  insert: fc.oneof(fc.constant(''), fc.constantFrom(...VOCABULARY), fc.string({ maxLength: 4 })),
});

function mutate(text: string, mutations: readonly Mutation[]): string {
  return mutations.reduce((out, m) => {
    const at = m.at % (out.length + 1);
    return out.slice(0, at) + m.insert + out.slice(at + m.remove);
  }, text);
}

describe('robustness of the reader', () => {
  it('random text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 100 })), (text) => {
        expectWellFormedResult(text, parseJourneyText(text));
        expectWellFormedResult(text, parseConditionText(text));
      }),
      { numRuns: 500 },
    );
  });

  it('random token soup', () => {
    fc.assert(
      fc.property(tokenSoupArb, (text) => {
        expectWellFormedResult(text, parseJourneyText(text));
        expectWellFormedResult(text, parseConditionText(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('mutated valid journeys', () => {
    fc.assert(
      fc.property(journeyDocumentArb, fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (doc, mutations) => {
        const text = mutate(printJourneyText(doc), mutations);
        expectWellFormedResult(text, parseJourneyText(text));
      }),
      { numRuns: 300 },
    );
  });

  it('a very large journey still reads (no quadratic blow-up in spans)', () => {
    const nodes = Array.from({ length: 3000 }, (_, i) => `node n${i}: if (a > ${i} and b < ${i}) or not c in [1, 2] -> n${i + 1}\n    else -> n${i + 1}`);
    const text = `journey big version 1\nname zh "大" en "Big"\nentry on x -> n0\n${nodes.join('\n')}\nnode n3000: exit\n`;
    const { doc, diagnostics } = parseJourneyText(text);
    expect(diagnostics).toEqual([]);
    expect(doc?.nodes).toHaveLength(3001);
  });
});
