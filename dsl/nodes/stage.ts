/** `stage` node: marks the customer's lifecycle stage, which drives stage analytics. */
import { z } from 'zod';
import { Identifier, NodeRef } from '../schema/common.ts';
import type { Edge } from './edges.ts';

export const StageNode = z.strictObject({
  id: Identifier,
  kind: z.literal('stage'),
  stage: Identifier,
  next: NodeRef,
});
export type StageNode = z.infer<typeof StageNode>;

export const stageEdges = (node: StageNode): Edge[] => [{ handle: 'next', kind: 'next', label: '', target: node.next }];
