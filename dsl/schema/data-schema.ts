/** The customer data a journey may read: profile fields and events with typed properties. */
import { z } from 'zod';
import { EventName, Identifier } from './common.ts';

export const PRIMITIVE_TYPES = ['number', 'string', 'boolean', 'timestamp', 'string[]'] as const;
export const PrimitiveType = z.enum(PRIMITIVE_TYPES);
export const EnumType = z.strictObject({ enum: z.array(z.string().min(1).max(256)).min(1).max(200) });

/** A field's type: a primitive, or an enum of strings. */
export const FieldType = z.union([PrimitiveType, EnumType]);
export type FieldType = z.infer<typeof FieldType>;

export const DataSchema = z.strictObject({
  /** Profile fields, filled from `identify` traits. Each is a fact of the same name. */
  profile: z.record(Identifier, FieldType).default({}),
  /** Events and their property types. Properties are read in conditions as `event.<name>`. */
  events: z.record(EventName, z.record(Identifier, FieldType)).default({}),
  /**
   * Which events count as activity for `daysSinceLastActivity` and inactivity timers.
   * Absent: every tracked event of the customer.
   */
  activityEvents: z.array(EventName).min(1).optional(),
});
export type DataSchema = z.infer<typeof DataSchema>;
