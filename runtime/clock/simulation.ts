/** The fast path: runs journeys over many customers on a virtual clock, all in memory, synchronously, no durability. */
import type { Plan } from '../../dsl/compiler/plan.ts';
import { newCustomerState, nextScheduleAt, scheduleTickInPlace } from '../engine/index.ts';
import { stepInPlace } from '../engine/step.ts';
import type { CustomerState, Effect, Input, Millis, PlanSet, Timer } from '../engine/types.ts';
import { TimerQueue, type QueuedTimer } from './timer-queue.ts';

/** A queued timer with the customer's state and the engine's own timer object, so firing it needs no lookup. */
interface SimulationTimer extends QueuedTimer {
  state: CustomerState;
  timer: Timer;
}

/**
 * Whether the timer is still pending: the engine keeps a timer's object until it fires or is
 * cleared (it never rebuilds one), and the simulation changes states in place, so identity answers.
 */
const isStillPending = (queued: SimulationTimer): boolean => queued.state.journeys[queued.journeyId]?.timers.includes(queued.timer) === true;

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
  private readonly timers = new TimerQueue<SimulationTimer>(isStillPending);
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
    const known = this.seen.size;
    this.seen.add(input.id);
    if (this.seen.size === known) return false;
    this.advanceTo(input.at - 1);
    this.now = input.at;
    let state = this.states.get(input.customerId);
    if (state === undefined) this.states.set(input.customerId, (state = newCustomerState(input.customerId)));
    this.record(state, stepInPlace(this.plans, state, input));
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
        this.record(timer.state, stepInPlace(this.plans, timer.state, input));
      } else if (tick !== undefined && tick.at <= time) {
        this.now = Math.max(this.now ?? tick.at, tick.at);
        this.fireTick(tick.plan, tick.at);
      } else {
        break;
      }
    }
    this.now = Math.max(this.now ?? time, time);
  }

  /** Queues the timers the step set (every new timer is announced by a timerSet effect) and passes the effects on. The simulation owns its states, so steps change them in place rather than copying each one. */
  private record(state: CustomerState, effects: readonly Effect[]): void {
    for (const effect of effects) {
      if (effect.kind === 'timerSet') this.pushTimer(state, effect.timer.id, effect.timer.journeyId);
    }
    const onEffect = this.options.onEffect;
    if (onEffect !== undefined) for (const effect of effects) onEffect(effect);
  }

  /** Queues a timer the step just set, with the engine's own timer object (the effect carries a copy). */
  private pushTimer(state: CustomerState, timerId: string, journeyId: string): void {
    const timer = state.journeys[journeyId]?.timers.find((t) => t.id === timerId);
    if (timer !== undefined) this.timers.push({ fireAt: timer.fireAt, customerId: state.customerId, journeyId, timerId, state, timer });
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
    for (const state of [...this.states.values()]) this.record(state, scheduleTickInPlace(this.plans, state, plan.journeyId, at));
    const following = nextScheduleAt(plan, at + 1);
    if (following === undefined) this.ticks.delete(plan.journeyId);
    else this.ticks.set(plan.journeyId, following);
  }
}
