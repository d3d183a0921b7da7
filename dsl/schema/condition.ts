/** Conditions in json-rules-engine's format: `all` / `any` / `not` groups over `fact operator value` leaves. */
import { z } from 'zod';
import { FORBIDDEN_NAMES, Identifier, ParamRef } from './common.ts';

/** The json-rules-engine built-in operators; no custom operator can be named, so nothing else can run. */
export const OPERATORS = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
] as const;
export const Operator = z.enum(OPERATORS);
export type Operator = z.infer<typeof Operator>;

/** A literal a condition compares against. */
export const Scalar = z.union([z.string().max(4000), z.number(), z.boolean(), z.null()]);
export type Scalar = z.infer<typeof Scalar>;

export const ConditionValue = z.union([Scalar, z.array(z.union([z.string().max(4000), z.number()])).max(1000), ParamRef]);
export type ConditionValue = z.infer<typeof ConditionValue>;

/**
 * A JSONPath into an object fact, restricted to plain member access (`$.amount`, `$.student.grade`),
 * so that every evaluator resolves it the same way.
 */
export const FactPath = z
  .string()
  .regex(/^\$(\.[A-Za-z_][A-Za-z0-9_]*)+$/, 'must be a JSONPath of plain member names, like $.amount')
  .refine((p) => !p.split('.').some((s) => FORBIDDEN_NAMES.has(s)), 'must not name __proto__, constructor or prototype')
  .max(256);

/** Parameters of a built-in fact, e.g. `{ "event": "purchase" }` for `daysSinceLast`. */
export const FactParams = z.record(Identifier, z.union([z.string().max(256), z.number()]));

export const FactCondition = z.strictObject({
  fact: Identifier,
  operator: Operator,
  value: ConditionValue,
  path: FactPath.optional(),
  params: FactParams.optional(),
});
export type FactCondition = z.infer<typeof FactCondition>;

export type AllCondition = { all: Condition[] };
export type AnyCondition = { any: Condition[] };
export type NotCondition = { not: Condition };
export type Condition = AllCondition | AnyCondition | NotCondition | FactCondition;

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    FactCondition,
    z.strictObject({ all: z.array(Condition).max(200) }),
    z.strictObject({ any: z.array(Condition).max(200) }),
    z.strictObject({ not: Condition }),
  ]),
);

export const isFactCondition = (c: Condition): c is FactCondition => 'fact' in c;
export const isParamRef = (v: ConditionValue): v is ParamRef =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && 'param' in v;
