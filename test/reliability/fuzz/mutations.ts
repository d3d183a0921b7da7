/** Near-valid input for fuzzing: character-level mutations of text and structural mutations of JSON values. */
import fc from 'fast-check';

/** Keys that would pollute prototypes if a reader assigned them naively. */
export const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'] as const;

/** Strings that have broken parsers and servers before: traversal, markup, control characters, huge numbers, odd unicode. */
export const HOSTILE_STRINGS = [
  '', ' ', '\u0000', '\n', '\r\n', '"', '\\', '../../etc/passwd', '..\\..\\windows', '%2e%2e%2f', '/', '.', '..',
  '<script>alert(1)</script>', '${process.exit()}', '{{7*7}}', "'; DROP TABLE journeys;--", '\uFEFF', '\uD800', '🚀',
  '１２３', 'NaN', 'Infinity', '-0', '1e309', '9007199254740993', '-1', '0x10', 'null', 'true', '[]', '{}',
  '__proto__', 'constructor', 'prototype', 'a'.repeat(300), '中文名称', '2025-13-45T99:99:99Z', '1970-01-01T00:00:00Z',
] as const;

export const hostileStringArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ maxLength: 24 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);

/** Arrays and objects nested hundreds or thousands of levels deep (recursive code overflows its stack on these). */
export const deepValueArb: fc.Arbitrary<unknown> = fc.tuple(fc.integer({ min: 60, max: 1000 }), fc.boolean()).map(([depth, objects]) => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = objects ? { a: value } : [value];
  return value;
});

/** Any JSON-ish value, hostile keys and strings included; now and then one nested very deep. */
export const hostileValueArb: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    { weight: 1, arbitrary: deepValueArb },
    fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 8.64e15 + 1),
    hostileStringArb,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 10 })), tie('value'), { maxKeys: 4 }),
  ),
})).value;

type TextEdit = { at: number; remove: number; insert: string };

const textEditArb = (vocabulary: readonly string[]): fc.Arbitrary<TextEdit> =>
  fc.record({
    at: fc.nat(),
    remove: fc.nat({ max: 12 }),
    insert: fc.oneof(fc.constant(''), fc.constantFrom(...vocabulary), fc.string({ maxLength: 6 }), fc.constantFrom(...HOSTILE_STRINGS)),
  });

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return edits.reduce((out, e) => {
    const at = e.at % (out.length + 1);
    return out.slice(0, at) + e.insert + out.slice(at + e.remove);
  }, text);
}

/**
 * Texts near one of `seeds`: a few insertions, deletions and replacements, or a truncation.
 *
 * @example
 * fc.sample(mutatedTextArb(['{"a":1}'], ['{', '"']), 3);
 */
export function mutatedTextArb(seeds: readonly string[], vocabulary: readonly string[] = []): fc.Arbitrary<string> {
  const seed = fc.constantFrom(...seeds);
  const words = vocabulary.length > 0 ? vocabulary : ['{', '}', '[', ']', '"', ':', ',', '\n'];
  return fc.oneof(
    fc.tuple(seed, fc.array(textEditArb(words), { minLength: 1, maxLength: 5 })).map(([text, edits]) => applyEdits(text, edits)),
    fc.tuple(seed, fc.nat()).map(([text, cut]) => text.slice(0, cut % (text.length + 1))),
  );
}

type Step = { path: number[]; kind: 'delete' | 'replace' | 'add' | 'duplicate' | 'retype'; value: unknown; key: string };

const stepArb: fc.Arbitrary<Step> = fc.record({
  path: fc.array(fc.nat(), { maxLength: 6 }),
  kind: fc.constantFrom('delete', 'replace', 'add', 'duplicate', 'retype'),
  value: hostileValueArb,
  key: fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 8 })),
});

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Follows `path` (each number picks a child by index modulo the child count) and edits the value found there. */
function applyStep(root: unknown, step: Step): unknown {
  const edit = (value: unknown, depth: number): unknown => {
    const children = Array.isArray(value) ? value.map((_, i) => i) : isRecord(value) ? Object.keys(value) : [];
    const pick = step.path[depth];
    if (pick === undefined || children.length === 0) {
      switch (step.kind) {
        case 'replace':
          return step.value;
        case 'retype':
          return typeof value === 'string' ? Number(value.length) : typeof value === 'number' ? String(value) : Array.isArray(value) ? { ...value } : isRecord(value) ? Object.values(value) : [value];
        case 'add':
          if (Array.isArray(value)) return [...value, step.value];
          if (isRecord(value)) return Object.defineProperty({ ...value }, step.key, { value: step.value, enumerable: true, writable: true, configurable: true });
          return step.value;
        default:
          return value;
      }
    }
    const child = children[pick % children.length]!;
    if (Array.isArray(value)) {
      const index = child as number;
      if (depth + 1 >= step.path.length && step.kind === 'delete') return value.filter((_, i) => i !== index);
      if (depth + 1 >= step.path.length && step.kind === 'duplicate') return [...value.slice(0, index + 1), value[index], ...value.slice(index + 1)];
      return value.map((v, i) => (i === index ? edit(v, depth + 1) : v));
    }
    const record = value as Record<string, unknown>;
    const key = child as string;
    if (depth + 1 >= step.path.length && step.kind === 'delete') {
      const { [key]: _dropped, ...rest } = record;
      return rest;
    }
    return { ...record, [key]: edit(record[key], depth + 1) };
  };
  return edit(root, 0);
}

/**
 * Values near one of `seeds`: a few structural edits (delete, replace, add a key — hostile ones included —, duplicate, change a type).
 *
 * @example
 * fc.sample(mutatedValueArb([{ userId: 'u', event: 'e' }]), 3);
 */
export function mutatedValueArb(seeds: readonly unknown[]): fc.Arbitrary<unknown> {
  return fc
    .tuple(fc.constantFrom(...seeds), fc.array(stepArb, { minLength: 1, maxLength: 4 }))
    .map(([seed, steps]) => steps.reduce<unknown>((value, step) => applyStep(value, step), structuredClone(seed)));
}

/** JSON text of a value that may hold a literal `__proto__` key (JSON.stringify keeps own enumerable keys). */
export const toJson = (value: unknown): string => JSON.stringify(value) ?? 'null';
