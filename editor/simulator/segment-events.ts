/** Reads Segment-style NDJSON (`track` / `identify` lines) into engine inputs, in time order, with line numbers in errors. */
import { segmentToInput, type SegmentProblem } from '../../runtime/engine/segment-calls.ts';
import type { Input } from '../../runtime/engine/types.ts';

/** A bad line: its number (1-based) and why, as data the panel words in the operator's language (i18n `sim.problems`). */
export interface LineProblem {
  line: number;
  problem: SegmentProblem | { code: 'notJson' };
}

export interface ParsedEvents {
  inputs: Input[];
  errors: LineProblem[];
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
  const errors: LineProblem[] = [];
  text.split('\n').forEach((text, index) => {
    if (text.trim() === '') return;
    const line = index + 1;
    let call: unknown;
    try {
      call = JSON.parse(text);
    } catch {
      errors.push({ line, problem: { code: 'notJson' } });
      return;
    }
    const input = segmentToInput(call, `line-${line}`);
    if ('problem' in input) errors.push({ line, problem: input.problem });
    else inputs.push(input);
  });
  inputs.sort((a, b) => a.at - b.at);
  return { inputs, errors };
}

/** A translate function, as i18next's `t`. */
type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * A bad line in the operator's language: `line 4: missing "userId" (or "anonymousId")` in English,
 * the same words as the command line's.
 *
 * @example
 * badLineText(t, { line: 3, problem: { code: 'notJson' } }); // 'line 3: not valid JSON', '第 3 行:不是有效的 JSON'
 */
export const badLineText = (t: Translate, bad: LineProblem): string => t('sim.badLine', { line: bad.line, problem: t(`sim.problems.${bad.problem.code}`, bad.problem) });
