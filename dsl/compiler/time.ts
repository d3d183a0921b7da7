/** Durations, times of day and calendar dates as the plan holds them: milliseconds and numbers. */
import { UNIT_MS, type Duration, type DurationUnit } from '../schema/common.ts';
import type { ParamValue } from '../schema/params.ts';
import { paramValue } from './bind-params.ts';
import { CompileError, type JsonPath } from './compile-error.ts';

const DURATION_LITERAL = /^((?:0|[1-9][0-9]*)(?:\.[0-9]+)?)(ms|s|m|h|d|w)$/;
/** Longer than this is certainly a slip (days typed as hours); the checker draws the same line. */
export const MAX_DURATION_MS = 10 * 365 * UNIT_MS.d;

/**
 * A duration in whole milliseconds: `"45d"`, `"1.5h"`, or a number param times a unit.
 * Throws {@link CompileError} for a malformed literal, an unknown or non-number param, or a negative or absurd result.
 *
 * @example
 * durationMs('12h', {}, ['nodes', 2, 'duration']);                                   // 43_200_000
 * durationMs({ param: 'silentAfterDays', unit: 'd' }, { silentAfterDays: 45 }, []); // 3_888_000_000
 */
export function durationMs(duration: Duration, params: Readonly<Record<string, ParamValue>>, path: JsonPath): number {
  let amount: number;
  let unit: DurationUnit;
  if (typeof duration === 'string') {
    const match = DURATION_LITERAL.exec(duration);
    if (match === null) throw new CompileError('bad-duration', `"${duration}" is not a duration like "45d" or "12h"`, path);
    amount = Number(match[1]);
    unit = match[2] as DurationUnit;
  } else {
    const value = paramValue(params, duration.param, [...path, 'param']);
    if (typeof value !== 'number') {
      throw new CompileError('bad-duration', `param "${duration.param}" is used as a duration, so it must be a number`, [...path, 'param']);
    }
    if (!Object.hasOwn(UNIT_MS, duration.unit)) throw new CompileError('bad-duration', `unknown unit "${duration.unit}"`, [...path, 'unit']);
    amount = value;
    unit = duration.unit;
  }
  const ms = Math.round(amount * UNIT_MS[unit]);
  if (!Number.isFinite(ms) || ms < 0) throw new CompileError('duration-negative', `a duration cannot be negative (got ${amount}${unit})`, path);
  if (ms > MAX_DURATION_MS) throw new CompileError('duration-absurd', `${amount}${unit} is more than 10 years — check the unit`, path);
  return ms;
}

/**
 * `"HH:MM"` as hour and minute.
 *
 * @example
 * timeOfDay('21:30', ['policies', 'quietHours', 'from']); // { hour: 21, minute: 30 }
 */
export function timeOfDay(text: string, path: JsonPath): { hour: number; minute: number } {
  const match = /^([01][0-9]|2[0-3]):([0-5][0-9])$/.exec(text);
  if (match === null) throw new CompileError('bad-time', `"${text}" is not a time of day like "09:30"`, path);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/**
 * `"YYYY-MM-DD"` as year, month and day; the day must exist in that month (no 2025-02-30).
 *
 * @example
 * calendarDate('2025-11-11', ['nodes', 4, 'date']); // { year: 2025, month: 11, day: 11 }
 */
export function calendarDate(text: string, path: JsonPath): { year: number; month: number; day: number } {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text);
  if (match === null) throw new CompileError('bad-date', `"${text}" is not a date like "2025-11-11"`, path);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    throw new CompileError('bad-date', `${text} is not a real calendar date`, path);
  }
  return { year, month, day };
}

/**
 * Checks an IANA time zone with the platform's Intl data (works in Node and in browsers).
 *
 * @example
 * timeZone('Asia/Shanghai', ['policies', 'timezone']); // 'Asia/Shanghai'
 */
export function timeZone(name: string, path: JsonPath): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
  } catch {
    throw new CompileError('unknown-timezone', `"${name}" is not a time zone this platform knows (e.g. Asia/Shanghai, UTC)`, path);
  }
  return name;
}
