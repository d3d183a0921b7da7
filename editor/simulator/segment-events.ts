/** Reads Segment-style NDJSON (`track` / `identify` lines) into engine inputs, in time order, with line numbers in errors. */
import { segmentToInput } from '../../runtime/engine/segment-calls.ts';
import type { Input } from '../../runtime/engine/types.ts';

export interface ParsedEvents {
  inputs: Input[];
  errors: string[];
}

/**
 * Parses NDJSON events, each line by the rules `lifecycle-studio simulate` uses (engine/segment-calls.ts), so
 * a file reads the same here and on the command line. Bad lines are reported (line number and why) and
 * skipped; unlike the command line, which reads a file as it streams, the events are then put in time order.
 *
 * @example
 * parseSegmentNdjson('{"type":"track","event":"purchase","userId":"u1","timestamp":"2025-01-01T00:00:00Z"}').inputs.length; // 1
 */
export function parseSegmentNdjson(text: string): ParsedEvents {
  const inputs: Input[] = [];
  const errors: string[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `line ${index + 1}`;
    let call: unknown;
    try {
      call = JSON.parse(line);
    } catch {
      errors.push(`${where}: not valid JSON`);
      return;
    }
    const input = segmentToInput(call, `line-${index + 1}`);
    if ('error' in input) errors.push(`${where}: ${input.error}`);
    else inputs.push(input);
  });
  inputs.sort((a, b) => a.at - b.at);
  return { inputs, errors };
}
