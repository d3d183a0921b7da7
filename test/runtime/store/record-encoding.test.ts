/** The journal's record encoding gives back every record exactly (key order included), over the real effects of every template. */
import { describe, expect, it } from 'vitest';
import { compileJourney } from '../../../dsl/compiler/index.ts';
import { segmentToInput } from '../../../runtime/engine/segment-calls.ts';
import { effectId, identifiedEffect } from '../../../runtime/engine/index.ts';
import { step } from '../../../runtime/engine/step.ts';
import type { CustomerState, Effect } from '../../../runtime/engine/types.ts';
import { PlanRegistry } from '../../../runtime/plan-registry.ts';
import { decodeRecord, encodeRecord, recordOf } from '../../../runtime/store/record-encoding.ts';
import type { CommitRecord } from '../../../runtime/store/types.ts';
import { generateCohort } from '../../../templates/cohort.ts';
import { findTemplateJourney, listTemplates } from '../../../templates/index.ts';

/**
 * Every template's sample cohort stepped input by input, as the runtime steps them (no timer queue: overdue
 * timers fire inside the next input's step, so effects with their own input id and time come out too).
 */
function templateRecords(): CommitRecord[] {
  const records: CommitRecord[] = [];
  for (const pack of listTemplates()) {
    const plans = new PlanRegistry(Object.values(pack.journeys).map((doc) => compileJourney(doc, {}).plan!));
    const states = new Map<string, { state: CustomerState; revision: number }>();
    for (const call of generateCohort(pack.id, { start: Date.UTC(2025, 0, 1), size: 60, days: 200 })) {
      const input = segmentToInput(call, call.messageId);
      if ('error' in input) throw new Error(input.error);
      const current = states.get(input.customerId);
      const { state, effects } = step(plans, current?.state, input);
      records.push({ input, state, effects, baseRevision: current?.revision ?? 0 });
      states.set(input.customerId, { state, revision: (current?.revision ?? 0) + 1 });
    }
  }
  return records;
}

const roundTrip = (record: CommitRecord): CommitRecord => decodeRecord(JSON.parse(JSON.stringify(encodeRecord(record))) as ReturnType<typeof encodeRecord>);

