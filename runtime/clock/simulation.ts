/** The fast path: runs journeys over many customers on a virtual clock, all in memory, synchronously, no durability. */
import type { Plan } from '../../dsl/compiler/plan.ts';
import { newCustomerState, nextScheduleAt, scheduleTickInPlace, timerInput } from '../engine/index.ts';
import { stepInPlace } from '../engine/step.ts';
import type { CustomerState, Effect, Input, JourneyInstance, Millis, PlanSet, Timer } from '../engine/types.ts';
import { KeyedTable } from './keyed-table.ts';
import { SimulationTimers } from './simulation-timers.ts';

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
  private readonly states = new KeyedTable<CustomerState>((state) => state.customerId);
  /** Input ids processed so far: the same id twice has one effect. */
  private readonly seen = new KeyedTable<string>((id) => id);
  private readonly timers = new SimulationTimers();
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
    if (!this.seen.add(input.id, input.id)) return false;
    const nextTimerAt = this.fireUntil(input.at - 1);
    this.now = input.at;
    let state = this.states.get(input.customerId);
    if (state === undefined) this.states.add(input.customerId, (state = newCustomerState(input.customerId)));
    // Every timer due before the input has fired unless one is due in (at − 1, at): a fraction of a millisecond.
    const overdueFired = (nextTimerAt ?? input.at) >= input.at;
    this.record(state, stepInPlace(this.plans, state, input, overdueFired));
    return true;
  }

  /** Fires every timer and schedule tick due at or before `time`, in time order, and moves the clock there. */
  advanceTo(time: Millis): void {
    this.fireUntil(time);
  }

  /** advanceTo, returning when the earliest timer still pending is due (after `time`), if any. */
  private fireUntil(time: Millis): Millis | undefined {
    if (this.now === undefined) this.startSchedules(time);
    for (;;) {
      const timerAt = this.timers.peek();
      const tick = this.nextTick();
      const timerFirst = timerAt !== undefined && timerAt <= time && (tick === undefined || timerAt <= tick.at);
      if (timerFirst) {
        const state = this.timers.headState();
        const timer = this.timers.headTimer();
        this.timers.dropHead();
        this.now = Math.max(this.now ?? timerAt, timerAt);
        // The queue is in time order, so none of the customer's timers is due before this one.
        this.record(state, stepInPlace(this.plans, state, timerInput(state.customerId, timer), true));
      } else if (tick !== undefined && tick.at <= time) {
        this.now = Math.max(this.now ?? tick.at, tick.at);
        this.fireTick(tick.plan, tick.at);
      } else {
        this.now = Math.max(this.now ?? time, time);
        return timerAt;
      }
    }
  }

  /** Queues the timers the step set (every new timer is announced by a timerSet effect) and passes the effects on. The simulation owns its states, so steps change them in place rather than copying each one. */
  private record(state: CustomerState, effects: readonly Effect[]): void {
    for (let i = 0; i < effects.length; i++) {
      const effect = effects[i]!;
      if (effect.kind === 'timerSet') this.pushTimer(state, effect.timer.id, effect.timer.journeyId);
    }
    const onEffect = this.options.onEffect;
    if (onEffect !== undefined) for (let i = 0; i < effects.length; i++) onEffect(effects[i]!);
  }

  /** Queues a timer the step just set, with the engine's own timer object (the effect carries a copy). */
  private pushTimer(state: CustomerState, timerId: string, journeyId: string): void {
    const instance = state.journeys[journeyId];
    if (instance === undefined) return;
    const timers = instance.timers;
    // Newest last: the timer just set is usually the last one.
    for (let i = timers.length - 1; i >= 0; i--) {
      const timer = timers[i]!;
      if (timer.id === timerId) {
        this.timers.push(state, instance, timer);
        return;
      }
    }
  }

  private startSchedules(from: Millis): void {
    for (const plan of this.plans.live) {
      const at = nextScheduleAt(plan, from);
      if (at !== undefined) this.ticks.set(plan.journeyId, at);
    }
  }

  private nextTick(): { plan: Plan; at: Millis } | undefined {
    // Asked before every input and timer; most simulations have no schedule-triggered journey.
    if (this.ticks.size === 0) return undefined;
    let next: { plan: Plan; at: Millis } | undefined;
    for (const plan of this.plans.live) {
      const at = this.ticks.get(plan.journeyId);
      if (at !== undefined && (next === undefined || at < next.at)) next = { plan, at };
    }
    return next;
  }

  private fireTick(plan: Plan, at: Millis): void {
    for (const state of [...this.states.values()]) this.record(state, scheduleTickInPlace(this.plans, state, plan.journeyId, at));
    const following = nextScheduleAt(plan, at + 1);
    if (following === undefined) this.ticks.delete(plan.journeyId);
    else this.ticks.set(plan.journeyId, following);
  }
}
