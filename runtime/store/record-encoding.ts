/** The journal's form of a commit record: its lines, each effect without the fields it shares with its record and the effect before it. */
import { effectId, type EffectKey, type IdentifiedEffect } from '../engine/effect-id.ts';
import { EffectOrdinals, type EffectPayload } from '../engine/step-context.ts';
import type { CustomerState, Effect, Millis, Timer } from '../engine/types.ts';
import type { StoreOp } from './state-model.ts';
import type { CommitRecord } from './types.ts';

/**
 * Where an effect differs from what its position implies: the record's customer, its input's id and
 * time, the journey and version of the effect before it, its ordinal (see PositionOrdinals). Catch-up
 * timers (their own id and time), a schedule tick (the tick's id) and a second journey's effects are
 * the cases that state anything. The id written before the node makes the ordinal redundant for any
 * reader that takes the id as written; this one derives the id from the ordinal when asked.
 */
interface EffectContext {
  customerId?: string;
  at?: Millis;
  inputId?: string;
  journeyId?: string;
  version?: number;
  ordinal?: number;
}

/**
 * The ordinal an effect's position in its record implies: its place among the record's effects of
 * its journey for its input, counted afresh at each new input id (a catch-up timer's effects, then
 * the input's own). The engine's ordinals are exactly these; an effect whose ordinal is not (none
 * are known) states it in its context.
 */
class PositionOrdinals {
  private inputId: string | undefined;
  private ordinals = new EffectOrdinals();

  next(inputId: string, journeyId: string): number {
    if (inputId !== this.inputId) {
      this.inputId = inputId;
      this.ordinals = new EffectOrdinals();
    }
    return this.ordinals.take(journeyId);
  }
}

/**
 * An effect's own fields; a timerSet's timer is left out when the record's state holds that very timer
 * (the usual case: the wait it was set for is still pending).
 */
type EncodedPayload = EffectPayload | { kind: 'timerSet' };

/** `[id, node, payload]`, with the context when it differs from the implied one. */
export type EncodedEffect = [id: string, node: string, payload: EncodedPayload] | [id: string, node: string, payload: EncodedPayload, context: EffectContext];

/** A commit record as a journal line holds it: input, state and revision as they are, effects encoded. */
export interface EncodedRecord {
  input: CommitRecord['input'];
  state: CommitRecord['state'];
  baseRevision: number;
  effects: EncodedEffect[];
}

/**
 * The fields an effect has beyond the common ones, in the order the engine writes them (see effectOf in
 * engine/step-context.ts), so that decoding gives back the same object, key order included. One literal
 * per kind rather than a rest pattern, which takes V8's generic copy for every effect.
 */
function payloadOf(effect: Effect, id: string, state: CustomerState): EncodedPayload {
  switch (effect.kind) {
    case 'entered':
      return { kind: 'entered' };
    case 'stage':
      return effect.from === undefined ? { kind: 'stage', stage: effect.stage } : { kind: 'stage', stage: effect.stage, from: effect.from };
    case 'branch':
      return { kind: 'branch', branch: effect.branch, next: effect.next };
    case 'action':
      return { kind: 'action', action: effect.action };
    case 'task':
      return { kind: 'task', task: effect.task };
    case 'timerSet':
      return stateHoldsTimer(state, effect, id) ? { kind: 'timerSet' } : { kind: 'timerSet', timer: effect.timer };
    case 'timerCleared':
      return { kind: 'timerCleared', timerId: effect.timerId };
    case 'goal':
      return { kind: 'goal', goal: effect.goal, converted: effect.converted };
    case 'exit':
      return effect.reason === undefined ? { kind: 'exit', completed: effect.completed } : { kind: 'exit', completed: effect.completed, reason: effect.reason };
    case 'suppressed':
      return { kind: 'suppressed', reason: effect.reason, action: effect.action };
    case 'deferred':
      return { kind: 'deferred', until: effect.until, action: effect.action };
    case 'loopGuard':
      return { kind: 'loopGuard', steps: effect.steps };
  }
}

