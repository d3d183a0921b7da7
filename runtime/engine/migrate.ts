/** Moving a customer's journey instance to a newer published version (publish with the `move` policy). Pure, like step. */
import type { Plan, PlanNode } from '../../dsl/compiler/plan.ts';
import type { StepContext } from './step-context.ts';
import { EffectOrdinals, emit } from './step-context.ts';
import { catchUpTimers, pruneState, workingCopy } from './step.ts';
import { clearWaitTimers, setTimer, timeoutFireAt, untilMoment } from './waits.ts';
import { runToWait } from './walk.ts';
import type { CustomerState, Effect, JourneyInstance, Millis, PlanSet, StepResult, Timer } from './types.ts';

export interface MigrationRequest {
  journeyId: string;
  /** The version to move to; it must be registered in `plans`. */
  version: number;
  /** Old node id → new node id, for nodes the new version no longer has. */
  mapping: Readonly<Record<string, string>>;
  at: Millis;
  /** Seeds the ids of the effects and timers the move produces. */
  inputId: string;
}

/** Where the instance goes in the new version: its own node when that still exists, else where the mapping says. */
export function migrationTarget(plan: Plan, node: string, mapping: Readonly<Record<string, string>>): string | undefined {
  if (plan.nodes.has(node)) return node;
  const mapped = Object.hasOwn(mapping, node) ? mapping[node] : undefined;
  return mapped !== undefined && plan.nodes.has(mapped) ? mapped : undefined;
}

/** The timer a wait node wants for a customer who arrived at it at `instance.nodeEnteredAt`, under the new plan. */
function plannedWaitTimer(ctx: StepContext, plan: Plan, instance: JourneyInstance, node: PlanNode): { fireAt: Millis; purpose: Timer['purpose'] } | undefined {
  if (node.kind !== 'wait') return undefined;
  switch (node.mode) {
    case 'delay':
      return { fireAt: instance.nodeEnteredAt + node.durationMs, purpose: 'wait' };
    case 'until':
      return { fireAt: untilMoment({ ...ctx, now: instance.nodeEnteredAt }, plan, node), purpose: 'wait' };
    case 'events':
      return { fireAt: timeoutFireAt(ctx, plan, instance, node), purpose: 'timeout' };
  }
}

/**
 * A customer staying on the same node: its wait timer is planned again from the moment it arrived,
 * under the new version's definition (a changed delay or timeout moves the timer; one already over
 * sends the customer on now). An unchanged timer is kept as it is.
 */
function replanWait(ctx: StepContext, plan: Plan, instance: JourneyInstance): void {
  const node = plan.nodes.get(instance.node);
  if (node === undefined) return;
  const wanted = plannedWaitTimer(ctx, plan, instance, node);
  const current = instance.timers.filter((t) => t.purpose !== 'deferred');
  if (wanted !== undefined && current.length === 1 && current[0]!.node === node.id && current[0]!.fireAt === wanted.fireAt && current[0]!.purpose === wanted.purpose) return;
  clearWaitTimers(ctx, instance);
  if (wanted === undefined || node.kind !== 'wait') return;
  if (wanted.fireAt > ctx.now) {
    setTimer(ctx, instance, node.id, wanted.fireAt, wanted.purpose);
  } else if (node.mode === 'events') {
    emit(ctx, instance, node.id, { kind: 'branch', branch: 'timeout', next: node.timeoutNext });
    runToWait(ctx, plan, instance, node.timeoutNext);
  } else {
    runToWait(ctx, plan, instance, node.next);
  }
}

/**
 * Moves the customer's active instance of `journeyId` from an older version to `version`:
 * overdue timers fire first (as in step); a customer on a node both versions have stays there with
 * its wait re-planned for the new definition; a customer on a removed node goes to the mapped node,
 * arriving there now (run-to-wait from it: stage changes, actions and waits happen as usual).
 * Unchanged (no effects) when the customer is not inside an older version, or its node is neither
 * kept nor mapped — it then finishes on its version.
 *
 * @example
 * const { state, effects } = migrateInstance(plans, state, { journeyId: 'ladder', version: 2, mapping: { wait_7d: 'wait_10d' }, at: now, inputId: 'migrate:ladder:2:c1' });
 */
export function migrateInstance(plans: PlanSet, state: CustomerState, request: MigrationRequest): StepResult {
  const working = workingCopy(state, state.customerId);
  const effects: Effect[] = [];
  catchUpTimers(plans, working, request.at, effects);
  const instance = Object.hasOwn(working.journeys, request.journeyId) ? working.journeys[request.journeyId] : undefined;
  const plan = plans.version(request.journeyId, request.version);
  const target = instance === undefined || plan === undefined ? undefined : migrationTarget(plan, instance.node, request.mapping);
  if (instance === undefined || plan === undefined || target === undefined || instance.status !== 'active' || instance.version >= request.version) {
    pruneState(plans, working, request.at);
    return { state: working, effects };
  }
  // Sends are always recorded here: a migration may move an instance to a version with caps, which only the closing prune sees.
  const ctx: StepContext = { plans, state: working, now: request.at, inputId: request.inputId, effects, ordinals: new EffectOrdinals(), recordsSends: true };
  if (target === instance.node) {
    instance.version = request.version;
    replanWait(ctx, plan, instance);
  } else {
    clearWaitTimers(ctx, instance);
    instance.version = request.version;
    runToWait(ctx, plan, instance, target);
  }
  pruneState(plans, working, request.at);
  return { state: working, effects };
}
