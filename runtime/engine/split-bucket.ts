/** Deterministic split assignment: a stable bucket per (customer, journey, node) mapped onto cumulative percentages. */
import type { PlanSplit } from '../../dsl/compiler/plan.ts';
import { hash32 } from './stable-hash.ts';

/**
 * The customer's bucket for a split node, uniform in [0, 100): the same on every run and platform.
 *
 * @example
 * splitBucket('c-1', 'welcome', 'ab_test'); // e.g. 42.17…
 */
export function splitBucket(customerId: string, journeyId: string, nodeId: string): number {
  return (hash32(customerId, journeyId, nodeId) / 2 ** 32) * 100;
}

/**
 * The branch of a split node the customer falls in: the first whose cumulative percentage exceeds
 * the bucket (percentages summing to less than 100 leave the rest to the last branch).
 *
 * @example
 * splitBranch('c-1', 'welcome', splitNode).branch.next; // 'variant_a' for about 50% of customers
 */
export function splitBranch(customerId: string, journeyId: string, node: PlanSplit): { index: number; branch: PlanSplit['branches'][number] } {
  const bucket = splitBucket(customerId, journeyId, node.id);
  let cumulative = 0;
  for (const [index, branch] of node.branches.entries()) {
    cumulative += branch.percent;
    if (bucket < cumulative) return { index, branch };
  }
  const index = node.branches.length - 1;
  return { index, branch: node.branches[index]! };
}
