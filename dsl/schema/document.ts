/** The journey document: the one thing the canvas edits, the text form prints and the compiler reads. */
import { z } from 'zod';
import { JourneyNode } from '../nodes/index.ts';
import { Duration, EventName, Identifier, LocalizedText, NodeRef, Slug, TimeOfDay, TimeZone } from './common.ts';
import { Condition } from './condition.ts';
import { DataSchema } from './data-schema.ts';
import { Params } from './params.ts';

/** An event (optionally with a condition on it and the customer) puts the customer in. `*` is any event. */
export const EventTrigger = z.strictObject({
  type: z.literal('event'),
  event: EventName,
  when: Condition.optional(),
});
/** A customer enters as soon as their facts match (checked after every event and profile update). */
export const SegmentTrigger = z.strictObject({
  type: z.literal('segment'),
  when: Condition,
});
/** Every day (or on the given ISO weekdays, 1 = Monday) at a time of day, customers matching `when` enter. */
export const ScheduleTrigger = z.strictObject({
  type: z.literal('schedule'),
  at: TimeOfDay,
  weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7).optional(),
  when: Condition.optional(),
});
export const Trigger = z.discriminatedUnion('type', [EventTrigger, SegmentTrigger, ScheduleTrigger]);
export type Trigger = z.infer<typeof Trigger>;

/**
 * `never`: a customer enters at most once. `afterExit`: again once they have left (after `cooldown`, if set).
 */
export const Entry = z.strictObject({
  trigger: Trigger,
  reentry: z.enum(['never', 'afterExit']).default('never'),
  cooldown: Duration.optional(),
  next: NodeRef,
});
export type Entry = z.infer<typeof Entry>;

export const FrequencyCap = z.strictObject({
  /** A channel name, or `*` for all channels together. */
  channel: z.string().min(1).max(64),
  max: z.number().int().min(1).max(10_000),
  per: Duration,
});

/** Messages due in quiet hours are dropped, or deferred to the end of the window (which may cross midnight). */
export const QuietHours = z.strictObject({
  from: TimeOfDay,
  to: TimeOfDay,
  mode: z.enum(['drop', 'defer']),
});

export const Policies = z.strictObject({
  frequencyCaps: z.array(FrequencyCap).max(50).default([]),
  quietHours: QuietHours.optional(),
  /** A goal reached later than this after entry does not count as a conversion. */
  goalWindow: Duration.optional(),
  /** Default time zone; a customer's `timezone` profile trait overrides it. */
  timezone: TimeZone.default('Asia/Shanghai'),
});
export type Policies = z.infer<typeof Policies>;

export const StageDef = z.strictObject({ id: Identifier, name: LocalizedText });
export type StageDef = z.infer<typeof StageDef>;

export const Position = z.strictObject({ x: z.number().finite(), y: z.number().finite() });

export const JourneyDocument = z.strictObject({
  id: Slug,
  name: LocalizedText,
  version: z.number().int().min(1).max(1_000_000),
  description: LocalizedText.optional(),
  params: Params.default({}),
  stages: z.array(StageDef).max(100).default([]),
  schema: DataSchema.default({ profile: {}, events: {} }),
  entry: Entry,
  nodes: z.array(JourneyNode).min(1).max(5000),
  policies: Policies.default({ frequencyCaps: [], timezone: 'Asia/Shanghai' }),
  layout: z.record(NodeRef, Position).optional(),
});
/** A journey document after validation (defaults filled in). */
export type JourneyDocument = z.infer<typeof JourneyDocument>;
/** A journey document as a user may write it (defaults may be left out). */
export type JourneyDocumentInput = z.input<typeof JourneyDocument>;
