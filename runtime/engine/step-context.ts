/** The working set of one engine step (one input): the state being changed, the instant, and the effects emitted so far. */
import type { FactReader, Plan, PlanAction } from '../../dsl/compiler/plan.ts';
import { factReaderFor } from './fact-reader.ts';
import { keyHash } from './effect-id.ts';
import { hash128IdWithOrdinal } from './stable-hash.ts';
import type { CustomerState, Effect, JourneyInstance, Millis, PlanSet, Timer } from './types.ts';

/** Distributes `Omit` over the effect union, so each kind keeps its own fields. */
export type EffectPayload = Effect extends infer E ? (E extends Effect ? Omit<E, 'id' | 'ordinal' | 'at' | 'customerId' | 'journeyId' | 'version' | 'node' | 'inputId'> : never) : never;

export interface StepContext {
  readonly plans: PlanSet;
  /** A private copy of the customer's state; the step changes it in place. */
  readonly state: CustomerState;
  readonly now: Millis;
  readonly inputId: string;
  /** The current event, when the input is one. */
  readonly event?: { name: string; properties: Readonly<Record<string, unknown>> };
  readonly effects: Effect[];
  /** Effects emitted so far per journey in this input: the ordinal part of effect ids. */
  readonly ordinals: EffectOrdinals;
  /**
   * Whether sends are remembered for frequency caps. False when no plan in play has a cap: the
   * step's closing prune would drop them again, and each dropped channel turned the customer's
   * `sends` record into a dictionary that every later prune enumerated slowly.
   */
  readonly recordsSends: boolean;
}

/**
 * Effects emitted so far per journey in one input. A step's effects come journey by journey, so
 * one counter serves until a second journey emits (a Map per input was most of a step's garbage).
 *
 * @example
 * const ordinals = new EffectOrdinals();
 * ordinals.take('ladder'); // 0, then 1, …
 */
export class EffectOrdinals {
  private journeyId: string | undefined;
  private count = 0;
  private others: Map<string, number> | undefined;

  /** The ordinal the journey's next effect will get. */
  peek(journeyId: string): number {
    if (journeyId === this.journeyId) return this.count;
    return this.others?.get(journeyId) ?? 0;
  }

  /** The ordinal of the journey's next effect, counted. */
  take(journeyId: string): number {
    if (journeyId !== this.journeyId) {
      if (this.journeyId !== undefined) (this.others ??= new Map()).set(this.journeyId, this.count);
      this.count = this.others?.get(journeyId) ?? 0;
      this.journeyId = journeyId;
    }
    return this.count++;
  }
}

const edgeLabels = new Map<string, string[]>();

/**
 * The handle of an indexed edge (`branch:0`, `event:2`, `split:1`), one string per handle for the
 * whole process rather than one per effect.
 *
 * @example
 * indexedEdge('event', 0); // 'event:0'
 */
export function indexedEdge(kind: 'branch' | 'event' | 'split', index: number): string {
  let labels = edgeLabels.get(kind);
  if (labels === undefined) edgeLabels.set(kind, (labels = []));
  return (labels[index] ??= `${kind}:${index}`);
}

/** The journey and version an effect belongs to. */
export type EffectOwner = Pick<JourneyInstance, 'journeyId' | 'version'>;

/**
 * The id the next effect of this journey will get, with another prefix: how timers get ids that
 * are deterministic and unique (the timerSet effect that announces a timer shares its hash).
 *
 * @example
 * const timerId = nextTimerId(ctx, instance, 'wait_30'); // 'tm_…', then emit(ctx, instance, 'wait_30', { kind: 'timerSet', … })
 */
export function nextTimerId(ctx: StepContext, owner: EffectOwner, node: string): string {
  return hash128IdWithOrdinal('tm_', keyHash(owner.journeyId, owner.version, ctx.state.customerId, node, ctx.inputId), ctx.ordinals.peek(owner.journeyId));
}

/**
 * A copy of a plan action (actions are flat but for `vars` and `payload`, records of scalars), so
 * what leaves the engine never aliases the plan.
 *
 * @example
 * copyAction({ type: 'message', channel: 'sms', template: 'hi', vars: { name: 'A' } }); // a new object, a new vars
 */
