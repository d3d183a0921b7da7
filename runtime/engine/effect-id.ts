/** Effect and timer ids: deterministic hashes of where an effect happened, made only when someone reads them. */
import { absorbPart, copyHash128State, hash128IdWithOrdinal, newHash128State, restartHash128, type Hash128State } from './stable-hash.ts';
import type { Effect } from './types.ts';

/**
 * The hash of the key up to the node and input id (journey, version, customer, node, input) last
 * used, with what it was hashed from: an input's effects mostly come in runs at one node
 * (timerCleared, branch, timerSet), which then only hash their ordinal; a timer and the timerSet
 * effect announcing it share their key. One per module: the key is compared in full, so a hit is
 * always the right hash, whoever asked before.
 */
const nodeKey = { journeyId: '', version: Number.NaN, customerId: '', node: '', inputId: '', hash: newHash128State() };

/** The hash of (journey, version, customer) last used: the part every node of one input's journey shares. */
const ownerKey = { journeyId: '', version: Number.NaN, customerId: '', hash: newHash128State() };

/** The hash of (journey, version) last used: what every customer of the journey shares, so a new customer only adds its id. */
const planKey = { journeyId: '', version: Number.NaN, hash: newHash128State() };

/**
 * The running hash of (journey, version, customer, node, input id), from the module's cache when the
 * key is the last one used. The returned state is the cache's own: read it before the next call.
 *
 * @example
 * hash128IdWithOrdinal('tm_', keyHash('ladder', 1, 'c1', 'wait_30', 'm1'), 0); // the id of the node's first timer for input m1
 */
export function keyHash(journeyId: string, version: number, customerId: string, node: string, inputId: string): Hash128State {
  if (nodeKey.node === node && nodeKey.inputId === inputId && nodeKey.customerId === customerId && nodeKey.journeyId === journeyId && nodeKey.version === version) {
    return nodeKey.hash;
  }
  if (ownerKey.customerId !== customerId || ownerKey.journeyId !== journeyId || ownerKey.version !== version) {
    if (planKey.journeyId !== journeyId || planKey.version !== version) {
      restartHash128(planKey.hash);
      absorbPart(planKey.hash, journeyId, false);
      absorbPart(planKey.hash, String(version), true);
      planKey.journeyId = journeyId;
      planKey.version = version;
    }
    copyHash128State(planKey.hash, ownerKey.hash);
    absorbPart(ownerKey.hash, customerId, true);
    ownerKey.journeyId = journeyId;
    ownerKey.version = version;
    ownerKey.customerId = customerId;
  }
  copyHash128State(ownerKey.hash, nodeKey.hash);
  absorbPart(nodeKey.hash, node, true);
  absorbPart(nodeKey.hash, inputId, true);
  nodeKey.journeyId = journeyId;
  nodeKey.version = version;
  nodeKey.customerId = customerId;
  nodeKey.node = node;
  nodeKey.inputId = inputId;
  return nodeKey.hash;
}

/** The fields an effect's id is made of. */
export type EffectKey = Pick<Effect, 'journeyId' | 'version' | 'customerId' | 'node' | 'inputId' | 'ordinal' | 'id'>;

/**
 * An effect's id: `ef_` and a 128-bit hash (32 hex digits) of its journey, version, customer, node,
 * input id and ordinal. Stable across runs, processes and releases, so a consumer can drop an effect
 * it has seen before (an outbox, a webhook's idempotency key). The engine does not make ids itself:
 * most effects of a simulation are only counted, and the id was a fifth of an effect's cost.
 *
 * @example
 * const seen = new Set<string>();
 * for (const effect of step(plans, state, input).effects) if (!seen.has(effectId(effect))) seen.add(effectId(effect)), deliver(effect);
 */
export function effectId(effect: EffectKey): string {
  if (effect.id !== undefined) return effect.id;
  return hash128IdWithOrdinal('ef_', keyHash(effect.journeyId, effect.version, effect.customerId, effect.node, effect.inputId), effect.ordinal);
}

/** An effect as it leaves the runtime (a customer's timeline over HTTP, an export): its id first, in place of its ordinal. */
export type IdentifiedEffect = Effect extends infer E ? (E extends Effect ? { id: string } & Omit<E, 'ordinal' | 'id'> : never) : never;

/**
 * The effect with its id, for readers outside the runtime that were given ids, never ordinals.
 *
 * @example
 * JSON.stringify(identifiedEffect(effect)); // '{"id":"ef_…","at":…,"customerId":"c1",…}'
 */
export function identifiedEffect(effect: Effect): IdentifiedEffect {
  const { ordinal: _ordinal, id: _id, ...fields } = effect;
  return { id: effectId(effect), ...fields } as IdentifiedEffect;
}