describe('record encoding', () => {
  const records = templateRecords();

  it('decodes every record of every template to the same JSON, and writes a quarter fewer characters than the whole record', () => {
    let plain = 0;
    let encoded = 0;
    for (const record of records) {
      expect(JSON.stringify(roundTrip(record))).toBe(JSON.stringify(record));
      // The whole record as format 2 wrote it: effects with their ids.
      plain += JSON.stringify({ ...record, effects: record.effects.map(identifiedEffect) }).length;
      encoded += JSON.stringify(encodeRecord(record)).length;
    }
    const kinds = new Set(records.flatMap((r) => r.effects.map((e) => e.kind)));
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['action', 'branch', 'entered', 'goal', 'stage', 'task', 'timerCleared', 'timerSet']));
    expect(encoded / plain).toBeLessThan(0.75);
    // The engine's ordinals are the ones an effect's place in its record implies: no line states one.
    expect(records.some((record) => JSON.stringify(encodeRecord(record)).includes('"ordinal"'))).toBe(false);
  });

  it('gives back the effects of timers a step fires before its input (their own input id and time)', () => {
    const ladder = new PlanRegistry([compileJourney(findTemplateJourney('dormancy-ladder')!, {}).plan!]);
    const purchase = (id: string, days: number) => ({ type: 'event' as const, id, customerId: 'c1', event: 'purchase', at: Date.UTC(2025, 0, 1) + days * 86_400_000, properties: { amount: 50 } });
    const first = step(ladder, undefined, purchase('p1', 0));
    // Two months later: the 30-day timer and the timers it set fire first, inside this step.
    const second = step(ladder, first.state, purchase('p2', 61));
    const record: CommitRecord = { input: purchase('p2', 61), state: second.state, effects: second.effects, baseRevision: 1 };
    expect(record.effects.some((e) => e.inputId !== record.input.id && e.at !== record.input.at)).toBe(true);
    expect(JSON.stringify(roundTrip(record))).toBe(JSON.stringify(record));
  });

  it('keeps a timerSet timer the state no longer holds, and anything that differs from what the record implies', () => {
    const record = records.find((r) => r.effects.some((e) => e.kind === 'timerSet'))!;
    const timerSet = record.effects.find((e) => e.kind === 'timerSet') as Extract<Effect, { kind: 'timerSet' }>;
    const gone: CommitRecord = { ...record, state: { ...record.state, journeys: {} } };
    expect(JSON.stringify(roundTrip(gone))).toBe(JSON.stringify(gone));
    const moved: CommitRecord = { ...record, effects: [{ ...timerSet, timer: { ...timerSet.timer, fireAt: timerSet.timer.fireAt + 1 } }] };
    expect(JSON.stringify(roundTrip(moved))).toBe(JSON.stringify(moved));
    const elsewhere: CommitRecord = { ...record, effects: record.effects.map((e) => ({ ...e, customerId: 'someone-else', at: e.at - 5, inputId: 'other', version: e.version + 1 })) };
    expect(JSON.stringify(roundTrip(elsewhere))).toBe(JSON.stringify(elsewhere));
    expect(roundTrip({ ...record, effects: [] })).toEqual({ ...record, effects: [] });
  });

  it('gives back the kinds the cohorts did not produce, fields in the order the engine writes them', () => {
    const record = records[0]!;
    const common = { at: record.input.at, customerId: record.state.customerId, journeyId: 'j', version: 2, node: 'n', inputId: record.input.id, ordinal: 0 };
    const action = { type: 'message' as const, channel: 'sms', template: 'hi' };
    const effects: Effect[] = [
      { ...common, kind: 'exit', completed: true, reason: 'done' },
      { ...common, kind: 'exit', completed: false },
      { ...common, kind: 'suppressed', reason: 'quietHours', action },
      { ...common, kind: 'deferred', until: common.at + 3_600_000, action },
      { ...common, kind: 'loopGuard', steps: 100 },
      { ...common, kind: 'stage', stage: 'b', from: 'a' },
    ];
    const synthetic: CommitRecord = { ...record, effects };
    expect(JSON.stringify(roundTrip(synthetic))).toBe(JSON.stringify(synthetic));
  });

  it('reads lines of releases that stored ids instead of ordinals: the ordinal that gives the id, or the hand-made id kept', () => {
    const record = records.find((r) => r.effects.length > 3 && r.effects.every((e) => e.journeyId === r.effects[0]!.journeyId && e.inputId === r.input.id))!;
    // A format-3 line as the release before ordinals wrote it: the same encoding, no ordinal stated anywhere.
    const line = encodeRecord(record);
    expect(JSON.stringify(line)).not.toContain('"ordinal"');
    expect(decodeRecord(line).effects.map((e) => e.ordinal)).toEqual(record.effects.map((e) => e.ordinal));
    // Out of their engine order (the second and third swapped) the ids still say which ordinal each effect had.
    const swapped = { ...line, effects: [line.effects[0]!, line.effects[2]!, line.effects[1]!, ...line.effects.slice(3)] };
    expect(decodeRecord(swapped).effects.map((e) => e.ordinal).slice(0, 3)).toEqual([0, 2, 1]);
    // A format-2 line: the record whole, effects with ids; one of them hand-made.
    const stored = { ...record, effects: record.effects.map(identifiedEffect) };
    stored.effects[1] = { ...stored.effects[1]!, id: 'ef_hand-made' };
    const read = recordOf({ op: 'record', record: stored });
    expect(read.effects.map(effectId)).toEqual(stored.effects.map((e) => e.id));
    expect(read.effects[0]).toEqual(record.effects[0]);
    expect(JSON.stringify(roundTrip(read))).toBe(JSON.stringify(read));
  });

  it('decodes a timer as a copy, not the state’s own object', () => {
    const record = records.find((r) => r.effects.some((e) => e.kind === 'timerSet'))!;
    const decoded = roundTrip(record);
    const timer = (decoded.effects.find((e) => e.kind === 'timerSet') as Extract<Effect, { kind: 'timerSet' }>).timer;
    const held = Object.values(decoded.state.journeys).flatMap((instance) => instance.timers);
    expect(held.some((t) => t.id === timer.id)).toBe(true);
    expect(held.includes(timer)).toBe(false);
  });
});
