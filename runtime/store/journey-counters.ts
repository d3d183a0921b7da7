/** Per-journey numbers kept up to date as steps are committed, so stats never rescan customers or timelines. */
import type { CustomerState, Effect, JourneyInstance, Millis } from '../engine/types.ts';
import type { JourneyCounters, NodeCounters, DailyStages } from './types.ts';

const DAY = 86_400_000;
const utcDay = (at: Millis): number => Math.floor(at / DAY);

interface JourneyTally {
  entered: number;
  active: number;
  nodes: Map<string, NodeCounters>;
  stagesNow: Map<string, number>;
  /** Each customer's latest stage, to know which stage a change leaves. */
  currentStage: Map<string, string>;
  /** Per stage, the customers who ever reached it (the denominator of a transition's rate). */
  reached: Map<string, Set<string>>;
  transitions: Map<string, { from: string | null; to: string; count: number }>;
  goals: Map<string, { goal: string; converted: number }>;
  /** UTC day → stage → net change of the stage's head count that day. */
  dailyDelta: Map<number, Map<string, number>>;
}

/** A snapshot line of the counters (see {@link JourneyCounterBook.capture}). */
export type CounterLine =
  | {
      t: 'tally';
      journeyId: string;
      entered: number;
      active: number;
      nodes: [string, NodeCounters][];
      stagesNow: [string, number][];
      transitions: { from: string | null; to: string; count: number }[];
      goals: [string, { goal: string; converted: number }][];
      dailyDelta: [number, [string, number][]][];
    }
  | { t: 'tallyStages'; journeyId: string; pairs: [string, string][] }
  | { t: 'tallyReached'; journeyId: string; stage: string; customers: string[] };

const newTally = (): JourneyTally => ({
  entered: 0,
  active: 0,
  nodes: new Map(),
  stagesNow: new Map(),
  currentStage: new Map(),
  reached: new Map(),
  transitions: new Map(),
  goals: new Map(),
  dailyDelta: new Map(),
});

const bump = (counts: Map<string, number>, key: string, by: number): void => {
  const next = (counts.get(key) ?? 0) + by;
  if (next === 0) counts.delete(key);
  else counts.set(key, next);
};

/** An instance of the journey, only when the customer really has one (ids are user input: never an inherited key). */
const instanceOf = (state: CustomerState | undefined, journeyId: string): JourneyInstance | undefined =>
  state !== undefined && Object.hasOwn(state.journeys, journeyId) ? state.journeys[journeyId] : undefined;

/** A plain object with the map's entries as own properties (a stage may be called `constructor`). */
const recordOf = (counts: ReadonlyMap<string, number>): Record<string, number> => Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** Whether the effect leaves a wait without visiting it (see {@link nodeVisits}). */
const leavesWait = (effect: Effect): boolean => effect.kind === 'branch' && (effect.branch === 'timeout' || effect.branch.startsWith('event:'));
const sameVisit = (a: Effect, b: Effect): boolean => a.inputId === b.inputId && a.node === b.node;

/** Which of a step's effects counted as part of a visit (reused: counting never nests). */
const passed: boolean[] = [];

/**
 * Why effects count the way they do: a node counts one visit per input that reached it. Leaving a
 * wait is not a visit (its `event:n` / `timeout` branch, or nothing at all for a delay), nor is an
 * events wait moving its timeout (`timerCleared` then `timerSet` on the same node), nor a migration
 * re-planning a timer.
 *
 * A step has a handful of effects, so earlier ones are compared pairwise: no keys, sets or map are built
 * unless a node is visited (this runs for every committed step).
 */
function nodeVisits(effects: readonly Effect[], journeyId: string): Map<string, number> | undefined {
  let nodes: Map<string, number> | undefined;
  for (let i = 0; i < effects.length; i++) {
    const effect = effects[i]!;
    passed[i] = false;
    if (effect.journeyId !== journeyId || effect.kind === 'timerCleared' || leavesWait(effect)) continue;
    let seenBefore = false;
    for (let j = 0; j < i && !seenBefore; j++) {
      const earlier = effects[j]!;
      if (earlier.journeyId !== journeyId || !sameVisit(earlier, effect)) continue;
      // A timer moved at the node (cleared, then set again) is not a visit; nor is a second effect of a visit.
      if ((effect.kind === 'timerSet' && earlier.kind === 'timerCleared') || passed[j]) seenBefore = true;
    }
    if (effect.kind === 'timerSet' && seenBefore) continue;
    passed[i] = true;
    if (seenBefore) continue;
    nodes ??= new Map();
    nodes.set(effect.node, (nodes.get(effect.node) ?? 0) + 1);
  }
  return nodes;
}

