/** Every node kind, and the one place that lists them. */
import { z } from 'zod';
import { ActionNode, actionEdges } from './action.ts';
import { ConditionNode, conditionEdges } from './condition.ts';
import type { Edge } from './edges.ts';
import { ExitNode, exitEdges } from './exit.ts';
import { GoalNode, goalEdges } from './goal.ts';
import { SplitNode, splitEdges } from './split.ts';
import { StageNode, stageEdges } from './stage.ts';
import { WaitNode, waitEdges } from './wait.ts';

export const NODE_KINDS = ['stage', 'condition', 'wait', 'split', 'action', 'goal', 'exit'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const JourneyNode = z.union([StageNode, ConditionNode, WaitNode, SplitNode, ActionNode, GoalNode, ExitNode]);
export type JourneyNode = z.infer<typeof JourneyNode>;

/** The outgoing edges of any node, in handle order. */
export function nodeEdges(node: JourneyNode): Edge[] {
  switch (node.kind) {
    case 'stage':
      return stageEdges(node);
    case 'condition':
      return conditionEdges(node);
    case 'wait':
      return waitEdges(node);
    case 'split':
      return splitEdges(node);
    case 'action':
      return actionEdges(node);
    case 'goal':
      return goalEdges(node);
    case 'exit':
      return exitEdges(node);
  }
}

export type { Edge, EdgeKind } from './edges.ts';
export * from './action.ts';
export * from './condition.ts';
export * from './exit.ts';
export * from './goal.ts';
export * from './split.ts';
export * from './stage.ts';
export * from './wait.ts';
