/** One Segment `track` / `identify` call → an engine input: the rules the CLI's NDJSON reader and the editor's simulator share. */
import type { EventInput, IdentifyInput, Input } from './types.ts';

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
