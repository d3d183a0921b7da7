/** Typed template parameters: thresholds, channels and copy a consultant exposes to the client. */
import { z } from 'zod';
import { Identifier, LocalizedText } from './common.ts';

const meta = { label: LocalizedText.optional(), description: LocalizedText.optional() };

export const NumberParam = z.strictObject({
  type: z.literal('number'),
  default: z.number(),
  min: z.number().optional(),
  max: z.number().optional(),
  integer: z.boolean().optional(),
  ...meta,
});
export const StringParam = z.strictObject({
  type: z.literal('string'),
  default: z.string().max(4000),
  ...meta,
});
export const BooleanParam = z.strictObject({
  type: z.literal('boolean'),
  default: z.boolean(),
  ...meta,
});
export const EnumParam = z.strictObject({
  type: z.literal('enum'),
  values: z.array(z.string().min(1).max(256)).min(1).max(100),
  default: z.string().max(256),
  ...meta,
});

export const ParamDef = z.discriminatedUnion('type', [NumberParam, StringParam, BooleanParam, EnumParam]);
export type ParamDef = z.infer<typeof ParamDef>;

export const Params = z.record(Identifier, ParamDef);
export type Params = z.infer<typeof Params>;

/** A concrete parameter value, as given on the command line or in a template form. */
export type ParamValue = number | string | boolean;
