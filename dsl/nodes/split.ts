/** `split` node: a random percentage split, deterministic per customer (experiments, holdout groups). */
import { z } from 'zod';
import { Identifier, NodeRef } from '../schema/common.ts';
import type { Edge } from './edges.ts';
import type { PlanSplit } from '../compiler/plan.ts';
import type { NodeCheckContext } from '../checker/context.ts';

export const SplitBranch = z.strictObject({
  label: z.string().max(200).optional(),
  percent: z.number().gt(0).max(100),
  next: NodeRef,
});

export const SplitNode = z.strictObject({
  id: Identifier,
  kind: z.literal('split'),
  branches: z.array(SplitBranch).min(2).max(20),
});
export type SplitNode = z.infer<typeof SplitNode>;

export const splitEdges = (node: SplitNode): Edge[] =>
  node.branches.map((b, i) => ({ handle: `split:${i}`, kind: 'split', label: b.label ?? `${b.percent}%`, target: b.next }));

/** Compiles a split node into its plan form (the engine hashes the customer id to pick a share). */
export const compileSplitNode = (node: SplitNode): PlanSplit => ({
  kind: 'split',
  id: node.id,
  branches: node.branches.map((b) => (b.label === undefined ? { percent: b.percent, next: b.next } : { label: b.label, percent: b.percent, next: b.next })),
});

/** Checks a split node: the shares must add up to 100%. */
export function checkSplitNode(node: SplitNode, ctx: NodeCheckContext): void {
  const total = node.branches.reduce((sum, b) => sum + b.percent, 0);
  if (Math.abs(total - 100) > 1e-9) {
    ctx.error('split-sum', `the split's shares add up to ${Math.round(total * 1000) / 1000}%, not 100%`, ['branches']);
  }
}
