/** `goal` node: records a conversion when reached (within the goal window); the journey may go on after it. */
import { z } from 'zod';
import { Identifier, NodeRef } from '../schema/common.ts';
import type { Edge } from './edges.ts';

export const GoalNode = z.strictObject({
  id: Identifier,
  kind: z.literal('goal'),
  goal: Identifier,
  next: NodeRef.optional(),
});
export type GoalNode = z.infer<typeof GoalNode>;

export const goalEdges = (node: GoalNode): Edge[] =>
  node.next === undefined ? [] : [{ handle: 'next', kind: 'next', label: '', target: node.next }];
