/** Durations: literal or param, resolved to milliseconds and checked for negative, zero and absurd lengths. */
import { UNIT_MS, type Duration, type DurationUnit } from '../schema/common.ts';
import type { DurationSite, JsonPath, Reporter } from './context.ts';
import type { ParamReferences } from './params.ts';

const UNIT_NAMES: Readonly<Record<DurationUnit, string>> = { ms: 'milliseconds', s: 'seconds', m: 'minutes', h: 'hours', d: 'days', w: 'weeks' };

const YEAR_MS = 365 * UNIT_MS.d;
/** Longer than this is certainly a slip (days typed as hours, a missing unit). */
export const ABSURD_DURATION_MS = 10 * YEAR_MS;
/** Longer than this is allowed but suspicious. */
export const LONG_DURATION_MS = 2 * YEAR_MS;

/**
 * Milliseconds of a literal duration such as `"45d"` or `"1.5h"`.
 *
 * @example
 * literalDurationMs('45d'); // 3_888_000_000
 */
export function literalDurationMs(literal: string): number {
  const match = /^([0-9.]+)(ms|s|m|h|d|w)$/.exec(literal);
  if (match === null) return Number.NaN;
  return Number(match[1]) * UNIT_MS[match[2] as DurationUnit];
}

/** "45 days", "1.5 hours" — a millisecond count as a person reads it. */
export function describeDuration(ms: number): string {
  const units: [number, string][] = [
    [UNIT_MS.d, 'day'],
    [UNIT_MS.h, 'hour'],
    [UNIT_MS.m, 'minute'],
    [UNIT_MS.s, 'second'],
  ];
  for (const [size, name] of units) {
    if (Math.abs(ms) >= size) {
      const n = Math.round((ms / size) * 100) / 100;
      return `${n} ${name}${n === 1 ? '' : 's'}`;
    }
  }
  return `${ms} ms`;
}

/**
 * Resolves a duration with the effective param values and reports what is wrong with it at `site`.
 * Returns the milliseconds, or undefined when the duration cannot be resolved.
 */
export function checkDuration(duration: Duration, path: JsonPath, site: DurationSite, params: ParamReferences, report: Reporter): number | undefined {
  let ms: number;
  let shown: string;
  if (typeof duration === 'string') {
    ms = literalDurationMs(duration);
    shown = `"${duration}"`;
  } else {
    const def = params.resolve(duration.param, ['number'], path, report, `${site.label} needs a number param (a count of ${UNIT_NAMES[duration.unit]})`);
    if (def === undefined) return undefined;
    const value = params.values[duration.param];
    if (typeof value !== 'number') return undefined;
    ms = value * UNIT_MS[duration.unit];
    shown = `param \`${duration.param}\` (${value}${duration.unit})`;
  }
  if (!Number.isFinite(ms)) return undefined;
  if (ms < 0) {
    report.error('duration-negative', `${site.label} is negative: ${shown}`, path);
  } else if (ms === 0 && site.zero !== 'allowed') {
    const message = `${site.label} is zero: ${shown}`;
    if (site.zero === 'error') report.error('duration-zero', message, path);
    else report.warning('duration-zero', `${message}, which does nothing`, path);
  } else if (ms > ABSURD_DURATION_MS) {
    report.error('duration-absurd', `${site.label} is ${describeDuration(ms)} (${shown}), more than 10 years — check the unit`, path);
  } else if (ms > LONG_DURATION_MS) {
    report.warning('duration-long', `${site.label} is ${describeDuration(ms)} (${shown}), more than 2 years — is that intended?`, path);
  }
  return ms;
}
