/** Segment-style events as NDJSON (one `track` / `identify` call per line) → engine inputs, with line-numbered errors. */
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import type { EventInput, IdentifyInput, Input } from '../engine/types.ts';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * One Segment call → an engine input, or the reason it cannot be one. `track` needs `event`;
 * `identify` takes `traits`; both need `userId` (or `anonymousId`) and `timestamp` (ISO 8601, or epoch
 * ms). Without a `messageId` the input gets `fallbackId`. A call with an `event` and no `type` is a `track`.
 *
 * @example
 * segmentToInput({ type: 'track', event: 'purchase', userId: 'u1', timestamp: '2025-01-01T00:00:00Z', properties: { amount: 99 } }, 'line-1');
 * // { type: 'event', id: 'line-1', customerId: 'u1', event: 'purchase', at: 1735689600000, properties: { amount: 99 } }
 */
export function segmentToInput(call: unknown, fallbackId: string): Input | { error: string } {
  if (!isObject(call)) return { error: `expected a JSON object, found ${Array.isArray(call) ? 'an array' : call === null ? 'null' : typeof call}` };
  const type = call.type ?? (call.event !== undefined ? 'track' : undefined);
  if (type !== 'track' && type !== 'identify') {
    return { error: type === undefined ? 'missing "type" (track or identify)' : `"type" must be "track" or "identify", not ${JSON.stringify(type)}` };
  }
  // As in Segment (and the server's ingestion): the customer is the userId, or the anonymousId of a call without one.
  const named = call.userId !== undefined && call.userId !== null && call.userId !== '';
  const userId = named ? call.userId : call.anonymousId;
  const field = named ? 'userId' : 'anonymousId';
  if (userId === undefined || userId === null || userId === '') return { error: 'missing "userId" (or "anonymousId")' };
  if (typeof userId !== 'string' && typeof userId !== 'number') return { error: `"${field}" must be a string, not ${JSON.stringify(userId)}` };
  const timestamp = call.timestamp;
  if (timestamp === undefined || timestamp === null) return { error: 'missing "timestamp"' };
  const at = typeof timestamp === 'number' ? timestamp : typeof timestamp === 'string' ? Date.parse(timestamp) : Number.NaN;
  // Beyond ±8.64e15 ms a number is no Date any more (and could not be shown as an ISO time).
  if (!Number.isFinite(at) || Math.abs(at) > 8.64e15) return { error: `"timestamp" is not a time: ${JSON.stringify(timestamp)} (use ISO 8601, e.g. "2025-01-01T09:00:00+08:00")` };
  const messageId = call.messageId;
  if (messageId !== undefined && (typeof messageId !== 'string' || messageId === '')) return { error: '"messageId" must be a non-empty string' };
  const id = messageId ?? fallbackId;
  const customerId = String(userId);
  if (type === 'identify') {
    const traits = call.traits ?? {};
    if (!isObject(traits)) return { error: '"traits" must be an object' };
    const input: IdentifyInput = { type: 'identify', id, customerId, at, traits };
    return input;
  }
  if (typeof call.event !== 'string' || call.event === '') return { error: 'a track call needs "event" (the event name)' };
  const properties = call.properties ?? {};
  if (!isObject(properties)) return { error: '"properties" must be an object' };
  const input: EventInput = { type: 'event', id, customerId, event: call.event, at, properties };
  return input;
}

export interface ParsedEvents {
  inputs: Input[];
  /** `file:line: error: message`, one per bad line. */
  errors: string[];
}

/**
 * Turns NDJSON lines, in file order, into inputs: blank lines are skipped, every other line must be
 * a valid call, and timestamps must not go backwards. Without a `messageId` a line's id is `file:line`.
 *
 * @example
 * const lines = new SegmentLines('events.ndjson');
 * lines.next('{"type":"track","event":"purchase","userId":"u1","timestamp":"2025-01-01T00:00:00Z"}'); // an EventInput
 * lines.next(''); // undefined: a blank line
 * lines.next('[1]'); // 'events.ndjson:3: error: expected a JSON object, found an array'
 */
