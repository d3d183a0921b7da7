/** RFM scores (1–5) and the eight classic RFM groups, from the incrementally kept purchase facts. */
import { RFM_CUTOFFS, type RFM_SEGMENTS } from '../../dsl/facts.ts';
import { MS_PER_DAY } from './time-zone.ts';
import type { FactState, Millis } from './types.ts';

export type RfmSegment = (typeof RFM_SEGMENTS)[number];

export interface RfmScores {
  recency: number;
  frequency: number;
  monetary: number;
  segment: RfmSegment;
}

/** A score of 3 or more counts as "high" when placing a customer in a group. */
const HIGH_SCORE = 3;

/** A value at or beyond the n-th (0-based) cut-off scores n + 2; below every cut-off scores 1. */
function scoreAtLeast(value: number, cutoffs: readonly number[]): number {
  let score = 1;
  cutoffs.forEach((cutoff, n) => {
    if (value >= cutoff) score = n + 2;
  });
  return score;
}

/** Recency: fewer days since the last purchase is better; never purchased scores 1. */
function recencyScore(facts: FactState, now: Millis): number {
  if (facts.lastPurchaseAt === undefined) return 1;
  const days = Math.floor((now - facts.lastPurchaseAt) / MS_PER_DAY);
  let score = 1;
  RFM_CUTOFFS.recencyDays.forEach((cutoff, n) => {
    if (days <= cutoff) score = n + 2;
  });
  return score;
}

const SEGMENTS: Readonly<Record<string, RfmSegment>> = {
  HHH: 'important_value',
  HLH: 'important_develop',
  LHH: 'important_keep',
  LLH: 'important_retain',
  HHL: 'general_value',
  HLL: 'general_develop',
  LHL: 'general_keep',
  LLL: 'general_retain',
};

/**
 * The customer's R, F and M scores and group. Recency is days since the last purchase
 * (≤ 180 → 2, ≤ 90 → 3, ≤ 30 → 4, ≤ 7 → 5), frequency the number of purchases (≥ 2, 3, 5, 8),
 * monetary the total spend (≥ 200, 1000, 3000, 10000). Groups: important_* when M is high, then
 * value (R, F high), develop (R high, F low), keep (R low, F high), retain (both low).
 *
 * @example
 * rfmScores(state.facts, now); // { recency: 5, frequency: 2, monetary: 3, segment: 'important_develop' }
 */
export function rfmScores(facts: FactState, now: Millis): RfmScores {
  const recency = recencyScore(facts, now);
  const frequency = scoreAtLeast(facts.purchaseCount, RFM_CUTOFFS.frequency);
  const monetary = scoreAtLeast(facts.totalSpend, RFM_CUTOFFS.monetary);
  const key = [recency, frequency, monetary].map((s) => (s >= HIGH_SCORE ? 'H' : 'L')).join('');
  return { recency, frequency, monetary, segment: SEGMENTS[key] ?? 'general_retain' };
}
