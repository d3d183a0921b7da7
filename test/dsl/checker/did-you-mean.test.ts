/** Suggestions for misspelt names. */
import { describe, expect, it } from 'vitest';
import { closestName, didYouMean, editDistance } from '../../../dsl/checker/did-you-mean.ts';

describe('did you mean', () => {
  it('counts edits, a swap of neighbours as one', () => {
    expect(editDistance('totalSpnd', 'totalSpend')).toBe(1);
    expect(editDistance('stgae', 'stage')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests the one close name, preferring a case slip', () => {
    expect(closestName('totalspend', ['totalSpend', 'totalSpent'])).toBe('totalSpend');
    expect(closestName('purchse', ['purchase', 'app_open'])).toBe('purchase');
    expect(didYouMean('totalSpnd', ['totalSpend'])).toBe(' — did you mean `totalSpend`?');
  });

  it('stays quiet when nothing is close, or two names are equally close', () => {
    expect(closestName('xyz', ['totalSpend'])).toBeUndefined();
    expect(closestName('g4', ['g1', 'g2', 'g3'])).toBeUndefined();
    expect(didYouMean('abc', [])).toBe('');
  });
});
