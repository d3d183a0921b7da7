/** How the printer writes the small pieces: text, numbers, names, durations, localized text. */
import type { Duration, LocalizedText } from '../schema/common.ts';

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Words that mean something inside a condition; a fact or param with one of these names is back-quoted
 * (`` `not` ``) so that it still reads as a name.
 */
export const CONDITION_KEYWORDS: ReadonlySet<string> = new Set(['and', 'or', 'not', 'in', 'contains', 'all', 'any', 'true', 'false', 'null']);

/**
 * Text in double quotes with `\"`, `\\`, `\n`, `\t`, `\r` and `\uXXXX` for other control characters and lone surrogates.
 *
 * @example
 * printString('say "hi"\n'); // '"say \\"hi\\"\\n"'
 */
export function printString(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    const code = ch.charCodeAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(value.charCodeAt(i + 1))) {
      out += ch + (value[i + 1] as string);
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff) out += `\\u${code.toString(16)}`;
    else out += ch;
  }
  return `${out}"`;
}

const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** A number exactly as JavaScript reads it back, keeping `-0`. */
export const printNumber = (value: number): string => (Object.is(value, -0) ? '-0' : String(value));

/** A name: bare when it is a plain identifier and not reserved here, back-quoted otherwise. */
export function printName(name: string, reserved: ReadonlySet<string> = CONDITION_KEYWORDS): string {
  return PLAIN_NAME.test(name) && !reserved.has(name) ? name : `\`${name}\``;
}

/** A name that may also be free text (event names, channels): bare when it is a plain identifier, quoted otherwise. */
export function printNameOrString(name: string, reserved: ReadonlySet<string> = new Set()): string {
  return PLAIN_NAME.test(name) && !reserved.has(name) ? name : printString(name);
}

/** After `wait`, a param named `for` or `until` would read as the other wait modes. */
const DURATION_RESERVED: ReadonlySet<string> = new Set([...CONDITION_KEYWORDS, 'for', 'until']);

/** `45d`, or `silentAfterDays d` for a param duration. */
export const printDuration = (duration: Duration): string =>
  typeof duration === 'string' ? duration : `${printName(duration.param, DURATION_RESERVED)} ${duration.unit}`;

/** `zh "…" en "…"`. */
export const printLocalized = (text: LocalizedText): string => `zh ${printString(text.zh)} en ${printString(text.en)}`;

/** A text-or-param value: quoted text, or the param's bare name. */
export const printTextOrParam = (value: string | { param: string }): string =>
  typeof value === 'string' ? printString(value) : printName(value.param);
