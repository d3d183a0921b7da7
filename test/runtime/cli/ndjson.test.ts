/** Segment NDJSON read from a file line by line gives what parsing the whole text gives: inputs, errors, line numbers. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { forEachSegmentInput, parseSegmentNdjson } from '../../../runtime/cli/ndjson.ts';
import { segmentToInput } from '../../../runtime/engine/segment-calls.ts';
import type { EventInput, Input } from '../../../runtime/engine/types.ts';

const dir = mkdtempSync(join(tmpdir(), 'ls-ndjson-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readFileInputs(text: string, maxErrors?: number): Promise<{ inputs: Input[]; errors: string[] }> {
  const path = join(dir, 'events.ndjson');
  writeFileSync(path, text);
  const inputs: Input[] = [];
  const errors = await forEachSegmentInput(path, 'events.ndjson', (input) => void inputs.push(input), maxErrors);
  return { inputs, errors };
}

/** Calls with multi-byte characters, CRLF and blank lines, enough for several of the reader's 1 MiB reads. */
function bigText(lines: number): string {
  const out: string[] = [];
  for (let n = 0; n < lines; n++) {
    const at = Date.UTC(2025, 0, 1) + n * 1000;
    const call = n % 7 === 0 ? { type: 'identify', userId: `学员-${n % 97}`, timestamp: new Date(at).toISOString(), traits: { 年级: `${n % 12} 年级`, 备注: '续费意向高 🎓' } } : { type: 'track', event: '完课', userId: `学员-${n % 97}`, timestamp: at, properties: { 课程: `数学第${n}讲`, 时长: n % 60 } };
    out.push(JSON.stringify(call) + (n % 5 === 0 ? '\r' : ''));
    if (n % 11 === 0) out.push('');
  }
  return out.join('\n');
}

describe('segmentToInput', () => {
  it('takes the anonymousId as the customer of a call without userId, as Segment and the server do', () => {
    const at = '2025-01-01T00:00:00Z';
    expect(segmentToInput({ type: 'track', event: 'visit', anonymousId: 'anon-7', timestamp: at }, 'l1')).toMatchObject({ customerId: 'anon-7' });
    expect(segmentToInput({ type: 'track', event: 'visit', userId: 'u1', anonymousId: 'anon-7', timestamp: at }, 'l1')).toMatchObject({ customerId: 'u1' });
    expect(segmentToInput({ type: 'identify', anonymousId: 42, timestamp: at }, 'l1')).toMatchObject({ customerId: '42' });
    expect(segmentToInput({ type: 'track', event: 'visit', anonymousId: { id: 1 }, timestamp: at }, 'l1')).toEqual({
      error: '"anonymousId" must be a string, not {"id":1}',
      problem: { code: 'customerNotString', field: 'anonymousId', value: '{"id":1}' },
    });
    expect(segmentToInput({ type: 'track', event: 'visit', userId: '', timestamp: at }, 'l1')).toEqual({ error: 'missing "userId" (or "anonymousId")', problem: { code: 'missingCustomer' } });
  });
});

describe('forEachSegmentInput', () => {
  it('reads a file of several MiB exactly as parseSegmentNdjson reads its text', async () => {
    const text = bigText(30_000);
    expect(Buffer.byteLength(text)).toBeGreaterThan(3 * 2 ** 20);
    const whole = parseSegmentNdjson(text, 'events.ndjson');
    const streamed = await readFileInputs(text);
    expect(whole.errors).toEqual([]);
    expect(streamed.errors).toEqual([]);
    expect(streamed.inputs).toHaveLength(30_000);
    expect(streamed.inputs).toEqual(whole.inputs);
  });

  it('keeps a character whose UTF-8 bytes fall across two reads whole', async () => {
    // The reader reads 1 MiB at a time: pad the first line until byte 1,048,576 falls inside a three-byte character.
    const call = (properties: object, n: number) => JSON.stringify({ type: 'track', event: 'note', userId: 'u1', timestamp: Date.UTC(2025, 0, 1) + n, properties });
    const wide = call({ text: '学'.repeat(500_000) }, 1);
    const textStart = Buffer.byteLength(wide.slice(0, wide.indexOf('学')));
    let pad = 0;
    while ((2 ** 20 - (Buffer.byteLength(call({ pad: 'x'.repeat(pad) }, 0)) + 1) - textStart) % 3 !== 1) pad++;
    const text = `${call({ pad: 'x'.repeat(pad) }, 0)}\n${wide}\n${call({}, 2)}`;
    const streamed = await readFileInputs(text);
    expect(streamed.errors).toEqual([]);
    expect(streamed.inputs).toEqual(parseSegmentNdjson(text, 'events.ndjson').inputs);
    expect((streamed.inputs[1] as EventInput).properties.text).toBe('学'.repeat(500_000));
  });

  it('gives the same line-numbered errors, a last line without newline and the stop after too many', async () => {
    const good = (n: number) => JSON.stringify({ type: 'track', event: 'visit', userId: 'u1', timestamp: Date.UTC(2025, 0, 1) + n });
    const text = [good(5), '{"type":', '', good(1), good(9), '[1]', good(10)].join('\n');
    const whole = parseSegmentNdjson(text, 'events.ndjson');
    const streamed = await readFileInputs(text);
    expect(streamed).toEqual(whole);
    expect(streamed.errors).toEqual([
      expect.stringMatching(/^events\.ndjson:2: error: not valid JSON/),
      expect.stringMatching(/^events\.ndjson:4: error: timestamp .* is earlier than line 1/),
      'events.ndjson:6: error: expected a JSON object, found an array',
    ]);
    expect(streamed.inputs.map((i) => i.id)).toEqual(['events.ndjson:1', 'events.ndjson:5', 'events.ndjson:7']);
    const many = Array.from({ length: 10 }, () => 'nope').join('\n');
    expect(await readFileInputs(many, 3)).toEqual(parseSegmentNdjson(many, 'events.ndjson', 3));
    expect((await readFileInputs(many, 3)).errors.at(-1)).toBe('events.ndjson: error: stopped after 3 errors');
  });

  it('waits for onInput when it returns a promise, keeping the order', async () => {
    const path = join(dir, 'slow.ndjson');
    writeFileSync(path, bigText(50));
    const seen: string[] = [];
    let pending = 0;
    const errors = await forEachSegmentInput(path, 'slow.ndjson', async (input) => {
      expect(pending).toBe(0);
      pending++;
      await new Promise((resolve) => setTimeout(resolve, 1));
      seen.push(input.id);
      pending--;
    });
    expect(errors).toEqual([]);
    expect(seen).toEqual(parseSegmentNdjson(bigText(50), 'slow.ndjson').inputs.map((i) => i.id));
  });
});
