/** The DSL panel's minimal replacement: applying it to the old text gives the new text, touching only what changed. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changedSpan } from '../../editor/dsl-panel/changed-span.ts';

const apply = (before: string, span: { start: number; end: number; text: string }) => before.slice(0, span.start) + span.text + before.slice(span.end);

describe('changedSpan', () => {
  it('replaces only the changed characters', () => {
    expect(changedSpan('wait 3 d -> next', 'wait 5 d -> next')).toEqual({ start: 5, end: 6, text: '5' });
    expect(changedSpan('a\nb\nc', 'a\nb\nb\nc')).toEqual({ start: 4, end: 4, text: 'b\n' });
    expect(changedSpan('same', 'same')).toEqual({ start: 4, end: 4, text: '' });
  });

  it('never splits a surrogate pair', () => {
    const span = changedSpan('x😀y', 'x😃y');
    expect(span.start).toBe(1);
    expect(span.text).toBe('😃');
  });

  it('always rebuilds the new text from the old one', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (before, after) => {
        expect(apply(before, changedSpan(before, after))).toBe(after);
      }),
    );
  });
});
