/** Reads Segment-style NDJSON (`track` / `identify` lines) into engine inputs, in time order, with line numbers in errors. */
import type { Input } from '../../runtime/engine/types.ts';

export interface ParsedEvents {
  inputs: Input[];
  errors: string[];
}

/**
 * Parses NDJSON events. Bad lines are reported (line number and why) and skipped.
 *
 * @example
 * parseSegmentNdjson('{"type":"track","event":"purchase","userId":"u1","timestamp":"2025-01-01T00:00:00Z"}').inputs.length; // 1
 */
export function parseSegmentNdjson(text: string): ParsedEvents {
  const inputs: Input[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `line ${index + 1}`;
    let raw: Record<string, unknown>;
    try {
      raw = JSON.parse(line) as Record<string, unknown>;
    } catch {
      errors.push(`${where}: not valid JSON`);
      return;
    }
    const customerId = typeof raw.userId === 'string' ? raw.userId : typeof raw.anonymousId === 'string' ? raw.anonymousId : undefined;
    const at = typeof raw.timestamp === 'string' ? Date.parse(raw.timestamp) : typeof raw.timestamp === 'number' ? raw.timestamp : NaN;
    if (!customerId) return void errors.push(`${where}: missing userId`);
    if (!Number.isFinite(at)) return void errors.push(`${where}: missing or invalid timestamp`);
    const id = typeof raw.messageId === 'string' ? raw.messageId : `line-${index + 1}`;
    const type = raw.type ?? (raw.event !== undefined ? 'track' : undefined);
    if (type === 'track' && typeof raw.event === 'string') {
      inputs.push({ type: 'event', id, customerId, event: raw.event, at, properties: (raw.properties as Record<string, unknown>) ?? {} });
    } else if (type === 'identify') {
      inputs.push({ type: 'identify', id, customerId, at, traits: (raw.traits as Record<string, unknown>) ?? {} });
    } else {
      errors.push(`${where}: expected a track (with event) or identify call`);
    }
  });
  inputs.sort((a, b) => a.at - b.at);
  return { inputs, errors };
}
