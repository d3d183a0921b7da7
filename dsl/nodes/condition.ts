/** `condition` node: ordered branches, each guarded by a condition, plus an else branch. */
import { z } from 'zod';
import { Identifier, NodeRef } from '../schema/common.ts';
import { Condition } from '../schema/condition.ts';
import type { Edge } from './edges.ts';

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
