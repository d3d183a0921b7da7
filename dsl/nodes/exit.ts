/** `exit` node: the customer leaves the journey here, with an optional reason. */
import { z } from 'zod';
import { Identifier } from '../schema/common.ts';
import type { Edge } from './edges.ts';

export const ExitNode = z.strictObject({
  id: Identifier,
  kind: z.literal('exit'),
  reason: z.string().max(200).optional(),
});
export type ExitNode = z.infer<typeof ExitNode>;

export const exitEdges = (_node: ExitNode): Edge[] => [];
