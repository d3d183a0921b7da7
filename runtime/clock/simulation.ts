/** The fast path: runs journeys over many customers on a virtual clock, all in memory, synchronously, no durability. */
import type { Plan } from '../../dsl/compiler/plan.ts';
import { newCustomerState, nextScheduleAt, scheduleTick } from '../engine/index.ts';
import { stepInPlace } from '../engine/step.ts';
import type { CustomerState, Effect, Input, Millis, PlanSet, StepResult } from '../engine/types.ts';
import { TimerQueue, isTimerPending } from './timer-queue.ts';

export interface SimulationOptions {
  /** Called with every effect, in the order they happen. */
  onEffect?: (effect: Effect) => void;
}

/**
 * Inputs must come in time order. Before an input at time T, every timer due before T fires (in
 * time order), and schedule-triggered journeys tick at each of their times. At the very instant of
 * a timeout the input goes first (the engine's rule: an awaited event exactly at the timeout still
 * counts). The same input id twice has one effect.
 *
 * @example
 * const sim = new Simulation(new PlanRegistry([plan]), { onEffect: (e) => console.log(e.kind, e.node) });
 * sim.ingest({ type: 'event', id: 'm1', customerId: 'c1', event: 'signup', at: Date.parse('2025-01-01T00:00:00Z'), properties: {} });
 * sim.advanceTo(Date.parse('2025-04-01T00:00:00Z')); // fires the 30/45/90-day timers
 */
export class Simulation {
  private readonly states = new Map<string, CustomerState>();
  private readonly seen = new Set<string>();
  private readonly timers = new TimerQueue((t) => isTimerPending(this.states.get(t.customerId), t));
  /** Next tick of each schedule-triggered live journey; set once the clock has a starting point. */
  private readonly ticks = new Map<string, Millis>();
  private now: Millis | undefined;

  constructor(
    private readonly plans: PlanSet,
    private readonly options: SimulationOptions = {},
  ) {}

  /** The simulated time: the latest input or `advanceTo` so far. */
  get time(): Millis | undefined {
    return this.now;
  }

  get customerCount(): number {
    return this.states.size;
  }

  /** The customer's current state: the simulation's own object, changed in place by later inputs. */
  customer(id: string): CustomerState | undefined {
    return this.states.get(id);
  }

  customers(): IterableIterator<CustomerState> {
    return this.states.values();
  }

  /** Processes one input at its time; returns false for a duplicate id. Throws on an input earlier than the clock. */
  ingest(input: Input): boolean {
    if (this.now !== undefined && input.at < this.now) {
      throw new RangeError(`input ${input.id} at ${new Date(input.at).toISOString()} is earlier than the simulated time ${new Date(this.now).toISOString()}`);
    }
    if (this.seen.has(input.id)) return false;
    this.advanceTo(input.at - 1);
    this.now = input.at;
    this.seen.add(input.id);
    this.stepCustomer(input);
    return true;
  }

  /** Fires every timer and schedule tick due at or before `time`, in time order, and moves the clock there. */
  advanceTo(time: Millis): void {
    if (this.now === undefined) this.startSchedules(time);
    for (;;) {
      const timer = this.timers.peek();
      const tick = this.nextTick();
      const timerFirst = timer !== undefined && timer.fireAt <= time && (tick === undefined || timer.fireAt <= tick.at);
      if (timerFirst) {
        this.timers.popDue(timer.fireAt);
        this.now = Math.max(this.now ?? timer.fireAt, timer.fireAt);
        const input: Input = { type: 'timer', id: timer.timerId, customerId: timer.customerId, journeyId: timer.journeyId, at: timer.fireAt };
        this.stepCustomer(input);
      } else if (tick !== undefined && tick.at <= time) {
        this.now = Math.max(this.now ?? tick.at, tick.at);
        this.fireTick(tick.plan, tick.at);
      } else {
        break;
      }
    }
    this.now = Math.max(this.now ?? time, time);
  }

  /** The simulation owns its states, so steps change them in place rather than copying each one. */
  private stepCustomer(input: Input): void {
    let state = this.states.get(input.customerId);
    if (state === undefined) this.states.set(input.customerId, (state = newCustomerState(input.customerId)));
    this.record(state, stepInPlace(this.plans, state, input));
  }

  private apply(customerId: string, run: (state: CustomerState | undefined) => StepResult): void {
    const { state, effects } = run(this.states.get(customerId));
    this.states.set(customerId, state);
    this.record(state, effects);
  }

  /** Queues the timers the step set (every new timer is announced by a timerSet effect) and passes the effects on. */
  private record(state: CustomerState, effects: readonly Effect[]): void {
    for (const effect of effects) {
      if (effect.kind === 'timerSet') this.timers.push({ fireAt: effect.timer.fireAt, customerId: state.customerId, journeyId: effect.timer.journeyId, timerId: effect.timer.id });
    }
    const onEffect = this.options.onEffect;
    if (onEffect !== undefined) for (const effect of effects) onEffect(effect);
  }

  private startSchedules(from: Millis): void {
    for (const plan of this.plans.live) {
      const at = nextScheduleAt(plan, from);
      if (at !== undefined) this.ticks.set(plan.journeyId, at);
    }
  }

  private nextTick(): { plan: Plan; at: Millis } | undefined {
    let next: { plan: Plan; at: Millis } | undefined;
    for (const plan of this.plans.live) {
      const at = this.ticks.get(plan.journeyId);
      if (at !== undefined && (next === undefined || at < next.at)) next = { plan, at };
    }
    return next;
  }

  private fireTick(plan: Plan, at: Millis): void {
    for (const [customerId, known] of [...this.states]) this.apply(customerId, () => scheduleTick(this.plans, known, plan.journeyId, at));
    const following = nextScheduleAt(plan, at + 1);
    if (following === undefined) this.ticks.delete(plan.journeyId);
    else this.ticks.set(plan.journeyId, following);
  }
}
