/** KeyedTable answers `add` and `get` exactly as a Map of the same keys does, across growth. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyedTable } from '../../../runtime/clock/keyed-table.ts';

const idTable = (): KeyedTable<string> => new KeyedTable<string>((id) => id);

describe('KeyedTable', () => {
  it('adds an id once and reports a repeat', () => {
    const seen = idTable();
    expect(seen.add('m1', 'm1')).toBe(true);
    expect(seen.add('m2', 'm2')).toBe(true);
    expect(seen.add('m1', 'm1')).toBe(false);
    expect(seen.get('m2')).toBe('m2');
    expect(seen.get('m3')).toBeUndefined();
    expect(seen.size).toBe(2);
  });

  it('keeps every id through many doublings', () => {
    const seen = idTable();
    for (let i = 0; i < 50_000; i++) expect(seen.add(`msg-${i}`, `msg-${i}`)).toBe(true);
    for (let i = 0; i < 50_000; i += 7) expect(seen.add(`msg-${i}`, `msg-${i}`)).toBe(false);
    expect(seen.size).toBe(50_000);
  });

  it('finds items by a key of their own and lists them in insertion order', () => {
    const table = new KeyedTable<{ id: string; n: number }>((item) => item.id);
    for (let n = 0; n < 10_000; n++) table.add(`c-${n}`, { id: `c-${n}`, n });
    expect(table.get('c-4321')?.n).toBe(4321);
    expect(table.get('c-10000')).toBeUndefined();
    expect(table.add('c-5', { id: 'c-5', n: -1 })).toBe(false);
    expect([...table.values()].map((item) => item.n)).toEqual(Array.from({ length: 10_000 }, (_, n) => n));
  });

  it('agrees with a Set on any sequence of ids', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 4 }), { maxLength: 300 }), (ids) => {
        const seen = idTable();
        const model = new Set<string>();
        for (const id of ids) {
          const isNew = !model.has(id);
          model.add(id);
          expect(seen.add(id, id)).toBe(isNew);
        }
        expect(seen.size).toBe(model.size);
      }),
    );
  });
});
