/** Branches of a condition node: overlaps decided by interval and set reasoning, ladders without gaps or overlaps, silence when undecidable. */
import { describe, expect, it } from 'vitest';
import type { Condition } from '../../../dsl/schema/condition.ts';
import { diagnosticsOf, nodeById, validJourney } from './fixtures.ts';

/** The branch diagnostics of the fixture's condition node with these branch conditions. */
function branchDiagnostics(...whens: Condition[]) {
  const doc = validJourney();
  doc.schema.profile.city = 'string';
  doc.schema.profile.birthday = 'timestamp';
  const node = nodeById(doc, 'bySpend');
  node.branches = whens.map((when, i) => ({ when, next: i === 0 ? 'wait90' : i === 1 ? 'tagVip' : 'callTask' }));
  return diagnosticsOf(doc).filter((d) => d.nodeId === 'bySpend');
}

const leaf = (fact: string, operator: string, value: unknown, extra: object = {}): Condition => ({ fact, operator, value, ...extra }) as Condition;
const days = (operator: string, value: number): Condition => leaf('daysSinceLastActivity', operator, value);

describe('overlapping branches', () => {
  it('finds a shared value in numeric comparisons and says which', () => {
    const [d] = branchDiagnostics({ any: [leaf('vipLevel', 'greaterThan', 3), leaf('optedOut', 'equal', true)] }, leaf('vipLevel', 'greaterThanInclusive', 5));
    expect(d).toMatchObject({ code: 'overlapping-branches', path: ['nodes', 5, 'branches', 1, 'when'] });
    expect(d!.message).toContain('vipLevel = 5');
  });

  it('accepts exclusive conditions: complementary ranges, disjoint sets, negations', () => {
    expect(branchDiagnostics({ any: [leaf('vipLevel', 'lessThan', 3), leaf('vipLevel', 'greaterThan', 8)] }, { all: [leaf('vipLevel', 'greaterThanInclusive', 3), leaf('vipLevel', 'lessThanInclusive', 8)] })).toEqual([]);
    expect(branchDiagnostics(leaf('grade', 'in', ['g1', 'g2']), leaf('grade', 'equal', 'g3'))).toEqual([]);
    expect(branchDiagnostics(leaf('city', 'equal', 'Shanghai'), { not: leaf('city', 'in', ['Shanghai', 'Beijing']) })).toEqual([]);
    expect(branchDiagnostics(leaf('tags', 'contains', 'vip'), leaf('tags', 'doesNotContain', 'vip'))).toEqual([]);
    expect(branchDiagnostics(leaf('optedOut', 'equal', true), leaf('optedOut', 'notEqual', true))).toEqual([]);
  });

  it('reasons about enum universes: notEqual on a three-value enum still overlaps', () => {
    const [d] = branchDiagnostics(leaf('grade', 'notEqual', 'g1'), leaf('grade', 'in', ['g1', 'g3']));
    expect(d?.code).toBe('overlapping-branches');
    expect(d!.message).toContain('grade = "g3"');
  });

  it('reasons in whole numbers for counts: > 1 and < 2 cannot both hold', () => {
    expect(branchDiagnostics(leaf('purchaseCount', 'greaterThan', 1), { all: [leaf('purchaseCount', 'lessThan', 2), leaf('tags', 'contains', 'x')] })).toEqual([]);
    expect(branchDiagnostics(leaf('vipLevel', 'greaterThan', 1), { all: [leaf('vipLevel', 'lessThan', 2), leaf('vipLevel', 'notEqual', 1.5)] })[0]?.code).toBe('overlapping-branches');
  });

  it('compares timestamps as instants', () => {
    const before = leaf('birthday', 'lessThan', '2010-01-01T00:00:00Z');
    expect(branchDiagnostics(before, leaf('birthday', 'greaterThanInclusive', '2010-01-01T00:00:00Z'))).toEqual([]);
    const [d] = branchDiagnostics(before, leaf('birthday', 'lessThan', '2000-01-01T00:00:00.000Z'));
    expect(d?.code).toBe('ladder-overlap');
    expect(d!.message).toContain('both cover birthday = "1999-12-31T23:59:59.999Z"');
  });

  it('treats one fact with different params as different facts', () => {
    const count = (event: string): Condition => leaf('eventCount', 'greaterThan', 0, { params: { event } });
    expect(branchDiagnostics(count('purchase'), { all: [count('app_open'), { not: count('purchase') }] })).toEqual([]);
    expect(branchDiagnostics(count('purchase'), { all: [count('purchase'), count('app_open')] })[0]?.code).toBe('overlapping-branches');
  });

  it('says nothing about branches on unrelated facts, which may be correlated', () => {
    expect(branchDiagnostics(leaf('purchaseCount', 'equal', 0), leaf('totalSpend', 'greaterThan', 100))).toEqual([]);
  });

  it('says nothing when a comparison with null is involved', () => {
    expect(branchDiagnostics(leaf('vipLevel', 'equal', null), leaf('vipLevel', 'greaterThan', 1))).toEqual([]);
  });

  it('flags a branch that always matches before another', () => {
    expect(branchDiagnostics({ all: [] }, leaf('vipLevel', 'greaterThan', 1)).map((d) => d.code)).toContain('overlapping-branches');
  });

  it('resolves params in conditions with the given values', () => {
    const doc = validJourney();
    doc.params.vipFrom = { type: 'number', default: 5 };
    nodeById(doc, 'bySpend').branches = [
      { when: leaf('vipLevel', 'lessThan', 5), next: 'wait90' },
      { when: { fact: 'vipLevel', operator: 'greaterThanInclusive', value: { param: 'vipFrom' } }, next: 'tagVip' },
    ];
    expect(diagnosticsOf(doc).filter((d) => d.nodeId === 'bySpend')).toEqual([]);
    expect(diagnosticsOf(doc, { vipFrom: 3 }).filter((d) => d.nodeId === 'bySpend').map((d) => d.code)).toEqual(['ladder-overlap']);
  });
});

