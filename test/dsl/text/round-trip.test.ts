/** The round-trip property: printing any valid document or condition and reading it back gives the same value. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConditionText, parseJourneyText, printConditionText, printJourneyText } from '../../../dsl/text/index.ts';
import { conditionArb, journeyDocumentArb } from '../arbitraries.ts';

describe('text form round trip', () => {
  it('parse(print(doc)) deep-equals doc for generated documents', () => {
    fc.assert(
      fc.property(journeyDocumentArb, (doc) => {
        const text = printJourneyText(doc);
        const parsed = parseJourneyText(text);
        expect(parsed.diagnostics, text).toEqual([]);
        expect(parsed.doc).toStrictEqual(doc);
      }),
      { numRuns: 300 },
    );
  });

  it('printing is stable: print(parse(print(doc))) is the same text', () => {
    fc.assert(
      fc.property(journeyDocumentArb, (doc) => {
        const text = printJourneyText(doc);
        const again = parseJourneyText(text).doc;
        expect(again).toBeDefined();
        expect(printJourneyText(again as typeof doc)).toBe(text);
      }),
      { numRuns: 100 },
    );
  });

  it('parseConditionText(printConditionText(c)) deep-equals c for generated conditions', () => {
    fc.assert(
      fc.property(conditionArb, (condition) => {
        const text = printConditionText(condition);
        const parsed = parseConditionText(text);
        expect(parsed.diagnostics, text).toEqual([]);
        expect(parsed.condition).toStrictEqual(condition);
      }),
      { numRuns: 1000 },
    );
  });
});
