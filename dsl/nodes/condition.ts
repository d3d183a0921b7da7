/** `condition` node: ordered branches, each guarded by a condition, plus an else branch. */
import { z } from 'zod';
import { Identifier, NodeRef } from '../schema/common.ts';
import { Condition } from '../schema/condition.ts';
import type { Edge } from './edges.ts';
import type { NodeCompileContext } from '../compiler/context.ts';
import type { PlanCondition } from '../compiler/plan.ts';
import type { NodeCheckContext } from '../checker/context.ts';

export const ConditionBranch = z.strictObject({
  label: z.string().max(200).optional(),
  when: Condition,
  next: NodeRef,
});
export type ConditionBranch = z.infer<typeof ConditionBranch>;

export const ConditionNode = z.strictObject({
  id: Identifier,
  kind: z.literal('condition'),
  branches: z.array(ConditionBranch).min(1).max(50),
  else: NodeRef,
});
export type ConditionNode = z.infer<typeof ConditionNode>;

export const conditionEdges = (node: ConditionNode): Edge[] => [
  ...node.branches.map((b, i): Edge => ({ handle: `branch:${i}`, kind: 'branch', label: b.label ?? `#${i + 1}`, target: b.next })),
  { handle: 'else', kind: 'else', label: 'else', target: node.else },
];

/** Compiles a condition node: each branch's `when` becomes a closure; branches keep their order (first match wins). */
export const compileConditionNode = (node: ConditionNode, ctx: NodeCompileContext): PlanCondition => ({
  kind: 'condition',
  id: node.id,
  branches: node.branches.map((b, i) => {
    const when = ctx.condition(b.when, ['branches', i, 'when']);
    return b.label === undefined ? { when, next: b.next } : { label: b.label, when, next: b.next };
  }),
  else: node.else,
});

/** Checks a condition node: each branch's condition, then the branches against each other (exclusive, distinct, gapless ladders). */
export function checkConditionNode(node: ConditionNode, ctx: NodeCheckContext): void {
  node.branches.forEach((b, i) => ctx.checkCondition(b.when, ['branches', i, 'when'], {}));
  ctx.checkBranches(node.branches, []);
}
