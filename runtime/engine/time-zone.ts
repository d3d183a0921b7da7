/** Wall-clock math in IANA time zones with `Intl.DateTimeFormat` only (no libraries), correct across DST. */
import type { Millis } from './types.ts';

export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;

/** A wall-clock reading in some zone. `weekday` is ISO: 1 = Monday … 7 = Sunday. */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

export interface TimeOfDay {
  hour: number;
  minute: number;
}

const WEEKDAYS: Readonly<Record<string, number>> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

// Building a formatter is far slower than using one; the cache holds no per-customer data.
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(zone: string): Intl.DateTimeFormat | null {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        weekday: 'short',
      });
    } catch {
      formatter = null;
    }
    formatters.set(zone, formatter);
  }
  return formatter;
}

/**
 * Whether the runtime knows the zone (`Asia/Shanghai` yes, `Mars/Base` no).
 *
 * @example
 * isKnownTimeZone('America/New_York'); // true
 */
export function isKnownTimeZone(zone: unknown): zone is string {
  return typeof zone === 'string' && zone.length > 0 && formatterFor(zone) !== null;
}

/**
 * The wall-clock reading of an instant in a zone. Unknown zones read as UTC.
 *
 * @example
 * zonedParts(Date.UTC(2026, 0, 1, 0, 0), 'Asia/Shanghai'); // { year: 2026, month: 1, day: 1, hour: 8, … }
 */
export function zonedParts(at: Millis, zone: string): ZonedParts {
  const formatter = formatterFor(zone) ?? formatterFor('UTC');
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of formatter!.formatToParts(at)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday ?? 'Mon'] ?? 1,
  };
}

/** The zone's offset from UTC at an instant, in ms (Shanghai: +8 h). Whole seconds only, as zones are. */
function offsetAt(at: Millis, zone: string): Millis {
  const p = zonedParts(at, zone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - (at - (((at % 1000) + 1000) % 1000));
}

/**
 * The instant a wall-clock reading names in a zone. A reading skipped by a DST jump (02:30 on a
 * spring-forward night) resolves to the same distance past the jump (03:30); a reading that occurs
 * twice (01:30 on a fall-back night) resolves to the first one. Day and month overflow normalise
 * like `Date.UTC` (day 32 of January is 1 February).
 *
 * @example
 * zonedToUtc({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, 'America/New_York'); // 07:30Z = 03:30 EDT
 */
export function zonedToUtc(local: { year: number; month: number; day: number; hour: number; minute: number }, zone: string): Millis {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const offsetBefore = offsetAt(wall - MS_PER_DAY, zone);
  const offsetAfter = offsetAt(wall + MS_PER_DAY, zone);
  const candidates = [wall - offsetBefore, wall - offsetAfter].filter((at) => at + offsetAt(at, zone) === wall);
  if (candidates.length > 0) return Math.min(...candidates);
  return wall - offsetBefore;
}

/**
 * The first instant at or after `from` whose wall-clock time in `zone` is `time`.
 *
 * @example
 * nextZonedTime(Date.UTC(2026, 0, 1, 12), { hour: 9, minute: 0 }, 'Asia/Shanghai'); // 2026-01-02T01:00Z (09:00 in Shanghai)
 */
export function nextZonedTime(from: Millis, time: TimeOfDay, zone: string): Millis {
  const today = zonedParts(from, zone);
  for (let dayOffset = 0; ; dayOffset++) {
    const at = zonedToUtc({ year: today.year, month: today.month, day: today.day + dayOffset, hour: time.hour, minute: time.minute }, zone);
    if (at >= from) return at;
  }
}

/** Minutes since local midnight. */
export function minuteOfDay(time: TimeOfDay): number {
  return time.hour * 60 + time.minute;
}