describe('condition ladders', () => {
  it('accepts contiguous ranges in any branch order', () => {
    expect(branchDiagnostics({ all: [days('greaterThanInclusive', 45), days('lessThan', 90)] }, days('greaterThanInclusive', 90), days('lessThan', 45))).toEqual([]);
  });

  it('finds the gap of the issue: >= 45 and < 90, then >= 91', () => {
    const [d] = branchDiagnostics({ all: [days('greaterThanInclusive', 45), days('lessThan', 90)] }, days('greaterThanInclusive', 91));
    expect(d).toMatchObject({ code: 'ladder-gap', severity: 'error', path: ['nodes', 5, 'branches', 1, 'when'] });
    expect(d!.message).toContain('daysSinceLastActivity [90, 91) matches no branch');
  });

  it('sees no gap between <= 89 and >= 90 for whole days, but a fractional one for a real-valued fact', () => {
    expect(branchDiagnostics(days('lessThanInclusive', 89), days('greaterThanInclusive', 90))).toEqual([]);
    const [d] = branchDiagnostics(leaf('vipLevel', 'lessThanInclusive', 89), leaf('vipLevel', 'greaterThanInclusive', 90));
    expect(d).toMatchObject({ code: 'ladder-gap', severity: 'warning' });
  });

  it('finds overlaps, and gaps hidden behind a wide range', () => {
    const [overlap] = branchDiagnostics(days('lessThanInclusive', 45), days('greaterThanInclusive', 45));
    expect(overlap).toMatchObject({ code: 'ladder-overlap', path: ['nodes', 5, 'branches', 1, 'when'] });
    const codes = branchDiagnostics({ all: [days('greaterThanInclusive', 0), days('lessThan', 100)] }, { all: [days('greaterThanInclusive', 10), days('lessThan', 20)] }, { all: [days('greaterThanInclusive', 30), days('lessThan', 40)] }).map((d) => d.code);
    expect(codes).toEqual(['ladder-overlap', 'ladder-overlap']);
  });

  it('leaves a range below the first and above the last to else', () => {
    expect(branchDiagnostics({ all: [days('greaterThanInclusive', 30), days('lessThan', 45)] }, { all: [days('greaterThanInclusive', 45), days('lessThan', 90)] })).toEqual([]);
  });
});

describe('identical branches', () => {
  it('ignores key order', () => {
    const [d] = branchDiagnostics({ fact: 'vipLevel', operator: 'equal', value: 1 }, { value: 1, operator: 'equal', fact: 'vipLevel' } as Condition);
    expect(d).toMatchObject({ code: 'identical-branches', path: ['nodes', 5, 'branches', 1, 'when'] });
  });
});
