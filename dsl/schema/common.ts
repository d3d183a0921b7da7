/** Building blocks shared by every part of a journey document: names, texts, durations, references. */
import { z } from 'zod';

/** Keys that could reach an object's prototype; forbidden wherever a document names something. */
export const FORBIDDEN_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const notForbidden = (value: string): boolean => !FORBIDDEN_NAMES.has(value);

/** An identifier: facts, params, fields, stages, node ids. */
export const Identifier = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must start with a letter or _ and contain only letters, digits and _')
  .max(64)
  .refine(notForbidden, 'is a reserved name');

/** A slug: journey ids, template ids. Safe as a file name and in a URL. */
export const Slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lower-case letters, digits, - and _, starting with a letter or digit')
  .max(64);

/** An event name as sent by a Segment-style `track` call ("Order Completed", "purchase", "trial_booked"). */
export const EventName = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[^\u0000-\u001f"\\]+$/, 'must not contain quotes, backslashes or control characters')
  .refine(notForbidden, 'is a reserved name');

/** Text in both UI languages. */
export const LocalizedText = z.strictObject({
  zh: z.string().max(4000),
  en: z.string().max(4000),
});
export type LocalizedText = z.infer<typeof LocalizedText>;

/** Time units a duration may use. `w` is seven days. */
export const DURATION_UNITS = ['ms', 's', 'm', 'h', 'd', 'w'] as const;
export const DurationUnit = z.enum(DURATION_UNITS);
export type DurationUnit = z.infer<typeof DurationUnit>;

export const UNIT_MS: Readonly<Record<DurationUnit, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * A duration: a literal such as `"45d"`, `"12h"`, `"1.5h"`, or a number param times a unit
 * (`{ "param": "silentAfterDays", "unit": "d" }`).
 */
export const DurationLiteral = z
  .string()
  .regex(/^(0|[1-9][0-9]*)(\.[0-9]+)?(ms|s|m|h|d|w)$/, 'must be a number followed by a unit: ms, s, m, h, d or w (e.g. "45d")');
export const ParamDuration = z.strictObject({ param: Identifier, unit: DurationUnit });
export const Duration = z.union([DurationLiteral, ParamDuration]);
export type Duration = z.infer<typeof Duration>;
export type ParamDuration = z.infer<typeof ParamDuration>;

/** A reference to a template parameter, usable wherever a condition takes a value. */
export const ParamRef = z.strictObject({ param: Identifier });
export type ParamRef = z.infer<typeof ParamRef>;

/** Time of day, 24-hour `HH:MM`. */
export const TimeOfDay = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'must be HH:MM (24-hour)');

/** A calendar date `YYYY-MM-DD`. */
export const CalendarDate = z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, 'must be YYYY-MM-DD');

/** An IANA time zone name such as `Asia/Shanghai` or `UTC`. */
export const TimeZone = z.string().regex(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/, 'must be an IANA time zone name like Asia/Shanghai').max(64);

/** A node id reference (the target of an edge). */
export const NodeRef = Identifier;
