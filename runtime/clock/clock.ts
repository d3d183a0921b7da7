/** Clocks: the wall clock for serving, and a virtual clock that simulation and tests move by hand. */
import type { Millis } from '../engine/types.ts';

export interface Clock {
  /** Current time, epoch ms. */
  now(): Millis;
  /** A virtual clock only moves when told to; the runtime then fires timers on `advanceTo`, not on its own. */
  readonly virtual: boolean;
  /** Virtual clocks: move forward to `time` (never backwards). */
  advanceTo?(time: Millis): void;
}

/**
 * The wall clock.
 *
 * @example
 * const clock = new RealClock();
 * clock.now(); // Date.now()
 */
export class RealClock implements Clock {
  readonly virtual = false;
  now(): Millis {
    return Date.now();
  }
}

/**
 * A clock that stands still until moved; it never goes backwards.
 *
 * @example
 * const clock = new VirtualClock(Date.parse('2025-01-01T00:00:00Z'));
 * clock.advanceTo(clock.now() + 86_400_000);
 */
export class VirtualClock implements Clock {
  readonly virtual = true;
  private current: Millis;

  constructor(start: Millis = 0) {
    this.current = start;
  }

  now(): Millis {
    return this.current;
  }

  /** Moves the clock forward to `time`; an earlier time leaves it where it is. */
  advanceTo(time: Millis): void {
    if (time > this.current) this.current = time;
  }
}
