/** `stage` node: marks the customer's lifecycle stage, which drives stage analytics. */
import { z } from 'zod';
import { Identifier, NodeRef } from '../schema/common.ts';
import type { Edge } from './edges.ts';
import type { PlanStage } from '../compiler/plan.ts';
import type { NodeCheckContext } from '../checker/context.ts';

export const StageNode = z.strictObject({
  id: Identifier,
  kind: z.literal('stage'),
  stage: Identifier,
  next: NodeRef,
});
export type StageNode = z.infer<typeof StageNode>;

export const stageEdges = (node: StageNode): Edge[] => [{ handle: 'next', kind: 'next', label: '', target: node.next }];

/** Compiles a stage node into its plan form. */
export const compileStageNode = (node: StageNode): PlanStage => ({ kind: 'stage', id: node.id, stage: node.stage, next: node.next });

/** Checks a stage node: the stage it names must be declared. */
export function checkStageNode(node: StageNode, ctx: NodeCheckContext): void {
  ctx.checkStageId(node.stage, ['stage']);
}
