/** Diagnostics carry text positions from a span lookup (the text parser's), and come out sorted by position. */
import { describe, expect, it } from 'vitest';
import { checkJourney } from '../../../dsl/checker/index.ts';
import type { TextSpan } from '../../../dsl/diagnostics.ts';
import { JourneyDocument } from '../../../dsl/schema/document.ts';
import { parseJourneyText, printJourneyText } from '../../../dsl/text/index.ts';
import { nodeById, validJourney } from './fixtures.ts';

const fixtureText = (): string => printJourneyText(JourneyDocument.parse(validJourney()));

/** The 1-based line and column of the first occurrence of `needle` in `text`. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const before = text.slice(0, text.indexOf(needle));
  const lines = before.split('\n');
  return { line: lines.length, column: lines.at(-1)!.length + 1 };
}

describe('text positions', () => {
  it('points at the misspelt fact in the text form', () => {
    const text = fixtureText().replace('if totalSpend < 500', 'if totalSpnd < 500');
    const parsed = parseJourneyText(text);
    const { diagnostics } = checkJourney(parsed.doc, { spans: parsed.spans });
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'unknown-fact', nodeId: 'bySpend', span: positionOf(text, 'totalSpnd') });
  });

  it('points at a ladder rung that goes down', () => {
    const text = fixtureText().replace('timeout 90d', 'timeout 20d');
    const parsed = parseJourneyText(text);
    const [d] = checkJourney(parsed.doc, { spans: parsed.spans }).diagnostics;
    expect(d).toMatchObject({ code: 'ladder-order', nodeId: 'wait90' });
    expect(d!.span!.line).toBe(positionOf(text, 'timeout 20d').line);
  });

  it('sorts by line and column when spans are known, whatever the document order', () => {
    const doc = validJourney();
    nodeById(doc, 'markActive').stage = 'activ';
    nodeById(doc, 'lostExit').kind = 'exit';
    doc.layout.ghost = { x: 0, y: 0 };
    const lines: Record<string, number> = { layout: 1, nodes: 2 };
    const spans = (path: readonly (string | number)[]): TextSpan => {
      const line = lines[String(path[0])] ?? 3;
      return { line, column: 1, endLine: line, endColumn: 2 };
    };
    const codes = checkJourney(doc, { spans }).diagnostics.map((d) => [d.code, d.span?.line]);
    expect(codes).toEqual([
      ['layout-unknown-node', 1],
      ['unknown-stage', 2],
      ['unused-stage', 3],
    ]);
  });

  it('sorts by the document as written when there are no spans', () => {
    const doc = validJourney();
    nodeById(doc, 'markActive').stage = 'activ';
    doc.layout.ghost = { x: 0, y: 0 };
    expect(checkJourney(doc).diagnostics.map((d) => d.code)).toEqual(['unused-stage', 'unknown-stage', 'layout-unknown-node']);
  });
});
