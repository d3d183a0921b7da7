/** Effect-id machinery: the incremental hash equals the one-shot hash, ids are flat, ordinals count per journey, ids are made on read, arrays grow exactly. */
import { describe, expect, it } from 'vitest';
import { compileJourney } from '../../../dsl/compiler/index.ts';
import { effectId, identifiedEffect, step } from '../../../runtime/engine/index.ts';
import { PlanRegistry } from '../../../runtime/plan-registry.ts';
import { findTemplateJourney } from '../../../templates/index.ts';
import { hash128Hex, hash128Id, hash128State } from '../../../runtime/engine/stable-hash.ts';
import { appended } from '../../../runtime/engine/state-copy.ts';
import { EffectOrdinals } from '../../../runtime/engine/step-context.ts';

describe('hash128Id', () => {
  const parts = ['dormancy-ladder', '1', 'customer-7', 'w_active', 'msg-123~4', '2'] as const;

  it('gives the same digits whether the key is hashed at once or with its last part apart', () => {
    const whole = hash128Hex(...parts);
    expect(whole).toMatch(/^[0-9a-f]{32}$/);
    expect(hash128Id('ef_', hash128State(...parts))).toBe(`ef_${whole}`);
    expect(hash128Id('tm_', hash128State(...parts))).toBe(`tm_${whole}`);
    expect(hash128Id('ef_', hash128State(...parts.slice(0, 5)), parts[5])).toBe(`ef_${whole}`);
  });

  it('keeps apart keys whose parts join to the same text, and leaves the state it continues from unchanged', () => {
    expect(hash128Hex('ab', 'c')).not.toBe(hash128Hex('a', 'bc'));
    const start = hash128State('j', '1');
    const before = { ...start };
    hash128Id('ef_', start, 'x');
    expect(start).toEqual(before);
  });

  it('takes any prefix', () => {
    const state = hash128State('k');
    expect(hash128Id('', state)).toBe(hash128Hex('k'));
    expect(hash128Id('effect-', state)).toBe(`effect-${hash128Hex('k')}`);
  });
});

describe('effectId', () => {
  const ladder = new PlanRegistry([compileJourney(findTemplateJourney('dormancy-ladder')!, {}).plan!]);
  const purchase = { type: 'event' as const, id: 'p1', customerId: 'c1', event: 'purchase', at: Date.UTC(2025, 0, 1), properties: { amount: 50 } };
  const { effects } = step(ladder, undefined, purchase);

  it('hashes journey, version, customer, node, input id and ordinal, as ids always were', () => {
    expect(effects.length).toBeGreaterThan(2);
    for (const e of effects) {
      expect(effectId(e)).toBe(`ef_${hash128Hex(e.journeyId, String(e.version), e.customerId, e.node, e.inputId, String(e.ordinal))}`);
    }
    expect(new Set(effects.map(effectId)).size).toBe(effects.length);
  });

  it('gives a timerSet effect the hash of the timer it announces', () => {
    const timerSet = effects.find((e) => e.kind === 'timerSet');
    expect(timerSet?.kind === 'timerSet' && effectId(timerSet).slice(3)).toBe(timerSet?.kind === 'timerSet' && timerSet.timer.id.slice(3));
  });

  it('answers with an id an effect was stored with, and publishes effects with their id first and no ordinal', () => {
    const stored = { ...effects[0]!, id: 'ef_hand-made' };
    expect(effectId(stored)).toBe('ef_hand-made');
    const published = identifiedEffect(effects[0]!);
    expect(Object.keys(published)[0]).toBe('id');
    expect(published).not.toHaveProperty('ordinal');
    expect(published.id).toBe(effectId(effects[0]!));
  });
});

describe('EffectOrdinals', () => {
  it('counts each journey from 0, also when journeys alternate', () => {
    const ordinals = new EffectOrdinals();
    expect(ordinals.peek('a')).toBe(0);
    expect([ordinals.take('a'), ordinals.take('a'), ordinals.take('b'), ordinals.take('a'), ordinals.take('b')]).toEqual([0, 1, 0, 2, 1]);
    expect(ordinals.peek('a')).toBe(3);
    expect(ordinals.peek('b')).toBe(2);
    expect(ordinals.peek('c')).toBe(0);
  });
});

describe('appended', () => {
  it('returns a new array with the item at the end and leaves the original alone', () => {
    const list = Object.freeze(['x']);
    const longer = appended(list, 'y');
    expect(longer).toEqual(['x', 'y']);
    expect(list).toEqual(['x']);
    expect(appended([], 1)).toEqual([1]);
  });
});
