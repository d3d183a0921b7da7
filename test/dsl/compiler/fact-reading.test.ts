// factsFromObject keys and fact-path reading, the two ways facts reach a compiled condition.
import { describe, expect, it } from 'vitest';
import { parseFactPath, readFactPath } from '../../../dsl/compiler/fact-path.ts';
import { factKey, factsFromObject } from '../../../dsl/compiler/facts-from-object.ts';

describe('factsFromObject', () => {
  it('reads plain facts and facts with params under their canonical key', () => {
    const facts = factsFromObject({ totalSpend: 320, 'daysSinceLast(event=purchase)': 12, 'eventCount(days=7,event=login)': 3 });
    expect(facts.get('totalSpend')).toBe(320);
    expect(facts.get('daysSinceLast', { event: 'purchase' })).toBe(12);
    expect(facts.get('eventCount', { event: 'login', days: 7 })).toBe(3);
    expect(facts.get('eventCount', { event: 'login' })).toBeUndefined();
  });

  it('never reads inherited members', () => {
    const facts = factsFromObject({});
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) expect(facts.get(name)).toBeUndefined();
  });

  it('names keys with params sorted and an empty params object as the bare name', () => {
    expect(factKey('eventCount', { event: 'purchase', days: 30 })).toBe('eventCount(days=30,event=purchase)');
    expect(factKey('totalSpend', {})).toBe('totalSpend');
    expect(factKey('totalSpend')).toBe('totalSpend');
  });
});

describe('fact paths', () => {
  it('accept plain member paths only', () => {
    expect(parseFactPath('$.student.grade')).toEqual(['student', 'grade']);
    for (const bad of ['$', 'amount', '$..amount', '$.a[0]', '$[?(@.x)]', '$.*', '$.a.prototype', '$.__proto__']) {
      expect(parseFactPath(bad), bad).toBeUndefined();
    }
  });

  it('follow own properties and stop at anything else', () => {
    expect(readFactPath({ a: { b: 2 } }, ['a', 'b'])).toBe(2);
    expect(readFactPath({ a: null }, ['a', 'b'])).toBeUndefined();
    expect(readFactPath({}, ['toString'])).toBeUndefined();
    expect(readFactPath([1, 2], ['length'])).toBe(2);
    expect(readFactPath('text', ['length'])).toBe('text');
    expect(readFactPath(null, ['a'])).toBeNull();
  });
});
