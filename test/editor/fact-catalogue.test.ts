/** The condition builder's catalogue: which facts exist where, and which operators fit each type. */
import { describe, expect, it } from 'vitest';
import { defaultValue, factKey, factOptions, operatorsFor } from '../../editor/conditions/fact-catalogue.ts';
import { sampleJourney } from './sample-journey.ts';

describe('fact catalogue', () => {
  it('offers event properties only in an event context, then profile fields and built-ins', () => {
    const doc = sampleJourney();
    const outside = factOptions(doc).map((f) => f.key);
    expect(outside).toContain('purchaseCount');
    expect(outside).toContain('city');
    expect(outside).not.toContain('event.amount');
    const inside = factOptions(doc, 'purchase');
    expect(inside[0]).toMatchObject({ key: 'event.amount', fact: 'event', path: '$.amount', type: 'number', source: 'event' });
    expect(factOptions(doc).find((f) => f.key === 'daysSinceLast')?.params).toEqual({ event: 'string' });
  });

  it('fits operators to types', () => {
    expect(operatorsFor('number')).toContain('greaterThanInclusive');
    expect(operatorsFor('string')).not.toContain('greaterThan');
    expect(operatorsFor('boolean')).toEqual(['equal', 'notEqual']);
    expect(operatorsFor('string[]')).toEqual(['contains', 'doesNotContain']);
    expect(operatorsFor({ enum: ['a'] })).toEqual(['equal', 'notEqual', 'in', 'notIn']);
    expect(operatorsFor('timestamp')).not.toContain('equal');
  });

  it('gives values that fit the type and operator', () => {
    expect(defaultValue('number', 'equal')).toBe(0);
    expect(defaultValue({ enum: ['gold', 'silver'] }, 'equal')).toBe('gold');
    expect(defaultValue('string', 'in')).toEqual([]);
    expect(factKey('event', '$.amount')).toBe('event.amount');
  });
});
