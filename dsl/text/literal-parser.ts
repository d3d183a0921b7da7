/** Reads the small pieces of the text form: localized text, durations, numbers, scalars, text-or-param values, names. */
import { DURATION_UNITS } from '../schema/common.ts';
import type { DurationUnit } from '../schema/common.ts';
import type { Token } from './lexer.ts';
import { spanJoin } from './span-map.ts';
import type { JsonPath, SpanMap } from './span-map.ts';
import { ParseFailure } from './token-stream.ts';
import type { TokenStream } from './token-stream.ts';

/** What the readers share: the tokens, and where each path's span goes. */
export interface ParseContext {
  stream: TokenStream;
  spans: SpanMap;
}

export type Scalar = string | number | boolean | null;

const isUnit = (token: Token): boolean =>
  token.kind === 'word' && token.quoted !== true && (DURATION_UNITS as readonly string[]).includes(token.text);

/** `zh "…" en "…"` (either order, both required). */
export function parseLocalized(ctx: ParseContext, path: JsonPath): { zh: string; en: string } {
  const { stream } = ctx;
  const start = stream.peek();
  const out: { zh?: string; en?: string } = {};
  for (let i = 0; i < 2; i++) {
    const missing = out.zh === undefined ? (out.en === undefined ? '`zh "…"` or `en "…"`' : '`zh "…"`') : '`en "…"`';
    const lang = stream.isKeyword('zh') && out.zh === undefined ? 'zh' : stream.isKeyword('en') && out.en === undefined ? 'en' : undefined;
    if (lang === undefined) return stream.fail(missing, 'every name is given in Chinese and English: zh "中文" en "English"');
    stream.next();
    const text = stream.expectString(`the ${lang === 'zh' ? 'Chinese' : 'English'} text in double quotes`);
    ctx.spans.set([...path, lang], text.span);
    out[lang] = text.text;
  }
  ctx.spans.set(path, spanJoin(start.span, stream.previous().span));
  return { zh: out.zh as string, en: out.en as string };
}

/** `45d`, `1.5h`, or `paramName d`. */
export function parseDuration(ctx: ParseContext, path: JsonPath): string | { param: string; unit: DurationUnit } {
  const { stream } = ctx;
  const token = stream.peek();
  if (token.kind === 'duration') {
    stream.next();
    ctx.spans.set(path, token.span);
    return token.text;
  }
  if (token.kind === 'number') {
    throw new ParseFailure(`expected a unit right after ${token.text} (write it like ${token.text}d: ms, s, m, h, d or w, with no space)`, token.span);
  }
  if (token.kind !== 'word') stream.fail('a duration', 'like 45d, 12h, 30m, or a param name and a unit: silentAfterDays d');
  stream.next();
  if (!isUnit(stream.peek())) stream.fail('a unit after the param name', `write ${token.text} d (or ms, s, m, h, w)`);
  const unit = stream.next();
  ctx.spans.set(path, spanJoin(token.span, unit.span));
  ctx.spans.set([...path, 'param'], token.span);
  ctx.spans.set([...path, 'unit'], unit.span);
  return { param: token.text, unit: unit.text as DurationUnit };
}

/** A number literal (negative and fractional allowed). */
export function parseNumber(ctx: ParseContext, path: JsonPath, what = 'a number'): number {
  const token = ctx.stream.peek();
  if (token.kind !== 'number') ctx.stream.fail(what);
  ctx.stream.next();
  ctx.spans.set(path, token.span);
  return token.value as number;
}

/** `"text"`, a number, `true`, `false` or `null`; undefined (nothing consumed) when the next token is none of these. */
export function tryParseScalar(ctx: ParseContext, path: JsonPath): { value: Scalar } | undefined {
  const { stream } = ctx;
  const token = stream.peek();
  let value: Scalar;
  if (token.kind === 'string') value = token.text;
  else if (token.kind === 'number') value = token.value as number;
  else if (stream.isKeyword('true')) value = true;
  else if (stream.isKeyword('false')) value = false;
  else if (stream.isKeyword('null')) value = null;
  else return undefined;
  stream.next();
  ctx.spans.set(path, token.span);
  return { value };
}

/** A scalar literal or, for a bare name, a param reference. */
export function parseScalarOrParam(ctx: ParseContext, path: JsonPath, what: string): Scalar | { param: string } {
  const scalar = tryParseScalar(ctx, path);
  if (scalar !== undefined) return scalar.value;
  const token = ctx.stream.peek();
  if (token.kind !== 'word') ctx.stream.fail(what, 'text in double quotes, a number, true, false, null, or a param name');
  ctx.stream.next();
  ctx.spans.set(path, token.span);
  ctx.spans.set([...path, 'param'], token.span);
  return { param: token.text };
}

/** Quoted text, or a bare param name. */
export function parseTextOrParam(ctx: ParseContext, path: JsonPath, what: string): string | { param: string } {
  const token = ctx.stream.peek();
  if (token.kind !== 'string' && token.kind !== 'word') {
    ctx.stream.fail(what, 'text in double quotes, or the name of a param');
  }
  ctx.stream.next();
  ctx.spans.set(path, token.span);
  if (token.kind === 'string') return token.text;
  ctx.spans.set([...path, 'param'], token.span);
  return { param: token.text };
}

/** A name that may be written bare or in quotes (event names, channels, the journey id). */
export function parseNameOrString(ctx: ParseContext, path: JsonPath, what: string, hint?: string): string {
  const token = ctx.stream.peek();
  if (token.kind !== 'string' && token.kind !== 'word') ctx.stream.fail(what, hint);
  ctx.stream.next();
  ctx.spans.set(path, token.span);
  return token.text;
}

/** A bare name (identifier position). */
export function parseName(ctx: ParseContext, path: JsonPath, what: string, hint?: string): string {
  const token = ctx.stream.expectWord(what, hint);
  ctx.spans.set(path, token.span);
  return token.text;
}

/** Sets an own property even for names like `__proto__` (the schema rejects those later, with a location). */
export function setEntry<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}
