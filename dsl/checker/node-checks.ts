/** Dispatches each node to its kind's check, which lives with the kind's schema in `dsl/nodes/<kind>.ts`. */
import { checkActionNode, checkConditionNode, checkSplitNode, checkStageNode, checkWaitNode, type JourneyNode } from '../nodes/index.ts';
import type { NodeCheckContext } from './context.ts';

/** Runs the kind-specific checks of one node (goal and exit nodes have none: any goal name and reason are fine). */
export function checkNode(node: JourneyNode, ctx: NodeCheckContext): void {
  switch (node.kind) {
    case 'stage':
      return checkStageNode(node, ctx);
    case 'condition':
      return checkConditionNode(node, ctx);
    case 'wait':
      return checkWaitNode(node, ctx);
    case 'split':
      return checkSplitNode(node, ctx);
    case 'action':
      return checkActionNode(node, ctx);
    case 'goal':
    case 'exit':
      return;
  }
}
