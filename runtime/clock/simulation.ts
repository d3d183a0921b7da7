/** The fast path: runs journeys over many customers on a virtual clock, all in memory, synchronously, no durability. */
import type { Plan } from '../../dsl/compiler/plan.ts';
import { newCustomerState, nextScheduleAt, scheduleTickInPlace, timerInput } from '../engine/index.ts';
import { stepInPlace } from '../engine/step.ts';
import type { CustomerState, Effect, Input, Millis, PlanSet } from '../engine/types.ts';
import { KeyedTable } from './keyed-table.ts';
import { SimulatedCustomer, SimulationTimers } from './simulation-timers.ts';

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
  private readonly states = new KeyedTable<SimulatedCustomer>((customer) => customer.customerId);
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
    return this.states.get(id)?.state;
  }

  *customers(): IterableIterator<CustomerState> {
    for (const customer of this.states.values()) yield customer.state;
  }

  /** Processes one input at its time; returns false for a duplicate id. Throws on an input earlier than the clock. */
  ingest(input: Input): boolean {
    if (this.now !== undefined && input.at < this.now) {
      throw new RangeError(`input ${input.id} at ${new Date(input.at).toISOString()} is earlier than the simulated time ${new Date(this.now).toISOString()}`);
    }
    if (!this.seen.add(input.id, input.id)) return false;
    const nextTimerAt = this.fireUntil(input.at - 1);
    this.now = input.at;
    let customer = this.states.get(input.customerId);
    if (customer === undefined) this.states.add(input.customerId, (customer = new SimulatedCustomer(input.customerId, newCustomerState(input.customerId))));
    // Every timer due before the input has fired unless one is due in (at − 1, at): a fraction of a millisecond.
    const overdueFired = (nextTimerAt ?? input.at) >= input.at;
    this.record(customer, stepInPlace(this.plans, customer.state, input, overdueFired));
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
        const customer = this.timers.headCustomer();
        const timer = this.timers.headTimer();
        this.timers.dropHead();
        this.now = Math.max(this.now ?? timerAt, timerAt);
        // The queue is in time order, so none of the customer's timers is due before this one.
        this.record(customer, stepInPlace(this.plans, customer.state, timerInput(customer.customerId, timer), true));
      } else if (tick !== undefined && tick.at <= time) {
        this.now = Math.max(this.now ?? tick.at, tick.at);
        this.fireTick(tick.plan, tick.at);
      } else {
        this.now = Math.max(this.now ?? time, time);
        return timerAt;
      }
    }
  }

  /** Queues the customer for its earliest timer and passes the step's effects on. The simulation owns its states, so steps change them in place rather than copying each one. */
  private record(customer: SimulatedCustomer, effects: readonly Effect[]): void {
    this.timers.update(customer);
    const onEffect = this.options.onEffect;
    if (onEffect !== undefined) for (let i = 0; i < effects.length; i++) onEffect(effects[i]!);
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
    for (const customer of [...this.states.values()]) this.record(customer, scheduleTickInPlace(this.plans, customer.state, plan.journeyId, at));
    const following = nextScheduleAt(plan, at + 1);
    if (following === undefined) this.ticks.delete(plan.journeyId);
    else this.ticks.set(plan.journeyId, following);
  }
}