export function copyAction<A extends PlanAction>(action: A): A {
  const copy: PlanAction = { ...action };
  if (copy.type === 'message' && copy.vars !== undefined) copy.vars = { ...copy.vars };
  if (copy.type === 'webhook' && copy.payload !== undefined) copy.payload = { ...copy.payload };
  return copy as A;
}

/** A copy of a timer the engine made (its fields in the order setTimer writes them), so a timerSet effect never aliases the state. */
const copyTimer = (timer: Timer): Timer => ({ id: timer.id, journeyId: timer.journeyId, node: timer.node, fireAt: timer.fireAt, purpose: timer.purpose });

/**
 * The effect with its common fields first and the payload's after them, in the payload's order,
 * actions and timers copied. One literal per kind instead of spreading the payload: a spread after
 * other fields takes V8's generic copy, which was a tenth of a simulated year.
 */
function effectOf(ordinal: number, ctx: StepContext, owner: EffectOwner, node: string, payload: EffectPayload): Effect {
  const at = ctx.now;
  const customerId = ctx.state.customerId;
  const journeyId = owner.journeyId;
  const version = owner.version;
  const inputId = ctx.inputId;
  switch (payload.kind) {
    case 'entered':
      return { at, customerId, journeyId, version, node, inputId, ordinal, kind: 'entered' };
    case 'stage':
      return payload.from === undefined
        ? { at, customerId, journeyId, version, node, inputId, ordinal, kind: 'stage', stage: payload.stage }
        : { at, customerId, journeyId, version, node, inputId, ordinal, kind: 'stage', stage: payload.stage, from: payload.from };
    case 'branch':
      return { at, customerId, journeyId, version, node, inputId, ordinal, kind: 'branch', branch: payload.branch, next: payload.next };
    case 'action':
      return { at, customerId, journeyId, version, node, inputId, ordinal, kind: 'action', action: copyAction(payload.action) };
    case 'task':
      return { at, customerId, journeyId, version, node, inputId, ordinal, kind: 'task', task: payload.task };
    case 'timerSet':
      return { at, customerId, journeyId, version, node, inputId, ordinal, kind: 'timerSet', timer: copyTimer(payload.timer) };
    case 'timerCleared':
      return { at, customerId, journeyId, version, node, inputId, ordinal, kind: 'timerCleared', timerId: payload.timerId };
    case 'goal':
      return { at, customerId, journeyId, version, node, inputId, ordinal, kind: 'goal', goal: payload.goal, converted: payload.converted };
    case 'exit':
      return payload.reason === undefined
        ? { at, customerId, journeyId, version, node, inputId, ordinal, kind: 'exit', completed: payload.completed }
        : { at, customerId, journeyId, version, node, inputId, ordinal, kind: 'exit', completed: payload.completed, reason: payload.reason };
    case 'suppressed':
      return { at, customerId, journeyId, version, node, inputId, ordinal, kind: 'suppressed', reason: payload.reason, action: copyAction(payload.action) };
    case 'deferred':
      return { at, customerId, journeyId, version, node, inputId, ordinal, kind: 'deferred', until: payload.until, action: copyAction(payload.action) };
    case 'loopGuard':
      return { at, customerId, journeyId, version, node, inputId, ordinal, kind: 'loopGuard', steps: payload.steps };
  }
}

/**
 * Appends an effect with its ordinal among this journey's effects for this input, which with its
 * other common fields makes its id (effectId). A payload field that is undefined (`from`, `reason`)
 * is left out of the effect.
 *
 * @example
 * emit(ctx, instance, 'stage_active', { kind: 'stage', stage: 'active' });
 */
export function emit(ctx: StepContext, owner: EffectOwner, node: string, payload: EffectPayload): Effect {
  const ordinal = ctx.ordinals.take(owner.journeyId);
  const effect = effectOf(ordinal, ctx, owner, node, payload);
  ctx.effects.push(effect);
  return effect;
}

/**
 * The facts a condition sees at this point of the step (the current event included, if any).
 *
 * @example
 * node.when(factsNow(ctx, plan, instance));
 */
export function factsNow(ctx: StepContext, plan: Plan, instance: JourneyInstance | undefined): FactReader {
  return factReaderFor(ctx.state, instance, plan, ctx.now, ctx.event?.properties);
}
