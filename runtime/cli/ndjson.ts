/** Segment-style events as NDJSON (one `track` / `identify` call per line) → engine inputs, with line-numbered errors. */
import type { EventInput, IdentifyInput, Input } from '../engine/types.ts';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * One Segment call → an engine input, or the reason it cannot be one. `track` needs `event`;
 * `identify` takes `traits`; both need `userId` and `timestamp` (ISO 8601, or epoch ms). Without a
 * `messageId` the input gets `fallbackId`. A call with an `event` and no `type` is a `track`.
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
  const userId = call.userId;
  if (userId === undefined || userId === null || userId === '') return { error: 'missing "userId"' };
  if (typeof userId !== 'string' && typeof userId !== 'number') return { error: `"userId" must be a string, not ${JSON.stringify(userId)}` };
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
 * Parses a whole NDJSON text. Blank lines are skipped; every other line must be a valid call, and
 * timestamps must not go backwards. Without a `messageId` a line's id is `file:line`.
 *
 * @example
 * const { inputs, errors } = parseSegmentNdjson(text, 'events.ndjson');
 * if (errors.length > 0) errors.forEach((e) => console.error(e));
 */
export function parseSegmentNdjson(text: string, file: string, maxErrors = 50): ParsedEvents {
  const inputs: Input[] = [];
  const errors: string[] = [];
  let previous: { at: number; line: number } | undefined;
  let start = 0;
  let lineNumber = 0;
  while (start <= text.length && errors.length < maxErrors) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    lineNumber++;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (line === '') continue;
    let call: unknown;
    try {
      call = JSON.parse(line);
    } catch (error) {
      errors.push(`${file}:${lineNumber}: error: not valid JSON (${(error as Error).message})`);
      continue;
    }
    const input = segmentToInput(call, `${file}:${lineNumber}`);
    if ('error' in input) {
      errors.push(`${file}:${lineNumber}: error: ${input.error}`);
      continue;
    }
    if (previous !== undefined && input.at < previous.at) {
      errors.push(
        `${file}:${lineNumber}: error: timestamp ${new Date(input.at).toISOString()} is earlier than line ${previous.line} (${new Date(previous.at).toISOString()}); events must be in time order`,
      );
      continue;
    }
    previous = { at: input.at, line: lineNumber };
    inputs.push(input);
  }
  if (errors.length >= maxErrors) errors.push(`${file}: error: stopped after ${maxErrors} errors`);
  return { inputs, errors };
}
