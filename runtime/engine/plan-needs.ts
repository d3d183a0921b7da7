/** What a plan needs the customer state to remember: daily event buckets for windowed counts, and send times for caps. */
import type { Plan } from '../../dsl/compiler/plan.ts';

/** Windowed counts never look further back than this, whatever a document asks. */
export const MAX_COUNT_WINDOW_DAYS = 365;

export interface PlanNeeds {
  /** Event name (or `*`) → the longest `eventCount(days)` window any condition of the plan asks for. */
  countWindowDays: ReadonlyMap<string, number>;
  /** The longest frequency-cap window, 0 when the plan has no cap. */
  longestCapMs: number;
}

// Plans are immutable; analysing one once is enough.
const needsByPlan = new WeakMap<Plan, PlanNeeds>();

/**
 * Scans the plan's source document for `eventCount` conditions with a `days` parameter (compiled
 * closures are opaque, the source is not) and its frequency caps.
 *
 * @example
 * planNeeds(plan).countWindowDays.get('login'); // 30 when a condition reads eventCount(login, 30)
 */
export function planNeeds(plan: Plan): PlanNeeds {
  let needs = needsByPlan.get(plan);
  if (needs === undefined) {
    const countWindowDays = new Map<string, number>();
    collectCountWindows(plan.source, countWindowDays);
    const longestCapMs = Math.max(0, ...plan.policies.frequencyCaps.map((cap) => cap.perMs));
    needs = { countWindowDays, longestCapMs };
    needsByPlan.set(plan, needs);
  }
  return needs;
}

function collectCountWindows(value: unknown, into: Map<string, number>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectCountWindows(item, into);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const record = value as Record<string, unknown>;
  if (record.fact === 'eventCount' && typeof record.params === 'object' && record.params !== null) {
    const { event, days } = record.params as Record<string, unknown>;
    if (typeof event === 'string' && typeof days === 'number' && days > 0) {
      const window = Math.min(Math.ceil(days), MAX_COUNT_WINDOW_DAYS);
      into.set(event, Math.max(into.get(event) ?? 0, window));
    }
  }
  for (const child of Object.values(record)) collectCountWindows(child, into);
}

/**
 * The needs of several plans together (every plan the customer may meet in one step).
 *
 * @example
 * combinedNeeds([ladder, welcome]).longestCapMs; // the larger of the two plans' cap windows
 */
export function combinedNeeds(plans: readonly Plan[]): PlanNeeds {
  const countWindowDays = new Map<string, number>();
  let longestCapMs = 0;
  for (const plan of plans) {
    const needs = planNeeds(plan);
    for (const [event, days] of needs.countWindowDays) countWindowDays.set(event, Math.max(countWindowDays.get(event) ?? 0, days));
    longestCapMs = Math.max(longestCapMs, needs.longestCapMs);
  }
  return { countWindowDays, longestCapMs };
}
