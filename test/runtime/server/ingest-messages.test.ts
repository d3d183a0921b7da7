/** The hand-written ingestion reader accepts only what the zod schemas accept, and returns what they return. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Batch, Identify, identifyInput, readBatch, readIdentify, readTrack, Track, trackInput } from '../../../runtime/server/routes/ingest-messages.ts';

const long = (n: number): string => 'x'.repeat(n);
/** Mostly well-formed values, so that both answers of the reader get exercised. */
const mostly = (usual: fc.Arbitrary<unknown>, other: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> => fc.oneof({ weight: 6, arbitrary: usual }, { weight: 1, arbitrary: other });
const jsonValue = fc.jsonValue({ maxDepth: 2 });
/** Maps as JSON.parse makes them, some with the keys zod treats specially. */
const propertyMap = fc.oneof(
  { weight: 6, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), jsonValue, { maxKeys: 4 }) },
  fc.constant(JSON.parse('{"__proto__":{"polluted":true},"a":1}') as unknown),
  fc.constant({ [long(256)]: 1 }),
  fc.constant({ [long(257)]: 1 }),
  fc.constant({ constructor: { prototype: 1 }, toString: 'x' }),
);
const notAMap = fc.constantFrom<unknown>(null, [], [1], 'text', 5, true);
const id = mostly(
  fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.integer()),
  fc.constantFrom<unknown>('', long(256), long(257), 0, -0, Number.MAX_SAFE_INTEGER, 2 ** 60, 1.5, null, true, [], {}),
);
const event = mostly(
  fc.oneof(fc.constantFrom('purchase', 'page_view', '购买课程'), fc.string({ maxLength: 10 })),
  fc.constantFrom<unknown>('', 'a"b', 'a\\b', 'a\u0001b', 'tab\there', long(128), long(129), 5, null, ['e']),
);
const timestamp = mostly(
  fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom<unknown>(
    '2026-01-01T08:00:00+08:00',
    '2026-01-01T08:00:00.123456+08:00',
    '2026-01-01T08:00:00',
    '2026-01-01T08:00Z',
    '2026-13-01T00:00:00Z',
    '2026-02-30T00:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01',
    'yesterday',
    '',
    1_700_000_000_000,
    null,
  ),
);
const messageId = mostly(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom<unknown>('', long(256), long(257), 5, null));
const type = fc.constantFrom<unknown>('track', 'identify', 'page', 5, null);
const map = mostly(propertyMap, notAMap);

/** A message with any subset of the fields, each valid or not, sent through JSON as a client would. */
const message = fc
  .record(
    {
      type,
      event,
      properties: map,
      traits: map,
      userId: id,
      anonymousId: id,
      messageId,
      timestamp,
      context: map,
      extra: jsonValue,
    },
    { requiredKeys: [] },
  )
  .map((m) => JSON.parse(JSON.stringify(m)) as unknown);
const body = fc.oneof({ weight: 9, arbitrary: message }, { weight: 1, arbitrary: fc.constantFrom<unknown>(null, [], 'text', 7) });

/** zod's output without `context`: the reader leaves it out, since no input is made from it. */
function withoutContext<T extends { context?: unknown }>(parsed: T): Omit<T, 'context'> {
  const copy = { ...parsed };
  delete copy.context;
  return copy;
}

describe('the hand-written ingestion reader', () => {
  it('reads a track body only when Track accepts it, to the same message', () => {
    let read = 0;
    fc.assert(
      fc.property(body, (input) => {
        const fast = readTrack(input);
        if (fast === undefined) return;
        read++;
        const reference = Track.safeParse(input);
        expect(reference.success).toBe(true);
        expect(fast).toEqual(withoutContext(reference.data!));
        if (fast.messageId !== undefined) expect(trackInput(fast, 'body', 1)).toEqual(trackInput(reference.data!, 'body', 1));
      }),
      { numRuns: 3000 },
    );
    // The property says nothing if the reader refuses everything.
    expect(read).toBeGreaterThan(30);
  });

  it('reads an identify body only when Identify accepts it, to the same message', () => {
    let read = 0;
    fc.assert(
      fc.property(body, (input) => {
        const fast = readIdentify(input);
        if (fast === undefined) return;
        read++;
        const reference = Identify.safeParse(input);
        expect(reference.success).toBe(true);
        expect(fast).toEqual(withoutContext(reference.data!));
        if (fast.messageId !== undefined) expect(identifyInput(fast, 'body', 1)).toEqual(identifyInput(reference.data!, 'body', 1));
      }),
      { numRuns: 3000 },
    );
    expect(read).toBeGreaterThan(30);
  });

  it('reads a batch only when Batch accepts it, to the same messages', () => {
    const wellFormedTrack = fc.record({ type: fc.constant('track'), event: fc.constantFrom('purchase', 'page_view'), userId: fc.string({ minLength: 1, maxLength: 6 }), messageId: fc.string({ minLength: 1, maxLength: 6 }) });
    const item = fc.oneof({ weight: 3, arbitrary: wellFormedTrack }, { weight: 1, arbitrary: message });
    const batchBody = fc.oneof(
      fc.record({ batch: fc.array(item, { maxLength: 6 }), context: fc.oneof(propertyMap, notAMap) }, { requiredKeys: ['batch'] }),
      fc.record({ batch: fc.oneof(notAMap, fc.constant({})) }),
      fc.constantFrom<unknown>(null, [], {}),
    );
    let read = 0;
    fc.assert(
      fc.property(batchBody.map((b) => JSON.parse(JSON.stringify(b)) as unknown), (input) => {
        const fast = readBatch(input);
        if (fast === undefined) return;
        read++;
        const reference = Batch.safeParse(input);
        expect(reference.success).toBe(true);
        expect(fast).toEqual(reference.data!.batch.map(withoutContext));
      }),
      { numRuns: 2000 },
    );
    expect(read).toBeGreaterThan(30);
  });

  it('leaves batches over 500 messages, and messages without a customer id, to zod and the route', () => {
    const item = { type: 'track', event: 'e', userId: 'u' };
    expect(readBatch({ batch: Array.from({ length: 500 }, () => item) })).toHaveLength(500);
    expect(readBatch({ batch: Array.from({ length: 501 }, () => item) })).toBeUndefined();
    expect(readBatch({ batch: [] })).toBeUndefined();
    expect(readTrack({ event: 'e' })).toBeUndefined();
    expect(readBatch({ batch: [item, { type: 'identify', traits: {} }] })).toBeUndefined();
  });
});
