/** Compiles any node by handing it to its kind's compile function (each lives beside the kind's schema in dsl/nodes). */
import {
  compileActionNode,
  compileConditionNode,
  compileExitNode,
  compileGoalNode,
  compileSplitNode,
  compileStageNode,
  compileWaitNode,
  type JourneyNode,
} from '../nodes/index.ts';
import type { NodeCompileContext } from './context.ts';
import type { PlanNode } from './plan.ts';

/**
 * The plan form of one node.
 *
 * @example
 * compileNode({ id: 'done', kind: 'exit' }, ctx); // { kind: 'exit', id: 'done' }
 */
export function compileNode(node: JourneyNode, ctx: NodeCompileContext): PlanNode {
  switch (node.kind) {
    case 'stage':
      return compileStageNode(node);
    case 'condition':
      return compileConditionNode(node, ctx);
    case 'wait':
      return compileWaitNode(node, ctx);
    case 'split':
      return compileSplitNode(node);
    case 'action':
      return compileActionNode(node, ctx);
    case 'goal':
      return compileGoalNode(node);
    case 'exit':
      return compileExitNode(node);
  }
}