/** The timer `timerId` of the customer's instance of the journey, if it is pending there. */
function pendingTimer(state: CustomerState, journeyId: string, timerId: string): Timer | undefined {
  const instance = Object.hasOwn(state.journeys, journeyId) ? state.journeys[journeyId] : undefined;
  return instance?.timers.find((timer) => timer.id === timerId);
}

/** A timer's id as the engine derives it from the timerSet effect announcing it (both share one hash). */
const impliedTimerId = (effectId: string): string => `tm_${effectId.slice(3)}`;

/** Whether the record's state holds, field for field, the timer a timerSet effect announces, under the id the effect's id implies. */
function stateHoldsTimer(state: CustomerState, effect: Extract<Effect, { kind: 'timerSet' }>, id: string): boolean {
  const { timer } = effect;
  if (timer.id !== impliedTimerId(id)) return false;
  const held = pendingTimer(state, effect.journeyId, timer.id);
  return held !== undefined && held.journeyId === timer.journeyId && held.node === timer.node && held.fireAt === timer.fireAt && held.purpose === timer.purpose;
}

/**
 * The record with its effects encoded. Nothing is copied but the effects' outer objects: the encoded
 * record shares input, state and payload objects with the original (it is serialised right away).
 *
 * @example
 * const line = JSON.stringify(encodeRecord(record)); // a quarter to a third shorter than JSON.stringify(record)
 */
export function encodeRecord(record: CommitRecord): EncodedRecord {
  const { input, state } = record;
  const effects: EncodedEffect[] = [];
  let journeyId: string | undefined;
  let version: number | undefined;
  const ordinals = new PositionOrdinals();
  for (const effect of record.effects) {
    const id = effectId(effect);
    const payload = payloadOf(effect, id, state);
    let context: EffectContext | undefined;
    if (effect.customerId !== state.customerId) (context ??= {}).customerId = effect.customerId;
    if (effect.at !== input.at) (context ??= {}).at = effect.at;
    if (effect.inputId !== input.id) (context ??= {}).inputId = effect.inputId;
    if (effect.journeyId !== journeyId) (context ??= {}).journeyId = journeyId = effect.journeyId;
    if (effect.version !== version) (context ??= {}).version = version = effect.version;
    if (effect.ordinal !== ordinals.next(effect.inputId, effect.journeyId)) (context ??= {}).ordinal = effect.ordinal;
    effects.push(context === undefined ? [id, effect.node, payload] : [id, effect.node, payload, context]);
  }
  return { input, state, baseRevision: record.baseRevision, effects };
}

/**
 * The commit record back, effects whole again (field for field and in the engine's key order).
 *
 * @example
 * decodeRecord(JSON.parse(JSON.stringify(encodeRecord(record)))); // deep-equal to record
 */
export function decodeRecord(encoded: EncodedRecord): CommitRecord {
  const { input, state } = encoded;
  const effects: Effect[] = [];
  let journeyId = '';
  let version = 0;
  const ordinals = new PositionOrdinals();
  for (const [id, node, payload, context] of encoded.effects) {
    journeyId = context?.journeyId ?? journeyId;
    version = context?.version ?? version;
    const customerId = context?.customerId ?? state.customerId;
    const at = context?.at ?? input.at;
    const inputId = context?.inputId ?? input.id;
    const likely = context?.ordinal ?? ordinals.next(inputId, journeyId);
    // Lines of the release before ordinals never state one: the id they hold says which it is.
    const found = ordinalGiving(id, { journeyId, version, customerId, node, inputId }, likely, encoded.effects.length);
    const ordinal = found ?? likely;
    let effect: Effect;
    if (payload.kind === 'timerSet' && !('timer' in payload)) {
      const timer = pendingTimer(state, journeyId, impliedTimerId(id));
      if (timer === undefined) throw new Error(`record ${input.id}: effect ${id} sets a timer its state does not hold`);
      effect = { at, customerId, journeyId, version, node, inputId, ordinal, kind: 'timerSet', timer: { ...timer } };
    } else {
      effect = { at, customerId, journeyId, version, node, inputId, ordinal, ...(payload as EffectPayload) };
    }
    if (found === undefined) effect.id = id;
    effects.push(effect);
  }
  return { input, state, effects, baseRevision: encoded.baseRevision };
}

