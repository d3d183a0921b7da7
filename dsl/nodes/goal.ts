/** `goal` node: records a conversion when reached (within the goal window); the journey may go on after it. */
import { z } from 'zod';
import { Identifier, NodeRef } from '../schema/common.ts';
import type { Edge } from './edges.ts';
import type { PlanGoal } from '../compiler/plan.ts';

export const GoalNode = z.strictObject({
  id: Identifier,
  kind: z.literal('goal'),
  goal: Identifier,
  next: NodeRef.optional(),
});
export type GoalNode = z.infer<typeof GoalNode>;

export const goalEdges = (node: GoalNode): Edge[] =>
  node.next === undefined ? [] : [{ handle: 'next', kind: 'next', label: '', target: node.next }];

/** Compiles a goal node into its plan form. */
export const compileGoalNode = (node: GoalNode): PlanGoal =>
  node.next === undefined ? { kind: 'goal', id: node.id, goal: node.goal } : { kind: 'goal', id: node.id, goal: node.goal, next: node.next };
