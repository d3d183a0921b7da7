/** `exit` node: the customer leaves the journey here, with an optional reason. */
import { z } from 'zod';
import { Identifier } from '../schema/common.ts';
import type { Edge } from './edges.ts';
import type { PlanExit } from '../compiler/plan.ts';

export const ExitNode = z.strictObject({
  id: Identifier,
  kind: z.literal('exit'),
  reason: z.string().max(200).optional(),
});
export type ExitNode = z.infer<typeof ExitNode>;

export const exitEdges = (_node: ExitNode): Edge[] => [];

/** Compiles an exit node into its plan form. */
export const compileExitNode = (node: ExitNode): PlanExit =>
  node.reason === undefined ? { kind: 'exit', id: node.id } : { kind: 'exit', id: node.id, reason: node.reason };
