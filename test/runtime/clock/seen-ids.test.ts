/** SeenIds answers `add` exactly as a Set of the same ids does, across growth. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeenIds } from '../../../runtime/clock/seen-ids.ts';

describe('SeenIds', () => {
  it('adds an id once and reports a repeat', () => {
    const seen = new SeenIds();
    expect(seen.add('m1')).toBe(true);
    expect(seen.add('m2')).toBe(true);
    expect(seen.add('m1')).toBe(false);
    expect(seen.has('m2')).toBe(true);
    expect(seen.has('m3')).toBe(false);
    expect(seen.size).toBe(2);
  });

  it('keeps every id through many doublings', () => {
    const seen = new SeenIds();
    for (let i = 0; i < 50_000; i++) expect(seen.add(`msg-${i}`)).toBe(true);
    for (let i = 0; i < 50_000; i += 7) expect(seen.add(`msg-${i}`)).toBe(false);
    expect(seen.size).toBe(50_000);
  });

  it('agrees with a Set on any sequence of ids', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 4 }), { maxLength: 300 }), (ids) => {
        const seen = new SeenIds();
        const model = new Set<string>();
        for (const id of ids) {
          const isNew = !model.has(id);
          model.add(id);
          expect(seen.add(id)).toBe(isNew);
        }
        expect(seen.size).toBe(model.size);
      }),
    );
  });
});
