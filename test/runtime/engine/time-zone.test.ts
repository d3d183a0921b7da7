/** Wall-clock math with Intl only: offsets, DST gaps and overlaps, the next time of day. */
import { describe, expect, it } from 'vitest';
import { isKnownTimeZone, nextZonedTime, zonedParts, zonedToUtc } from '../../../runtime/engine/index.ts';
import { t } from './journey-fixture.ts';

describe('time zones', () => {
  it('reads wall-clock parts, with ISO weekdays', () => {
    expect(zonedParts(t('2026-01-01T00:00:00Z'), 'Asia/Shanghai')).toEqual({ year: 2026, month: 1, day: 1, hour: 8, minute: 0, second: 0, weekday: 4 });
    expect(zonedParts(t('2026-01-01T00:00:00Z'), 'America/New_York')).toMatchObject({ year: 2025, month: 12, day: 31, hour: 19, weekday: 3 });
  });

  it('converts wall-clock readings to instants on both sides of DST', () => {
    expect(zonedToUtc({ year: 2026, month: 1, day: 15, hour: 9, minute: 0 }, 'America/New_York')).toBe(t('2026-01-15T14:00:00Z'));
    expect(zonedToUtc({ year: 2026, month: 7, day: 15, hour: 9, minute: 0 }, 'America/New_York')).toBe(t('2026-07-15T13:00:00Z'));
    expect(zonedToUtc({ year: 2026, month: 7, day: 15, hour: 9, minute: 0 }, 'Asia/Shanghai')).toBe(t('2026-07-15T01:00:00Z'));
  });

  it('moves a time skipped by spring-forward past the gap, and takes the first of a repeated time', () => {
    expect(zonedToUtc({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, 'America/New_York')).toBe(t('2026-03-08T07:30:00Z'));
    expect(zonedToUtc({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, 'America/New_York')).toBe(t('2026-11-01T05:30:00Z'));
  });

  it('finds the next time of day at or after an instant', () => {
    expect(nextZonedTime(t('2026-03-07T15:00:00Z'), { hour: 9, minute: 0 }, 'America/New_York')).toBe(t('2026-03-08T13:00:00Z'));
    expect(nextZonedTime(t('2026-01-15T14:00:00Z'), { hour: 9, minute: 0 }, 'America/New_York')).toBe(t('2026-01-15T14:00:00Z'));
    expect(nextZonedTime(t('2026-01-15T14:00:00.001Z'), { hour: 9, minute: 0 }, 'America/New_York')).toBe(t('2026-01-16T14:00:00Z'));
    expect(nextZonedTime(t('2026-12-31T20:00:00Z'), { hour: 0, minute: 0 }, 'Asia/Shanghai')).toBe(t('2026-12-31T16:00:00Z') + 86_400_000);
  });

  it('knows real zones and rejects others', () => {
    expect(isKnownTimeZone('Asia/Shanghai')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
    expect(isKnownTimeZone(42)).toBe(false);
  });
});
