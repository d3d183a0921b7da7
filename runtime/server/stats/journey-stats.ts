/** A journey's numbers: per-node counts, stage distribution now and per day, stage-to-stage transitions, goal conversions. */
import type { Effect, Millis } from '../../engine/types.ts';
import type { CustomerStore, HistoryStore, Page, PageQuery, StageChange, TimelineEntry } from '../../store/types.ts';

export interface NodeCounts {
  /** Times customers reached the node. */
  entered: number;
  /** Customers at the node now. */
  waiting: number;
  /** Customers whose journey ended at the node (their latest instance). */
  exited: number;
  /** Goal nodes: conversions counted within the goal window. */
  converted: number;
}

export interface JourneyStats {
  customers: { entered: number; active: number };
  nodes: Record<string, NodeCounts>;
  stages: {
    now: Record<string, number>;
    daily: { date: string; counts: Record<string, number> }[];
  };
  transitions: { from: string | null; to: string; count: number; rate: number }[];
  goals: { goal: string; node: string; converted: number; rate: number }[];
}

const DAY = 86_400_000;

/** Walks every page of a listing. */
async function* allPages<T>(list: (query: PageQuery) => Promise<Page<T>>): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const page = await list({ ...(cursor === undefined ? {} : { cursor }), limit: 1000 });
    yield* page.items;
    cursor = page.next;
  } while (cursor !== undefined);
}

const emptyCounts = (): NodeCounts => ({ entered: 0, waiting: 0, exited: 0, converted: 0 });

/**
 * Computes the stats of one journey from the store: customers' current instances, their timelines and the
 * stage history. `days` daily points end at the UTC day of `now`.
 *
 * @example
 * const stats = await journeyStats(store, 'dormancy-ladder', { now: Date.now(), days: 30 });
 * stats.stages.now; // { active: 120, silent: 14, … }
 */
export async function journeyStats(
  store: Pick<CustomerStore, 'listCustomers'> & HistoryStore,
  journeyId: string,
  options: { now: Millis; days: number },
): Promise<JourneyStats> {
  const nodes: Record<string, NodeCounts> = Object.create(null);
  const countsOf = (node: string): NodeCounts => (nodes[node] ??= emptyCounts());
  const goals = new Map<string, { goal: string; converted: number }>();
  let entered = 0;
  let active = 0;

  for await (const customer of allPages((q) => store.listCustomers({ ...q, journeyId }))) {
    const instance = customer.journeys[journeyId];
    if (instance === undefined) continue;
    if (instance.status === 'active') {
      active++;
      countsOf(instance.node).waiting++;
    } else {
      countsOf(instance.node).exited++;
    }
    const effects: Effect[] = [];
    for await (const entry of allPages((q) => store.timeline(customer.customerId, q)) as AsyncGenerator<TimelineEntry>) {
      if (entry.kind === 'effect' && entry.effect.journeyId === journeyId) effects.push(entry.effect);
    }
    effects.reverse(); // the timeline is newest first
    const visits = new Set<string>();
    // A wait sets a timer when reached; its later `branch` effect is the customer leaving, not a new visit.
    const waits = new Set<string>();
    let enteredHere = false;
    for (const effect of effects) {
      if (effect.kind === 'entered') enteredHere = true;
      if (effect.kind === 'timerSet') waits.add(effect.node);
      const leavingWait = effect.kind === 'branch' && waits.has(effect.node);
      // One visit per node per step: a step is identified by the input that caused it.
      const visit = `${effect.inputId}\u0000${effect.node}`;
      if (effect.kind !== 'entered' && effect.kind !== 'timerCleared' && !leavingWait && !visits.has(visit)) {
        visits.add(visit);
        countsOf(effect.node).entered++;
      }
      if (effect.kind === 'goal') {
        const goal = goals.get(effect.node) ?? { goal: effect.goal, converted: 0 };
        if (effect.converted) {
          goal.converted++;
          countsOf(effect.node).converted++;
        }
        goals.set(effect.node, goal);
      }
    }
    if (enteredHere) entered++;
  }

  const now = await store.stageDistribution(journeyId, options.now);
  const today = Math.floor(options.now / DAY);
  const daily: JourneyStats['stages']['daily'] = [];
  for (let d = today - options.days + 1; d <= today; d++) {
    const endOfDay = Math.min(options.now, (d + 1) * DAY - 1);
    daily.push({ date: new Date(d * DAY).toISOString().slice(0, 10), counts: await store.stageDistribution(journeyId, endOfDay) });
  }

  const transitions = new Map<string, { from: string | null; to: string; count: number }>();
  const reached = new Map<string, Set<string>>();
  for await (const change of allPages((q) => store.stageChanges({ ...q, journeyId })) as AsyncGenerator<StageChange>) {
    const key = `${change.from ?? ''}\u0000${change.stage}`;
    const t = transitions.get(key) ?? { from: change.from ?? null, to: change.stage, count: 0 };
    t.count++;
    transitions.set(key, t);
    const set = reached.get(change.stage) ?? new Set<string>();
    set.add(change.customerId);
    reached.set(change.stage, set);
  }
  const rate = (part: number, whole: number): number => (whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000);

  return {
    customers: { entered, active },
    nodes,
    stages: { now, daily },
    // The rate of a move is relative to the customers who ever reached its starting stage (or entered, for a first stage).
    transitions: [...transitions.values()].map((t) => ({
      ...t,
      rate: rate(t.count, t.from === null ? entered : (reached.get(t.from)?.size ?? 0)),
    })),
    goals: [...goals.entries()].map(([node, g]) => ({ goal: g.goal, node, converted: g.converted, rate: rate(g.converted, entered) })),
  };
}
