/** Run-to-wait: moves a journey instance through stage, condition, split, action and goal nodes until a wait or an exit. */
import type { Plan } from '../../dsl/compiler/plan.ts';
import { performAction } from './actions.ts';
import { splitBranch } from './split-bucket.ts';
import { emit, factsNow, indexedEdge, type StepContext } from './step-context.ts';
import { clearWaitTimers, enterWait } from './waits.ts';
import type { JourneyInstance } from './types.ts';

/** More node visits than this in one walk means a loop without a wait: the `loopGuard` stops it. */
export const MAX_WALK_STEPS = 1000;

/**
 * Ends the instance (mutating it): `exit` effect, wait timers cleared. Deferred messages still go
 * out when their window ends: they were due before the customer left.
 *
 * @example
 * exitInstance(ctx, instance, 'exit_bought', { completed: false, reason: 'purchased' });
 */
export function exitInstance(ctx: StepContext, instance: JourneyInstance, node: string, outcome: { completed: boolean; reason?: string }): void {
  clearWaitTimers(ctx, instance);
  instance.status = outcome.completed ? 'completed' : 'exited';
  instance.exitedAt = ctx.now;
  emit(ctx, instance, node, { kind: 'exit', completed: outcome.completed, ...(outcome.reason === undefined ? {} : { reason: outcome.reason }) });
}

/**
 * Walks from `start` (mutating the instance and the state) until the instance waits or leaves:
 * - `stage`: a `stage` effect (with `from`) when the stage changes; stageSince is reset then only;
 * - `condition`: the first branch whose condition holds, else `else` (a `branch` effect names the edge);
 * - `split`: the branch of the customer's stable bucket (see splitBranch);
 * - `action`: see performAction;
 * - `goal`: a `goal` effect, converted when reached within goalWindowMs of entering (inclusive);
 *   with no `next` it ends the journey, `completed` when converted;
 * - `exit`: an `exit` effect (not completed);
 * - `wait`: see enterWait; a wait already over is passed straight through.
 * More than MAX_WALK_STEPS visits emit `loopGuard` and leave the instance where it is.
 *
 * @example
 * runToWait(ctx, plan, instance, plan.entry.next);
 */
export function runToWait(ctx: StepContext, plan: Plan, instance: JourneyInstance, start: string): void {
  let nodeId = start;
  for (let visits = 1; ; visits++) {
    instance.node = nodeId;
    instance.nodeEnteredAt = ctx.now;
    if (visits > MAX_WALK_STEPS) {
      emit(ctx, instance, nodeId, { kind: 'loopGuard', steps: MAX_WALK_STEPS });
      return;
    }
    const node = plan.nodes.get(nodeId);
    if (node === undefined) {
      exitInstance(ctx, instance, nodeId, { completed: false, reason: `unknown node "${nodeId}"` });
      return;
    }
    switch (node.kind) {
      case 'stage':
        if (instance.stage !== node.stage) {
          emit(ctx, instance, nodeId, { kind: 'stage', stage: node.stage, ...(instance.stage === undefined ? {} : { from: instance.stage }) });
          instance.stage = node.stage;
          instance.stageSince = ctx.now;
        }
        nodeId = node.next;
        break;
      case 'condition': {
        const facts = factsNow(ctx, plan, instance);
        const index = node.branches.findIndex((branch) => branch.when(facts));
        const branch = node.branches[index];
        nodeId = branch === undefined ? node.else : branch.next;
        emit(ctx, instance, node.id, { kind: 'branch', branch: branch === undefined ? 'else' : indexedEdge('branch', index), next: nodeId });
        break;
      }
      case 'split': {
        const { index, branch } = splitBranch(ctx.state.customerId, plan.journeyId, node);
        nodeId = branch.next;
        emit(ctx, instance, node.id, { kind: 'branch', branch: indexedEdge('split', index), next: nodeId });
        break;
      }
      case 'action':
        performAction(ctx, plan, instance, node.id, node.action);
        nodeId = node.next;
        break;
      case 'goal': {
        const converted = plan.policies.goalWindowMs === undefined || ctx.now - instance.enteredAt <= plan.policies.goalWindowMs;
        emit(ctx, instance, node.id, { kind: 'goal', goal: node.goal, converted });
        if (node.next === undefined) {
          exitInstance(ctx, instance, node.id, { completed: converted, reason: node.goal });
          return;
        }
        nodeId = node.next;
        break;
      }
      case 'exit':
        exitInstance(ctx, instance, node.id, { completed: false, ...(node.reason === undefined ? {} : { reason: node.reason }) });
        return;
      case 'wait': {
        const next = enterWait(ctx, plan, instance, node);
        if (next === undefined) return;
        if (node.mode === 'events') emit(ctx, instance, node.id, { kind: 'branch', branch: 'timeout', next });
        nodeId = next;
        break;
      }
    }
  }
}