/**
 * @example
 * const book = new JourneyCounterBook();
 * book.recordStep(previousState, nextState, effects); // at every commit
 * book.counters('dormancy-ladder').nodes.wait_30d?.waiting;
 */
export class JourneyCounterBook {
  private readonly tallies = new Map<string, JourneyTally>();

  /**
   * The book as it is now, as snapshot lines: copied at once (a snapshot is written while commits go on),
   * encoded lazily. Per-customer parts (current stage, stages reached) go in chunks of 10,000 customers.
   */
  capture(): Iterable<string> {
    const copies = [...this.tallies].map(([journeyId, t]) => ({
      head: {
        t: 'tally',
        journeyId,
        entered: t.entered,
        active: t.active,
        nodes: [...t.nodes].map(([node, counts]) => [node, { ...counts }]),
        stagesNow: [...t.stagesNow],
        transitions: [...t.transitions.values()].map((transition) => ({ ...transition })),
        goals: [...t.goals].map(([node, goal]) => [node, { ...goal }]),
        dailyDelta: [...t.dailyDelta].map(([day, deltas]) => [day, [...deltas]]),
      },
      currentStage: [...t.currentStage],
      reached: [...t.reached].map(([stage, customers]) => [stage, [...customers]] as const),
    }));
    return {
      *[Symbol.iterator]() {
        const CHUNK = 10_000;
        for (const { head, currentStage, reached } of copies) {
          yield JSON.stringify(head);
          for (let i = 0; i < currentStage.length; i += CHUNK) yield JSON.stringify({ t: 'tallyStages', journeyId: head.journeyId, pairs: currentStage.slice(i, i + CHUNK) });
          for (const [stage, customers] of reached) {
            for (let i = 0; i < customers.length; i += CHUNK) yield JSON.stringify({ t: 'tallyReached', journeyId: head.journeyId, stage, customers: customers.slice(i, i + CHUNK) });
          }
        }
      },
    };
  }

  /** Restores one line written by {@link capture}. */
  restore(line: CounterLine): void {
    const tally = this.tally(line.journeyId);
    switch (line.t) {
      case 'tally':
        tally.entered = line.entered;
        tally.active = line.active;
        for (const [node, counts] of line.nodes) tally.nodes.set(node, counts);
        for (const [stage, count] of line.stagesNow) tally.stagesNow.set(stage, count);
        for (const transition of line.transitions) tally.transitions.set(`${transition.from ?? ''}\u0000${transition.to}`, transition);
        for (const [node, goal] of line.goals) tally.goals.set(node, goal);
        for (const [day, deltas] of line.dailyDelta) tally.dailyDelta.set(day, new Map(deltas));
        return;
      case 'tallyStages':
        for (const [customerId, stage] of line.pairs) tally.currentStage.set(customerId, stage);
        return;
      case 'tallyReached': {
        let reached = tally.reached.get(line.stage);
        if (reached === undefined) tally.reached.set(line.stage, (reached = new Set()));
        for (const customerId of line.customers) reached.add(customerId);
        return;
      }
    }
  }

  private tally(journeyId: string): JourneyTally {
    let tally = this.tallies.get(journeyId);
    if (tally === undefined) this.tallies.set(journeyId, (tally = newTally()));
    return tally;
  }

  private node(tally: JourneyTally, node: string): NodeCounters {
    let counts = tally.nodes.get(node);
    if (counts === undefined) tally.nodes.set(node, (counts = { entered: 0, waiting: 0, exited: 0, converted: 0 }));
    return counts;
  }

  /**
   * One committed step of one customer: where its instances stood before and after, and what it emitted.
   * Restoring a snapshot calls it once per customer with no previous state and the whole timeline.
   */
  recordStep(previous: CustomerState | undefined, next: CustomerState, effects: readonly Effect[]): void {
    // The journeys the customer is in, then any other journey an effect names, each once (usually one).
    const journeyIds = Object.keys(next.journeys);
    for (const effect of effects) if (!journeyIds.includes(effect.journeyId)) journeyIds.push(effect.journeyId);
    for (const journeyId of journeyIds) {
      const before = instanceOf(previous, journeyId);
      const after = instanceOf(next, journeyId);
      if (before === undefined && after === undefined && !effects.some((e) => e.journeyId === journeyId)) continue;
      const tally = this.tally(journeyId);
      this.placeChange(tally, before, after);
      const visits = nodeVisits(effects, journeyId);
      if (visits !== undefined) for (const [node, count] of visits) this.node(tally, node).entered += count;
      for (const effect of effects) if (effect.journeyId === journeyId) this.countEffect(tally, effect);
    }
  }

