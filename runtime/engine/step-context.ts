/** The working set of one engine step (one input): the state being changed, the instant, and the effects emitted so far. */
import type { FactReader, Plan, PlanAction } from '../../dsl/compiler/plan.ts';
import { factReaderFor } from './fact-reader.ts';
import { hash128Id, hash128State, type Hash128State } from './stable-hash.ts';
import type { CustomerState, Effect, JourneyInstance, Millis, PlanSet } from './types.ts';

/** Distributes `Omit` over the effect union, so each kind keeps its own fields. */
export type EffectPayload = Effect extends infer E ? (E extends Effect ? Omit<E, 'id' | 'at' | 'customerId' | 'journeyId' | 'version' | 'node' | 'inputId'> : never) : never;

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
   * The hash of the key up to the node and input id (journey, version, customer, node, input) last
   * used: an input's effects mostly come in runs at one node (timerCleared, branch, timerSet), which
   * then only hash their ordinal; a timer and the timerSet effect announcing it share their key.
   */
  keyAtNode?: { journeyId: string; version: number; node: string; hash: Hash128State };
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

/** The journey and version an effect belongs to. */
export type EffectOwner = Pick<JourneyInstance, 'journeyId' | 'version'>;

/** The hash of (journey, version, customer, node, input id), from the context's cache when the node is the last one used. */
function keyAtNode(ctx: StepContext, owner: EffectOwner, node: string): Hash128State {
  let atNode = ctx.keyAtNode;
  if (atNode === undefined || atNode.node !== node || atNode.journeyId !== owner.journeyId || atNode.version !== owner.version) {
    const hash = hash128State(owner.journeyId, String(owner.version), ctx.state.customerId, node, ctx.inputId);
    atNode = { journeyId: owner.journeyId, version: owner.version, node, hash };
    ctx.keyAtNode = atNode;
  }
  return atNode.hash;
}

/**
 * The id the next effect of this journey will get, with another prefix: how timers get ids that
 * are deterministic and unique (the timerSet effect that announces a timer shares its hash).
 *
 * @example
 * const timerId = nextTimerId(ctx, instance, 'wait_30'); // 'tm_…', then emit(ctx, instance, 'wait_30', { kind: 'timerSet', … })
 */
export function nextTimerId(ctx: StepContext, owner: EffectOwner, node: string): string {
  return hash128Id('tm_', keyAtNode(ctx, owner, node), String(ctx.ordinals.peek(owner.journeyId)));
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

/** A payload whose action and timer are copies, so an effect never aliases the plan or the state. */
function unaliased(payload: EffectPayload): EffectPayload {
  if ('action' in payload) return { ...payload, action: copyAction(payload.action) };
  if ('timer' in payload) return { ...payload, timer: { ...payload.timer } };
  return payload;
}

/**
 * Appends an effect with its deterministic id: a hash of (journey, version, customer, node, input
 * id, ordinal of the effect among this journey's effects for this input).
 *
 * @example
 * emit(ctx, instance, 'stage_active', { kind: 'stage', stage: 'active' });
 */
export function emit(ctx: StepContext, owner: EffectOwner, node: string, payload: EffectPayload): Effect {
  const ordinal = ctx.ordinals.take(owner.journeyId);
  const effect = {
    id: hash128Id('ef_', keyAtNode(ctx, owner, node), String(ordinal)),
    at: ctx.now,
    customerId: ctx.state.customerId,
    journeyId: owner.journeyId,
    version: owner.version,
    node,
    inputId: ctx.inputId,
    ...unaliased(payload),
  } as Effect;
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
