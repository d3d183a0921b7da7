/** One Segment `track` / `identify` call → an engine input: the rules the CLI's NDJSON reader and the editor's simulator share. */
import type { EventInput, IdentifyInput, Input } from './types.ts';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Why a Segment call cannot be an input, as data, so each reader words it in its own language:
 * `value` is the offending value as JSON, `found` what kind of JSON value stood where an object belongs.
 */
export type SegmentProblem =
  | { code: 'notObject'; found: 'array' | 'null' | 'string' | 'number' | 'boolean' }
  | { code: 'missingType' }
  | { code: 'badType'; value: string }
  | { code: 'missingCustomer' }
  | { code: 'customerNotString'; field: 'userId' | 'anonymousId'; value: string }
  | { code: 'missingTimestamp' }
  | { code: 'badTimestamp'; value: string }
  | { code: 'badMessageId' }
  | { code: 'traitsNotObject' }
  | { code: 'missingEvent' }
  | { code: 'propertiesNotObject' };

/**
 * The problem in English, as the command line prints it.
 *
 * @example
 * segmentProblemText({ code: 'missingTimestamp' }); // 'missing "timestamp"'
 */
export function segmentProblemText(problem: SegmentProblem): string {
  switch (problem.code) {
    case 'notObject':
      return `expected a JSON object, found ${problem.found === 'array' ? 'an array' : problem.found}`;
    case 'missingType':
      return 'missing "type" (track or identify)';
    case 'badType':
      return `"type" must be "track" or "identify", not ${problem.value}`;
    case 'missingCustomer':
      return 'missing "userId" (or "anonymousId")';
    case 'customerNotString':
      return `"${problem.field}" must be a string, not ${problem.value}`;
    case 'missingTimestamp':
      return 'missing "timestamp"';
    case 'badTimestamp':
      return `"timestamp" is not a time: ${problem.value} (use ISO 8601, e.g. "2025-01-01T09:00:00+08:00")`;
    case 'badMessageId':
      return '"messageId" must be a non-empty string';
    case 'traitsNotObject':
      return '"traits" must be an object';
    case 'missingEvent':
      return 'a track call needs "event" (the event name)';
    case 'propertiesNotObject':
      return '"properties" must be an object';
  }
}

/** A refusal: the problem, and its English text for readers that print it as it is. */
export interface SegmentRefusal {
  error: string;
  problem: SegmentProblem;
}

const refused = (problem: SegmentProblem): SegmentRefusal => ({ error: segmentProblemText(problem), problem });

/** The kind of a JSON value that is not an object. */
const jsonKind = (value: unknown): Extract<SegmentProblem, { code: 'notObject' }>['found'] =>
  Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value === 'string' ? 'string' : typeof value === 'boolean' ? 'boolean' : 'number';

/**
 * One Segment call → an engine input, or the reason it cannot be one. `track` needs `event`;
 * `identify` takes `traits`; both need `userId` (or `anonymousId`) and `timestamp` (ISO 8601, or epoch
 * ms). Without a `messageId` the input gets `fallbackId`. A call with an `event` and no `type` is a `track`.
 *
 * @example
 * segmentToInput({ type: 'track', event: 'purchase', userId: 'u1', timestamp: '2025-01-01T00:00:00Z', properties: { amount: 99 } }, 'line-1');
 * // { type: 'event', id: 'line-1', customerId: 'u1', event: 'purchase', at: 1735689600000, properties: { amount: 99 } }
 */
export function segmentToInput(call: unknown, fallbackId: string): Input | SegmentRefusal {
  if (!isObject(call)) return refused({ code: 'notObject', found: jsonKind(call) });
  const type = call.type ?? (call.event !== undefined ? 'track' : undefined);
  if (type !== 'track' && type !== 'identify') {
    return refused(type === undefined ? { code: 'missingType' } : { code: 'badType', value: JSON.stringify(type) });
  }
  // As in Segment (and the server's ingestion): the customer is the userId, or the anonymousId of a call without one.
  const named = call.userId !== undefined && call.userId !== null && call.userId !== '';
  const userId = named ? call.userId : call.anonymousId;
  const field = named ? 'userId' : 'anonymousId';
  if (userId === undefined || userId === null || userId === '') return refused({ code: 'missingCustomer' });
  if (typeof userId !== 'string' && typeof userId !== 'number') return refused({ code: 'customerNotString', field, value: JSON.stringify(userId) });
  const timestamp = call.timestamp;
  if (timestamp === undefined || timestamp === null) return refused({ code: 'missingTimestamp' });
  const at = typeof timestamp === 'number' ? timestamp : typeof timestamp === 'string' ? Date.parse(timestamp) : Number.NaN;
  // Beyond ±8.64e15 ms a number is no Date any more (and could not be shown as an ISO time).
  if (!Number.isFinite(at) || Math.abs(at) > 8.64e15) return refused({ code: 'badTimestamp', value: JSON.stringify(timestamp) });
  const messageId = call.messageId;
  if (messageId !== undefined && (typeof messageId !== 'string' || messageId === '')) return refused({ code: 'badMessageId' });
  const id = messageId ?? fallbackId;
  const customerId = String(userId);
  if (type === 'identify') {
    const traits = call.traits ?? {};
    if (!isObject(traits)) return refused({ code: 'traitsNotObject' });
    const input: IdentifyInput = { type: 'identify', id, customerId, at, traits };
    return input;
  }
  if (typeof call.event !== 'string' || call.event === '') return refused({ code: 'missingEvent' });
  const properties = call.properties ?? {};
  if (!isObject(properties)) return refused({ code: 'propertiesNotObject' });
  const input: EventInput = { type: 'event', id, customerId, event: call.event, at, properties };
  return input;
}