  /** Moves the customer's head counts from where the instance was to where it is. */
  private placeChange(tally: JourneyTally, before: JourneyInstance | undefined, after: JourneyInstance | undefined): void {
    if (before === undefined && after !== undefined) tally.entered++;
    // Most steps leave the instance where it was (an event that moves a wait's timeout): nothing to move.
    if (before !== undefined && after !== undefined && before.node === after.node && before.status === after.status) return;
    if (before !== undefined) this.count(tally, before, -1);
    if (after !== undefined) this.count(tally, after, 1);
  }

  /** Adds `sign` to the head counts of where the instance stands. */
  private count(tally: JourneyTally, instance: JourneyInstance, sign: 1 | -1): void {
    const counts = this.node(tally, instance.node);
    if (instance.status === 'active') {
      tally.active += sign;
      counts.waiting += sign;
    } else {
      counts.exited += sign;
    }
  }

  private countEffect(tally: JourneyTally, effect: Effect): void {
    if (effect.kind === 'goal') {
      const goal = tally.goals.get(effect.node) ?? { goal: effect.goal, converted: 0 };
      tally.goals.set(effect.node, goal);
      if (effect.converted) {
        goal.converted++;
        this.node(tally, effect.node).converted++;
      }
      return;
    }
    if (effect.kind !== 'stage') return;
    const left = tally.currentStage.get(effect.customerId);
    const delta = tally.dailyDelta.get(utcDay(effect.at)) ?? new Map<string, number>();
    tally.dailyDelta.set(utcDay(effect.at), delta);
    if (left !== undefined) {
      bump(tally.stagesNow, left, -1);
      bump(delta, left, -1);
    }
    bump(tally.stagesNow, effect.stage, 1);
    bump(delta, effect.stage, 1);
    tally.currentStage.set(effect.customerId, effect.stage);
    const from = effect.from ?? null;
    const key = `${from ?? ''}\u0000${effect.stage}`;
    const transition = tally.transitions.get(key) ?? { from, to: effect.stage, count: 0 };
    transition.count++;
    tally.transitions.set(key, transition);
    let reached = tally.reached.get(effect.stage);
    if (reached === undefined) tally.reached.set(effect.stage, (reached = new Set()));
    reached.add(effect.customerId);
  }

  /** The journey's numbers now (all zero for a journey nobody entered). */
  counters(journeyId: string): JourneyCounters {
    const tally = this.tallies.get(journeyId) ?? newTally();
    const nodes: Record<string, NodeCounters> = {};
    for (const [node, counts] of [...tally.nodes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      Object.defineProperty(nodes, node, { value: { ...counts }, enumerable: true, writable: true, configurable: true });
    }
    const reached = new Map([...tally.reached].map(([stage, customers]) => [stage, customers.size]));
    return {
      customers: { entered: tally.entered, active: tally.active },
      nodes,
      stages: recordOf(tally.stagesNow),
      reached: recordOf(reached),
      transitions: [...tally.transitions.values()].map((t) => ({ ...t })),
      goals: [...tally.goals].map(([node, g]) => ({ node, goal: g.goal, converted: g.converted })),
    };
  }

  /** Head counts per stage at the end of each UTC day from `from`'s day to `until`'s day: running sums of the daily changes. */
  dailyStages(journeyId: string, range: { from: Millis; until: Millis }): DailyStages {
    const tally = this.tallies.get(journeyId);
    const first = utcDay(range.from);
    const last = utcDay(range.until);
    const running = new Map<string, number>();
    const days = tally === undefined ? [] : [...tally.dailyDelta.keys()].sort((a, b) => a - b);
    let next = 0;
    const addDay = (day: number): void => {
      for (const [stage, change] of tally!.dailyDelta.get(day)!) bump(running, stage, change);
    };
    for (; next < days.length && days[next]! < first; next++) addDay(days[next]!);
    const series: DailyStages = [];
    for (let day = first; day <= last; day++) {
      if (next < days.length && days[next] === day) addDay(days[next++]!);
      series.push({ date: new Date(day * DAY).toISOString().slice(0, 10), counts: recordOf(running) });
    }
    return series;
  }
}