/** A commit record as formats 1 and 2 stored it: each effect with its id in place of its ordinal. */
export interface StoredRecord extends Omit<CommitRecord, 'effects'> {
  effects: IdentifiedEffect[];
}

/**
 * The ordinal that gives an effect with these fields the id it was stored with: `likely` (what its
 * position implies) when it does, as for everything the engine wrote, else the first below `count`
 * (the record's effects: an ordinal counts effects of the same record) that does. Undefined when
 * none does: a hand-made effect's id, which the effect then keeps (see Effect's `id`).
 */
function ordinalGiving(id: string, key: Omit<EffectKey, 'ordinal'>, likely: number, count: number): number | undefined {
  if (effectId({ ...key, ordinal: likely }) === id) return likely;
  for (let ordinal = 0; ordinal < count; ordinal++) if (effectId({ ...key, ordinal }) === id) return ordinal;
  return undefined;
}

/**
 * The record with each effect's ordinal in place of its id.
 *
 * @example
 * recordOf({ op: 'record', record }); // a format-2 line's record, effects with ordinals
 */
export function withOrdinals(record: StoredRecord): CommitRecord {
  const ordinals = new PositionOrdinals();
  const count = record.effects.length;
  const effects = record.effects.map((stored): Effect => {
    const { id, at, customerId, journeyId, version, node, inputId, ...payload } = stored;
    const implied = ordinals.next(inputId, journeyId);
    const found = ordinalGiving(id, { journeyId, version, customerId, node, inputId }, implied, count);
    // The engine's key order, the ordinal where it puts it.
    const effect = { at, customerId, journeyId, version, node, inputId, ordinal: found ?? implied, ...payload } as Effect;
    if (found === undefined) effect.id = id;
    return effect;
  });
  return { ...record, effects };
}

/**
 * A journal line that holds a committed record: a `step` line (effects encoded) as the store writes
 * them, or a `record` line (the record as it is) of format 2, still read. The last line of a commit is
 * marked `end`, so a commit torn by a crash is recognised and dropped whole.
 */
export type RecordLine = { op: 'step'; step: EncodedRecord; end?: true } | { op: 'record'; record: StoredRecord; end?: true };

/** A journal line: a committed record, or one other operation. */
export type JournalLine = RecordLine | Exclude<StoreOp, { op: 'commit' }>;

/**
 * The lines of one commit: a `step` line per record, the last marked `end`.
 *
 * @example
 * writer.appendAll(commitLines(records));
 */
export const commitLines = (records: readonly CommitRecord[]): RecordLine[] =>
  records.map((record, i) => (i === records.length - 1 ? { op: 'step', step: encodeRecord(record), end: true } : { op: 'step', step: encodeRecord(record) }));

/**
 * Whether a journal line holds a committed record.
 *
 * @example
 * if (isRecordLine(line.op)) model.apply({ op: 'commit', records: [recordOf(line.op)] });
 */
export const isRecordLine = (line: JournalLine): line is RecordLine => line.op === 'step' || line.op === 'record';

/**
 * The committed record a record line holds.
 *
 * @example
 * recordOf({ op: 'step', step: encodeRecord(record) }); // deep-equal to record
 */
export const recordOf = (line: RecordLine): CommitRecord => (line.op === 'step' ? decodeRecord(line.step) : withOrdinals(line.record));

/**
 * The state a record line committed, without decoding its effects.
 *
 * @example
 * stateOf(line).customerId;
 */
export const stateOf = (line: RecordLine): CustomerState => (line.op === 'step' ? line.step.state : line.record.state);
