/** What a fuzz target is, and the checks every target shares (no prototype pollution, no hang). */
import type fc from 'fast-check';

/** One thing under fuzz: a property that throws when the code under test misbehaves. */
export interface FuzzTarget {
  name: string;
  /** Share of the total case budget (targets that are cheap or wide get more). */
  weight: number;
  property(): fc.IRawProperty<any, boolean>;
  /** Releases what the target opened (servers, stores). */
  close?(): Promise<void>;
}

/** Far longer than any input here should take: only a hang or a pathological blow-up trips it. */
export const HANG_LIMIT_MS = 10_000;

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort().join(',');

/** Throws when some input added keys to `Object.prototype` (prototype pollution). */
export function assertNoPollution(where: string): void {
  const now = Object.getOwnPropertyNames(Object.prototype).sort().join(',');
  if (now !== PROTOTYPE_KEYS || ({} as Record<string, unknown>)['polluted'] !== undefined) {
    throw new Error(`${where}: Object.prototype was polluted (keys now: ${now})`);
  }
}

/**
 * Runs `work` and throws when it took longer than the hang limit (sync code cannot be interrupted; this still reports it).
 *
 * @example
 * timed('parser', () => parseJourneyText(text));
 */
export function timed<T>(where: string, work: () => T): T {
  const start = performance.now();
  const out = work();
  const took = performance.now() - start;
  if (took > HANG_LIMIT_MS) throw new Error(`${where}: took ${Math.round(took)} ms (hang limit ${HANG_LIMIT_MS} ms)`);
  return out;
}
