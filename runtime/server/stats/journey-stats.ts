/** A journey's numbers: per-node counts, stage distribution now and per day, stage-to-stage transitions, goal conversions. */
import type { Millis } from '../../engine/types.ts';
import type { HistoryStore, NodeCounters } from '../../store/types.ts';

export interface JourneyStats {
  customers: { entered: number; active: number };
  nodes: Record<string, NodeCounters>;
  stages: {
    now: Record<string, number>;
    daily: { date: string; counts: Record<string, number> }[];
  };
  transitions: { from: string | null; to: string; count: number; rate: number }[];
  goals: { goal: string; node: string; converted: number; rate: number }[];
}

const DAY = 86_400_000;

const rate = (part: number, whole: number): number => (whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000);

/**
 * The stats of one journey from the counters the store keeps at commit time: the cost does not grow
 * with the number of customers or the length of their timelines. `days` daily points end at the
 * UTC day of `now`.
 *
 * @example
 * const stats = await journeyStats(store, 'dormancy-ladder', { now: Date.now(), days: 30 });
 * stats.stages.now; // { active: 120, silent: 14, … }
 */
export async function journeyStats(
  store: Pick<HistoryStore, 'journeyCounters' | 'dailyStages'>,
  journeyId: string,
  options: { now: Millis; days: number },
): Promise<JourneyStats> {
  const counters = await store.journeyCounters(journeyId);
  const daily = await store.dailyStages(journeyId, { from: options.now - (options.days - 1) * DAY, until: options.now });
  const { entered } = counters.customers;
  return {
    customers: counters.customers,
    nodes: counters.nodes,
    stages: { now: counters.stages, daily },
    // The rate of a move is relative to the customers who ever reached its starting stage (or entered, for a first stage).
    transitions: counters.transitions.map((t) => ({
      ...t,
      rate: rate(t.count, t.from === null ? entered : (Object.hasOwn(counters.reached, t.from) ? counters.reached[t.from]! : 0)),
    })),
    goals: counters.goals.map((g) => ({ goal: g.goal, node: g.node, converted: g.converted, rate: rate(g.converted, entered) })),
  };
}
