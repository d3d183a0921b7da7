/** Sample cohorts: deterministic synthetic customers per template pack, as Segment-style events for `simulate` and the editor's simulator. */
import { aarrrBehaviours } from './aarrr/behaviours.ts';
import { awarenessBehaviours } from './awareness-to-advocacy/behaviours.ts';
import { churnBehaviours } from './churn-warning/behaviours.ts';
import { CustomerScript, mulberry32, type Behaviour, type SegmentEvent } from './cohort-script.ts';
import { dormancyBehaviours } from './dormancy-ladder/behaviours.ts';
import { findTemplate } from './index.ts';
import { k12Behaviours } from './k12-five-stage/behaviours.ts';
import { ladderBehaviours } from './purchase-ladder/behaviours.ts';
import { rfmBehaviours } from './rfm-segments/behaviours.ts';

export type { SegmentEvent } from './cohort-script.ts';

/** Each pack's behaviours by the names its `cohort.mix` uses. */
const BEHAVIOURS: Readonly<Record<string, Readonly<Record<string, Behaviour>>>> = {
  'dormancy-ladder': dormancyBehaviours,
  'k12-five-stage': k12Behaviours,
  aarrr: aarrrBehaviours,
  'rfm-segments': rfmBehaviours,
  'awareness-to-advocacy': awarenessBehaviours,
  'purchase-ladder': ladderBehaviours,
  'churn-warning': churnBehaviours,
};

export interface CohortOptions {
  /** Number of customers; default from the pack's cohort settings. */
  size?: number;
  /** PRNG seed; default from the pack's cohort settings. */
  seed?: number;
  /** First day of the window (ISO time or epoch ms); the window starts at that day's 00:00 UTC. */
  start: string | number;
  /** Length of the window in days; default from the pack's cohort settings. */
  days?: number;
}

/**
 * A deterministic synthetic cohort for a template pack: every customer scripted by one of the pack's
 * behaviours (drawn by the pack's mix weights), all events merged in time order. The same options
 * always give the same events; customer n is the same whatever the cohort size.
 *
 * @example
 * const events = generateCohort('dormancy-ladder', { start: '2025-01-01', size: 50 });
 * events[0]; // { type: 'track', event: 'purchase', userId: 'dormancy-ladder-0007', timestamp: '2025-01-01T…Z', … }
 */
export function generateCohort(templateId: string, options: CohortOptions): SegmentEvent[] {
  const pack = findTemplate(templateId);
  const behaviours = Object.hasOwn(BEHAVIOURS, templateId) ? BEHAVIOURS[templateId] : undefined;
  if (pack === undefined || behaviours === undefined) throw new Error(`there is no template pack "${templateId}" with a cohort generator`);
  const size = options.size ?? pack.cohort.size;
  const seed = options.seed ?? pack.cohort.seed;
  const days = options.days ?? pack.cohort.days;
  if (!Number.isInteger(size) || size < 0 || size > 100_000) throw new RangeError(`cohort size must be a whole number from 0 to 100000, got ${size}`);
  if (!Number.isInteger(days) || days < 1 || days > 3660) throw new RangeError(`cohort days must be a whole number from 1 to 3660, got ${days}`);
  const startMs = typeof options.start === 'number' ? options.start : Date.parse(options.start);
  if (!Number.isFinite(startMs)) throw new RangeError(`cohort start is not a time: ${String(options.start)}`);
  const start = startMs - (((startMs % 86_400_000) + 86_400_000) % 86_400_000);

  const mix = Object.entries(pack.cohort.mix).filter(([, weight]) => weight > 0);
  for (const [name] of mix) {
    if (!Object.hasOwn(behaviours, name)) throw new Error(`pack "${templateId}" names cohort behaviour "${name}", which its generator does not know (known: ${Object.keys(behaviours).join(', ')})`);
  }
  const total = mix.reduce((sum, [, weight]) => sum + weight, 0);

  const events: SegmentEvent[] = [];
  for (let index = 0; index < size; index++) {
    const customerSeed = mulberry32((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0)();
    const customerRandom = Math.floor(customerSeed * 4_294_967_296);
    let draw = mulberry32(customerRandom ^ 0x5bd1e995)() * total;
    const [name] = mix.find(([, weight]) => (draw -= weight) < 0) ?? mix[mix.length - 1]!;
    const userId = `${templateId}-${String(index + 1).padStart(4, '0')}`;
    const script = new CustomerScript(userId, customerRandom, start, days, `${templateId}-${seed}-${index + 1}`);
    behaviours[name]!(script);
    events.push(...script.events);
  }
  return events.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : a.messageId < b.messageId ? -1 : 1));
}
