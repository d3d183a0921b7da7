/** The simulation's pending timers in firing order (fireAt, customer, timer id), kept without an object per timer. */
import type { CustomerState, JourneyInstance, Millis, Timer } from '../engine/types.ts';
import { TimeHeap } from './time-heap.ts';

/**
 * A bucket: the timers due at one instant, as consecutive triples (timer, customer state, the
 * instance that set it). Flat rather than an object per timer: every queued timer lives for weeks
 * of simulated time, so each object would be copied twice by the young-generation collector
 * before it settled, and queue entries were a third of what a simulated year promoted.
 */
type Bucket = unknown[];

/** Slots per queued timer in a bucket. */
const STRIDE = 3;

const timerAt = (bucket: Bucket, i: number): Timer => bucket[i] as Timer;
const stateAt = (bucket: Bucket, i: number): CustomerState => bucket[i + 1] as CustomerState;
const instanceAt = (bucket: Bucket, i: number): JourneyInstance => bucket[i + 2] as JourneyInstance;

/** Order among timers due at the same instant: customer, then timer id, so every run agrees. */
function sameTimeOrder(customerA: string, timerA: string, customerB: string, timerB: string): number {
  if (customerA !== customerB) return customerA < customerB ? -1 : 1;
  return timerA < timerB ? -1 : timerA > timerB ? 1 : 0;
}

/**
 * Whether the timer is still pending: the engine keeps a timer's object until it fires or is
 * cleared (it never rebuilds one), and the simulation changes states in place, so identity answers.
 * The instance that set the timer answers first: the engine only ever changes a customer's current
 * instance, so a timer gone from it (cleared: the usual stale timer) is gone for good, and the check
 * reads two objects instead of four. A journey re-entered since has a new instance, which is then
 * asked too (a deferred message's timer moves over to it).
 */
function isStillPending(timer: Timer, state: CustomerState, instance: JourneyInstance): boolean {
  if (!instance.timers.includes(timer)) return false;
  const current = state.journeys[timer.journeyId];
  return current === instance || current?.timers.includes(timer) === true;
}

/**
 * Timers are never removed eagerly: a cleared or already fired timer stays queued until it is the
 * earliest, where it is recognised as stale and dropped. Timers due at the same instant share one
 * bucket, so the heap orders distinct times only, and a bucket is sorted once, when it becomes the
 * earliest.
 *
 * @example
 * const timers = new SimulationTimers();
 * timers.push(state, instance, timer);
 * if (timers.peek() !== undefined) fire(timers.headState(), timers.headTimer()), timers.dropHead();
 */
export class SimulationTimers {
  private readonly times = new TimeHeap();
  private readonly buckets = new Map<Millis, Bucket>();
  /** The bucket of the earliest due time, sorted, consumed from `next` on (a slot index). */
  private head: Bucket | undefined;
  private headAt = 0;
  private next = 0;

  /** Queues a timer the engine just set in `instance` of `state`. */
  push(state: CustomerState, instance: JourneyInstance, timer: Timer): void {
    const at = timer.fireAt;
    const head = this.head;
    if (head !== undefined && at === this.headAt) {
      head.splice(this.sortedPosition(head, state.customerId, timer.id), 0, timer, state, instance);
      return;
    }
    if (head !== undefined && at < this.headAt) this.putHeadBack(head);
    const bucket = this.buckets.get(at);
    if (bucket !== undefined) {
      bucket.push(timer, state, instance);
      return;
    }
    this.buckets.set(at, [timer, state, instance]);
    this.times.push(at);
  }

  /** The due time of the earliest pending timer (stale ones before it are dropped), or undefined. */
  peek(): Millis | undefined {
    for (;;) {
      const head = this.head ?? this.takeEarliestBucket();
      if (head === undefined) return undefined;
      const i = this.next;
      if (i === head.length) {
        this.head = undefined;
        continue;
      }
      if (isStillPending(timerAt(head, i), stateAt(head, i), instanceAt(head, i))) return this.headAt;
      this.next = i + STRIDE;
    }
  }

  /** The earliest pending timer; only after `peek` returned a time. */
  headTimer(): Timer {
    return timerAt(this.head!, this.next);
  }

  /** The customer whose timer `headTimer` is. */
  headState(): CustomerState {
    return stateAt(this.head!, this.next);
  }

  /** Removes the timer `peek` found. */
  dropHead(): void {
    this.next += STRIDE;
  }

  /** Where a timer due at the head's instant goes among the head's timers not yet consumed. */
  private sortedPosition(head: Bucket, customerId: string, timerId: string): number {
    let low = this.next / STRIDE;
    let high = head.length / STRIDE;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const i = middle * STRIDE;
      if (sameTimeOrder(stateAt(head, i).customerId, timerAt(head, i).id, customerId, timerId) <= 0) low = middle + 1;
      else high = middle;
    }
    return low * STRIDE;
  }

  /** An earlier timer arrived: the head goes back to being an ordinary bucket. */
  private putHeadBack(head: Bucket): void {
    this.head = undefined;
    if (this.next === head.length) return;
    this.buckets.set(this.headAt, head.slice(this.next));
    this.times.push(this.headAt);
  }

  private takeEarliestBucket(): Bucket | undefined {
    const at = this.times.pop();
    if (at === undefined) return undefined;
    const bucket = this.buckets.get(at)!;
    this.buckets.delete(at);
    this.head = bucket.length > STRIDE ? sortedBucket(bucket) : bucket;
    this.headAt = at;
    this.next = 0;
    return this.head;
  }
}

/**
 * The bucket's pending triples in same-time order. Stale timers are dropped first (once gone from
 * their instance a timer never comes back), and the keys are read once each rather than on every
 * comparison: in a simulated year two timers in three are stale by the time they are due.
 */
function sortedBucket(bucket: Bucket): Bucket {
  const live: number[] = [];
  const customers: string[] = [];
  const timerIds: string[] = [];
  for (let i = 0; i < bucket.length; i += STRIDE) {
    const timer = timerAt(bucket, i);
    const state = stateAt(bucket, i);
    if (!isStillPending(timer, state, instanceAt(bucket, i))) continue;
    live.push(i);
    customers.push(state.customerId);
    timerIds.push(timer.id);
  }
  const order = Array.from(live.keys());
  order.sort((a, b) => sameTimeOrder(customers[a]!, timerIds[a]!, customers[b]!, timerIds[b]!));
  const sorted: Bucket = new Array(order.length * STRIDE);
  for (let n = 0; n < order.length; n++) {
    const from = live[order[n]!]!;
    sorted[n * STRIDE] = bucket[from];
    sorted[n * STRIDE + 1] = bucket[from + 1];
    sorted[n * STRIDE + 2] = bucket[from + 2];
  }
  return sorted;
}
