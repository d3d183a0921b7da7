/** What a node kind's compile function may use: param values and locating helpers that turn document values into plan values. */
import type { ParamRef, Duration } from '../schema/common.ts';
import type { Condition, Scalar } from '../schema/condition.ts';
import type { ParamValue } from '../schema/params.ts';
import { paramValue } from './bind-params.ts';
import { CompileError, type JsonPath } from './compile-error.ts';
import { compileCondition } from './condition.ts';
import type { CompiledCondition } from './plan.ts';
import { calendarDate, durationMs, timeOfDay } from './time.ts';

/** Every helper takes `at`, the JSON path relative to the node; errors carry the full path and the node id. */
export interface NodeCompileContext {
  readonly params: Readonly<Record<string, ParamValue>>;
  condition(condition: Condition, at: JsonPath): CompiledCondition;
  durationMs(duration: Duration, at: JsonPath): number;
  /** A text slot that may name a string (or enum) param: channel, template, tag, task title, assignee. */
  text(value: string | ParamRef, at: JsonPath): string;
  /** A literal, or a param's value (setField). */
  scalar(value: Scalar | ParamRef, at: JsonPath): Scalar;
  timeOfDay(text: string, at: JsonPath): { hour: number; minute: number };
  date(text: string, at: JsonPath): { year: number; month: number; day: number };
}

const isParamRef = (value: unknown): value is ParamRef => typeof value === 'object' && value !== null && Object.hasOwn(value, 'param');

/**
 * A context for compiling things found at `base` (a node, or the entry) with the given params.
 *
 * @example
 * const ctx = compileContext({ days: 45 }, ['nodes', 3], 'silent_wait');
 * ctx.durationMs({ param: 'days', unit: 'd' }, ['timeout']); // 3_888_000_000
 */
export function compileContext(params: Readonly<Record<string, ParamValue>>, base: JsonPath, nodeId?: string): NodeCompileContext {
  const locate = (at: JsonPath): JsonPath => [...base, ...at];
  /** Runs a helper; its CompileError gets `prefix` in front of its path (helpers given full paths use []) and the node id. */
  const under = <T>(prefix: JsonPath, run: () => T): T => {
    try {
      return run();
    } catch (error) {
      if (error instanceof CompileError) throw error.under(prefix, nodeId);
      throw error;
    }
  };
  return {
    params,
    condition: (condition, at) => under(locate(at), () => compileCondition(condition, params)),
    durationMs: (duration, at) => under([], () => durationMs(duration, params, locate(at))),
    text: (value, at) =>
      under([], () => {
        if (!isParamRef(value)) return value;
        const resolved = paramValue(params, value.param, locate([...at, 'param']));
        if (typeof resolved !== 'string') {
          throw new CompileError('param-type-mismatch', `param "${value.param}" fills a text slot, so it must be a string or enum param`, locate([...at, 'param']));
        }
        return resolved;
      }),
    scalar: (value, at) => under([], () => (isParamRef(value) ? paramValue(params, value.param, locate([...at, 'param'])) : value)),
    timeOfDay: (text, at) => under([], () => timeOfDay(text, locate(at))),
    date: (text, at) => under([], () => calendarDate(text, locate(at))),
  };
}
