/** Segment-style events as NDJSON (one `track` / `identify` call per line) → engine inputs, with line-numbered errors. */
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { segmentToInput } from '../engine/segment-calls.ts';
import type { Input } from '../engine/types.ts';

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
  private lineNumber = 0;

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
