/** Runs one journey over a cohort's events on a virtual clock with the real engine, and sums up what happened per node, per stage and per day. */
import type { Plan } from '../../dsl/compiler/plan.ts';
import { dueTimers, step, timerInput } from '../../runtime/engine/index.ts';
import type { CustomerState, Effect, Input, Millis, PlanSet } from '../../runtime/engine/types.ts';
import type { NodeCounts } from '../flow/document-to-flow.ts';

const DAY_MS = 86_400_000;

export interface SimulationSummary {
  customers: number;
  days: number;
  inputs: number;
  effects: number;
  /** Entry counts under `$entry`. */
  nodeCounts: Record<string, NodeCounts>;
  /** Customers in each stage at the end of each UTC day. */
  daily: { date: string; counts: Record<string, number> }[];
  transitions: { from: string; to: string; count: number }[];
  goals: Record<string, { reached: number; converted: number }>;
}

/** A min-heap of (time, customer) wake-ups for pending timers. */
class WakeUps {
  private heap: { at: Millis; customerId: string }[] = [];
  push(at: Millis, customerId: string): void {
    const h = this.heap;
    h.push({ at, customerId });
    for (let i = h.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (h[parent]!.at <= h[i]!.at) break;
      [h[parent], h[i]] = [h[i]!, h[parent]!];
      i = parent;
    }
  }
  peek(): { at: Millis; customerId: string } | undefined {
    return this.heap[0];
  }
  pop(): { at: Millis; customerId: string } | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && h[l]!.at < h[m]!.at) m = l;
        if (r < h.length && h[r]!.at < h[m]!.at) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i]!, h[m]!];
        i = m;
      }
    }
    return top;
  }
}

const dayKey = (at: Millis): string => new Date(Math.floor(at / DAY_MS) * DAY_MS).toISOString().slice(0, 10);

/**
 * Simulates `plan` over time-ordered inputs; timers fire on the virtual clock up to `until`
 * (default: 30 days after the last input). `onProgress` is called every few hundred inputs.
 *
 * @example
 * const summary = simulateJourney(plan, parseSegmentNdjson(ndjson).inputs);
 * summary.nodeCounts.wait_silent?.current;
 */
export function simulateJourney(plan: Plan, inputs: readonly Input[], options: { until?: Millis; onProgress?: (done: number, total: number) => void } = {}): SimulationSummary {
  const plans: PlanSet = { live: [plan], version: (id, v) => (id === plan.journeyId && v === plan.version ? plan : undefined) };
  const states = new Map<string, CustomerState>();
  const wakeUps = new WakeUps();
  const passed: Record<string, number> = {};
  const stageOf = new Map<string, string>();
  const stageCounts: Record<string, number> = {};
  const transitions = new Map<string, number>();
  const goals: SimulationSummary['goals'] = {};
  const daily: SimulationSummary['daily'] = [];
  let effectsCount = 0;
  const first = inputs[0]?.at;
  const last = inputs[inputs.length - 1]?.at;
  const until = options.until ?? (last === undefined ? 0 : last + 30 * DAY_MS);
  let nextDay = first === undefined ? Infinity : (Math.floor(first / DAY_MS) + 1) * DAY_MS;

  const closeDaysUpTo = (at: Millis) => {
    while (nextDay <= at) {
      daily.push({ date: dayKey(nextDay - 1), counts: { ...stageCounts } });
      nextDay += DAY_MS;
    }
  };

  const record = (effects: readonly Effect[]) => {
    effectsCount += effects.length;
    const visited = new Set<string>();
    for (const e of effects) {
      if (e.kind === 'entered') passed.$entry = (passed.$entry ?? 0) + 1;
      if (e.kind !== 'timerCleared' && !visited.has(e.node)) {
        visited.add(e.node);
        passed[e.node] = (passed[e.node] ?? 0) + 1;
      }
      if (e.kind === 'stage') {
        const before = stageOf.get(e.customerId);
        if (before !== undefined) {
          stageCounts[before] = (stageCounts[before] ?? 1) - 1;
          const key = `${before}\u0000${e.stage}`;
          transitions.set(key, (transitions.get(key) ?? 0) + 1);
        }
        stageOf.set(e.customerId, e.stage);
        stageCounts[e.stage] = (stageCounts[e.stage] ?? 0) + 1;
      }
      if (e.kind === 'goal') {
        const g = (goals[e.goal] ??= { reached: 0, converted: 0 });
        g.reached++;
        if (e.converted) g.converted++;
      }
    }
  };

  const run = (input: Input) => {
    const result = step(plans, states.get(input.customerId), input);
    states.set(input.customerId, result.state);
    record(result.effects);
    const next = dueTimers(result.state)[0];
    if (next) wakeUps.push(next.fireAt, input.customerId);
  };

  const fireTimersUpTo = (at: Millis) => {
    for (let wake = wakeUps.peek(); wake && wake.at <= at; wake = wakeUps.peek()) {
      wakeUps.pop();
      closeDaysUpTo(wake.at);
      const state = states.get(wake.customerId);
      const due = state ? dueTimers(state, wake.at)[0] : undefined;
      if (state && due) run(timerInput(wake.customerId, due));
    }
  };

  inputs.forEach((input, i) => {
    fireTimersUpTo(input.at);
    closeDaysUpTo(input.at);
    run(input);
    if (options.onProgress && i % 250 === 0) options.onProgress(i, inputs.length);
  });
  fireTimersUpTo(until);
  closeDaysUpTo(until);
  options.onProgress?.(inputs.length, inputs.length);

  const nodeCounts: Record<string, NodeCounts> = {};
  for (const [node, count] of Object.entries(passed)) nodeCounts[node] = { passed: count, current: 0 };
  for (const state of states.values()) {
    const instance = state.journeys[plan.journeyId];
    if (instance?.status === 'active') {
      const counts = (nodeCounts[instance.node] ??= { passed: 0, current: 0 });
      counts.current = (counts.current ?? 0) + 1;
    }
  }
  return {
    customers: states.size,
    days: daily.length,
    inputs: inputs.length,
    effects: effectsCount,
    nodeCounts,
    daily,
    transitions: [...transitions.entries()].map(([key, count]) => {
      const [from = '', to = ''] = key.split('\u0000');
      return { from, to, count };
    }),
    goals,
  };
}
