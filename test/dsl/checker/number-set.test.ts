/** Interval sets over the reals and the integers. */
import { describe, expect, it } from 'vitest';
import { ALL_NUMBERS, comparisonSet, complement, describeInterval, intersect, isEmptySet, pointSet, sampleMember, union } from '../../../dsl/checker/number-set.ts';

describe('number sets', () => {
  const above45 = comparisonSet('greaterThanInclusive', 45);
  const below90 = comparisonSet('lessThan', 90);

  it('intersects comparisons into a range', () => {
    const range = intersect(above45, below90);
    expect(range.map((i) => describeInterval(i))).toEqual(['[45, 90)']);
    expect(sampleMember(range, true)).toBe(45);
  });

  it('knows an open interval between neighbouring integers is empty in the integers only', () => {
    const between = intersect(comparisonSet('greaterThan', 1), comparisonSet('lessThan', 2));
    expect(isEmptySet(between, true)).toBe(true);
    expect(sampleMember(between, false)).toBe(1.5);
  });

  it('takes complements and unions that round-trip', () => {
    const holes = complement(union(pointSet(3), pointSet(5)));
    expect(holes.map((i) => describeInterval(i))).toEqual(['< 3', '(3, 5)', '> 5']);
    expect(union(holes, union(pointSet(3), pointSet(5)))).toEqual(ALL_NUMBERS);
    expect(complement(ALL_NUMBERS)).toEqual([]);
  });

  it('finds members of sets unbounded on one side', () => {
    expect(sampleMember(below90, true)).toBe(89);
    expect(sampleMember(comparisonSet('lessThanInclusive', 89.5), true)).toBe(89);
    expect(sampleMember(comparisonSet('greaterThan', 7), true)).toBe(8);
    expect(sampleMember(ALL_NUMBERS, false)).toBe(0);
  });
});
