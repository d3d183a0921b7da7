/** The span lookup: JSON paths of a parsed journey map to the text they came from, or to their nearest ancestor's. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TextSpan } from '../../../dsl/diagnostics.ts';
import { parseConditionText, parseJourneyText } from '../../../dsl/text/index.ts';

const text = readFileSync(join(import.meta.dirname, 'golden', 'dormancy-ladder.journey'), 'utf8');
const lines = text.split('\n');
const { spans, doc } = parseJourneyText(text);

/** The source text a span covers (spans here never cross lines). */
const covered = (span: TextSpan | undefined): string => {
  expect(span).toBeDefined();
  const s = span as TextSpan;
  expect(s.endLine).toBe(s.line);
  return (lines[s.line - 1] as string).slice(s.column - 1, s.endColumn - 1);
};

describe('span lookup', () => {
  it('finds nodes, branches, conditions and their parts', () => {
    expect(doc?.nodes[3]?.id).toBe('check');
    expect(covered(spans(['nodes', 3, 'id']))).toBe('check');
    expect(covered(spans(['nodes', 3, 'branches', 0, 'when']))).toBe('totalSpend >= 500 and "vip" in tags');
    expect(covered(spans(['nodes', 3, 'branches', 0, 'when', 'all', 0]))).toBe('totalSpend >= 500');
    expect(covered(spans(['nodes', 3, 'branches', 0, 'when', 'all', 1, 'value']))).toBe('"vip"');
    expect(covered(spans(['nodes', 3, 'branches', 0, 'when', 'all', 1, 'fact']))).toBe('tags');
    expect(covered(spans(['nodes', 3, 'branches', 0, 'when', 'all', 0, 'operator']))).toBe('>=');
    expect(covered(spans(['nodes', 3, 'branches', 0, 'label']))).toBe('"值得召回"');
    expect(covered(spans(['nodes', 3, 'else']))).toBe('give_up');
  });

  it('finds the document-level parts', () => {
    expect(covered(spans(['params', 'silentAfterDays', 'max']))).toBe('365');
    expect(covered(spans(['stages', 1, 'name', 'en']))).toBe('"Silent"');
    expect(covered(spans(['schema', 'events', 'purchase', 'amount']))).toBe('amount: number');
    expect(covered(spans(['entry', 'trigger', 'when', 'path']))).toBe('.amount');
    expect(covered(spans(['entry', 'cooldown']))).toBe('7d');
    expect(covered(spans(['policies', 'frequencyCaps', 0, 'per']))).toBe('1d');
    expect(covered(spans(['nodes', 1, 'timeout']))).toBe('silentAfterDays d');
    expect(covered(spans(['nodes', 1, 'timeout', 'param']))).toBe('silentAfterDays');
    expect(covered(spans(['nodes', 4, 'action', 'vars', 'coupon']))).toBe('coupon: "SAVE10"');
  });

  it('falls back to the nearest ancestor for paths with no span of their own', () => {
    expect(spans(['nodes', 3, 'branches', 0, 'when', 'all', 1, 'value', 'deeper'])).toEqual(spans(['nodes', 3, 'branches', 0, 'when', 'all', 1, 'value']));
    expect(spans(['nodes', 0, 'kind'])).toEqual(spans(['nodes', 0]));
    expect(spans(['nodes', 0])?.line).toBe(26);
    expect(spans(['nowhere'])).toEqual({ line: 1, column: 1, endLine: lines.length, endColumn: 1 });
  });

  it('covers a multi-line node statement', () => {
    expect(spans(['nodes', 6])).toEqual({ line: 34, column: 1, endLine: 36, endColumn: 27 });
  });

  it('works for a single condition too', () => {
    const result = parseConditionText('purchaseCount >= 1 and not ("vip" in tags or city == "上海")');
    expect(result.spans(['all', 1, 'not', 'any', 1, 'value'])).toEqual({ line: 1, column: 54, endLine: 1, endColumn: 58 });
    expect(result.spans(['all', 1])).toEqual({ line: 1, column: 24, endLine: 1, endColumn: 59 });
  });
});