export class SegmentLines {
  private previous: { at: number; line: number } | undefined;
  /** The number of the line read last (1-based). */
  lineNumber = 0;

  constructor(private readonly file: string) {}

  /** The next line's input, undefined for a blank line, or the line's error as `file:line: error: message`. */
  next(text: string): Input | string | undefined {
    const lineNumber = ++this.lineNumber;
    const line = text.trim();
    if (line === '') return undefined;
    let call: unknown;
    try {
      call = JSON.parse(line);
    } catch (error) {
      return `${this.file}:${lineNumber}: error: not valid JSON (${(error as Error).message})`;
    }
    const input = segmentToInput(call, `${this.file}:${lineNumber}`);
    if ('error' in input) return `${this.file}:${lineNumber}: error: ${input.error}`;
    const previous = this.previous;
    if (previous !== undefined && input.at < previous.at) {
      return `${this.file}:${lineNumber}: error: timestamp ${new Date(input.at).toISOString()} is earlier than line ${previous.line} (${new Date(previous.at).toISOString()}); events must be in time order`;
    }
    this.previous = { at: input.at, line: lineNumber };
    return input;
  }
}

/**
 * Parses a whole NDJSON text (see {@link SegmentLines} for the rules), stopping after `maxErrors` bad lines.
 *
 * @example
 * const { inputs, errors } = parseSegmentNdjson(text, 'events.ndjson');
 * if (errors.length > 0) errors.forEach((e) => console.error(e));
 */
export function parseSegmentNdjson(text: string, file: string, maxErrors = 50): ParsedEvents {
  const inputs: Input[] = [];
  const errors: string[] = [];
  const lines = new SegmentLines(file);
  let start = 0;
  while (start <= text.length && errors.length < maxErrors) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const read = lines.next(text.slice(start, end));
    start = end + 1;
    if (typeof read === 'string') errors.push(read);
    else if (read !== undefined) inputs.push(read);
  }
  if (errors.length >= maxErrors) errors.push(`${file}: error: stopped after ${maxErrors} errors`);
  return { inputs, errors };
}

/**
 * Reads an NDJSON file line by line (see {@link SegmentLines}) and hands each input to `onInput`, in
 * order, waiting when it returns a promise. The file is never one string: its size is bounded by
 * the disk, not by the longest string V8 can hold (~512 MB). Resolves to the bad lines' errors
 * (reading stops after `maxErrors`); `file` is the name errors give.
 *
 * @example
 * const errors = await forEachSegmentInput('/data/events.ndjson', 'events.ndjson', (input) => void count++);
 */
export async function forEachSegmentInput(path: string, file: string, onInput: (input: Input) => void | Promise<void>, maxErrors = 50): Promise<string[]> {
  const errors: string[] = [];
  const lines = new SegmentLines(file);
  /** One line: false once there are too many errors, a promise when `onInput` wants to be waited for. */
  const take = (line: string): boolean | Promise<void> => {
    const read = lines.next(line);
    if (read === undefined) return true;
    if (typeof read !== 'string') return onInput(read) ?? true;
    errors.push(read);
    if (errors.length < maxErrors) return true;
    errors.push(`${file}: error: stopped after ${maxErrors} errors`);
    return false;
  };
  const handle = await open(path, 'r');
  try {
    const decoder = new StringDecoder('utf8');
    const buffer = Buffer.allocUnsafe(1 << 20);
    let carry = '';
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      const done = bytesRead === 0;
      const text = carry + (done ? decoder.end() : decoder.write(buffer.subarray(0, bytesRead)));
      // Lines end at '\n' only, as in parseSegmentNdjson (a '\r' before it goes with the line's trim).
      let start = 0;
      for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
        const taken = take(text.slice(start, end));
        if (taken === false) return errors;
        if (taken !== true) await taken;
        start = end + 1;
      }
      carry = text.slice(start);
      if (done) {
        // The last line, counted even when empty (as parseSegmentNdjson counts it).
        const taken = take(carry);
        if (taken !== true && taken !== false) await taken;
        return errors;
      }
    }
  } finally {
    await handle.close();
  }
}
