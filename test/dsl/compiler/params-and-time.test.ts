// Param resolution, text-to-value parsing, durations, times of day, dates and time zones as the compiler reads them.
import { describe, expect, it } from 'vitest';
import { CompileError } from '../../../dsl/compiler/compile-error.ts';
import { paramValueFromText, resolveParams } from '../../../dsl/compiler/params.ts';
import { calendarDate, durationMs, MAX_DURATION_MS, timeOfDay, timeZone } from '../../../dsl/compiler/time.ts';
import type { Params } from '../../../dsl/schema/params.ts';

const defs: Params = {
  days: { type: 'number', default: 45, min: 1, integer: true },
  channel: { type: 'enum', values: ['wechat', 'sms'], default: 'wechat' },
  copy: { type: 'string', default: '你好' },
  enabled: { type: 'boolean', default: true },
};

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof CompileError) return error.code;
    throw error;
  }
  return undefined;
};

describe('resolveParams', () => {
  it('fills defaults and takes valid overrides', () => {
    expect(resolveParams(defs, { channel: 'sms', enabled: false })).toEqual({
      values: { days: 45, channel: 'sms', copy: '你好', enabled: false },
      diagnostics: [],
    });
  });

  it('ignores an override given as undefined and never reads inherited names', () => {
    expect(resolveParams(defs, { days: undefined }).values.days).toBe(45);
    const hostile = JSON.parse('{"__proto__": {"days": 1}}') as Record<string, unknown>;
    const { values, diagnostics } = resolveParams(defs, hostile);
    expect(values.days).toBe(45);
    expect(diagnostics.map((d) => d.code)).toEqual(['param-override-unknown']);
  });

  it('reports a default that breaks its own definition', () => {
    const { diagnostics } = resolveParams({ days: { type: 'number', default: 0, min: 1 } });
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'param-default-invalid', path: ['params', 'days', 'default'] })]);
  });
});

describe('paramValueFromText', () => {
  it('reads numbers, booleans and text by the definition', () => {
    expect(paramValueFromText(defs.days!, ' 30 ')).toBe(30);
    expect(paramValueFromText(defs.enabled!, 'false')).toBe(false);
    expect(paramValueFromText(defs.channel!, 'sms')).toBe('sms');
  });

  it('leaves what it cannot read for resolveParams to reject', () => {
    const values = { days: paramValueFromText(defs.days!, 'soon'), enabled: paramValueFromText(defs.enabled!, 'yes') };
    expect(resolveParams(defs, values).diagnostics.map((d) => d.path.join('.'))).toEqual(['params.days', 'params.enabled']);
    expect(Number.isNaN(paramValueFromText(defs.days!, ''))).toBe(true);
  });
});

describe('durations', () => {
  it('reads literals in every unit, fractions included', () => {
    expect(durationMs('250ms', {}, [])).toBe(250);
    expect(durationMs('90s', {}, [])).toBe(90_000);
    expect(durationMs('15m', {}, [])).toBe(900_000);
    expect(durationMs('1.5h', {}, [])).toBe(5_400_000);
    expect(durationMs('45d', {}, [])).toBe(3_888_000_000);
    expect(durationMs('2w', {}, [])).toBe(1_209_600_000);
  });

  it('multiplies number params by the unit', () => {
    expect(durationMs({ param: 'days', unit: 'd' }, { days: 30 }, [])).toBe(2_592_000_000);
  });

  it('refuses malformed, negative, absurd and non-number durations', () => {
    expect(codeOf(() => durationMs('45 days' as never, {}, []))).toBe('bad-duration');
    expect(codeOf(() => durationMs({ param: 'days', unit: 'd' }, { days: -1 }, []))).toBe('duration-negative');
    expect(codeOf(() => durationMs({ param: 'days', unit: 'd' }, { days: 4000 }, []))).toBe('duration-absurd');
    expect(codeOf(() => durationMs({ param: 'days', unit: 'd' }, { days: '3' }, []))).toBe('bad-duration');
    expect(codeOf(() => durationMs({ param: 'days', unit: 'd' }, {}, []))).toBe('unknown-param');
    expect(codeOf(() => durationMs({ param: 'constructor', unit: 'd' }, {}, []))).toBe('unknown-param');
    expect(MAX_DURATION_MS).toBe(3650 * 86_400_000);
  });

  it('locates the error', () => {
    try {
      durationMs({ param: 'days', unit: 'd' }, { days: -1 }, ['nodes', 2, 'timeout']);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ path: ['nodes', 2, 'timeout'] });
    }
  });
});

describe('times, dates and zones', () => {
  it('reads times of day', () => {
    expect(timeOfDay('00:00', [])).toEqual({ hour: 0, minute: 0 });
    expect(timeOfDay('23:59', [])).toEqual({ hour: 23, minute: 59 });
    expect(codeOf(() => timeOfDay('24:00', []))).toBe('bad-time');
  });

  it('reads real calendar dates only', () => {
    expect(calendarDate('2024-02-29', [])).toEqual({ year: 2024, month: 2, day: 29 });
    expect(codeOf(() => calendarDate('2025-02-29', []))).toBe('bad-date');
    expect(codeOf(() => calendarDate('2025-04-31', []))).toBe('bad-date');
    expect(codeOf(() => calendarDate('2025-13-01', []))).toBe('bad-date');
  });

  it('knows IANA zones', () => {
    expect(timeZone('Asia/Shanghai', [])).toBe('Asia/Shanghai');
    expect(timeZone('UTC', [])).toBe('UTC');
    expect(codeOf(() => timeZone('Asia/Atlantis', []))).toBe('unknown-timezone');
  });
});
