/** The toolkit a pack's behaviours use to script one synthetic customer: a seeded PRNG and an event recorder on a day grid. */

/** A Segment-style event, as `/v1/track`, `/v1/identify` and `simulate --events` take it. */
export interface SegmentEvent {
  type: 'track' | 'identify';
  /** The tracked event's name; absent for `identify`. */
  event?: string;
  userId: string;
  /** ISO 8601, UTC. */
  timestamp: string;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  messageId: string;
}

const DAY_MS = 86_400_000;

/**
 * mulberry32: a small, fast 32-bit PRNG. Deterministic for a seed, the same in every JavaScript engine.
 *
 * @example
 * const next = mulberry32(42); next(); // 0.6011037519201636
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** One customer being scripted: draws random numbers and records events at day offsets from the cohort start. */
export class CustomerScript {
  readonly events: SegmentEvent[] = [];
  private readonly random: () => number;

  constructor(
    readonly userId: string,
    seed: number,
    private readonly start: number,
    /** Events on or after this day offset are outside the cohort window and are dropped. */
    readonly days: number,
    private readonly messagePrefix: string,
  ) {
    this.random = mulberry32(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    return this.random();
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.random() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  /** A `track` event on day `day` (fractional days allowed) at a daytime hour in China (09:00–21:59 UTC+8). */
  track(day: number, event: string, properties: Record<string, unknown> = {}): void {
    this.record(day, { type: 'track', event, properties });
  }

  /** An `identify` call on day `day`. */
  identify(day: number, traits: Record<string, unknown>): void {
    this.record(day, { type: 'identify', traits });
  }

  private record(day: number, body: Pick<SegmentEvent, 'type' | 'event' | 'properties' | 'traits'>): void {
    if (day < 0 || day >= this.days) return;
    // 01:00–13:59 UTC is 09:00–21:59 in China: people act in the daytime.
    const minuteOfDay = 60 + this.int(0, 13 * 60 - 1);
    const at = this.start + Math.floor(day) * DAY_MS + minuteOfDay * 60_000 + this.int(0, 59) * 1000;
    this.events.push({ ...body, userId: this.userId, timestamp: new Date(at).toISOString(), messageId: `${this.messagePrefix}-${this.events.length + 1}` });
  }
}

/** A behaviour scripts one customer's whole history in the cohort window. */
export type Behaviour = (customer: CustomerScript) => void;
