/** A due-time index of pending timers: timers bucketed by due time, times in a min-heap, order (fireAt, customerId, timerId). */
import type { CustomerState, Millis } from '../engine/types.ts';
import { TimeHeap } from './time-heap.ts';

export interface QueuedTimer {
  fireAt: Millis;
  customerId: string;
  journeyId: string;
  timerId: string;
}

/** Order among timers due at the same instant: customer, then timer id, so every run agrees. */
const bySameTimeOrder = (a: QueuedTimer, b: QueuedTimer): number =>
  a.customerId !== b.customerId ? (a.customerId < b.customerId ? -1 : 1) : a.timerId < b.timerId ? -1 : a.timerId > b.timerId ? 1 : 0;

/** The bucket of the earliest due time, sorted, consumed from `next` on. */
interface HeadBucket<T> {
  at: Millis;
  timers: T[];
  next: number;
}

/**
 * Timers are never removed eagerly: a cleared or already fired timer stays queued until it is the
 * earliest, where `isLive` (asked of the customer's current state) discards it. Timers due at the
 * same instant share one bucket, so the heap orders distinct times only (numbers, no string
 * compares), and a bucket is sorted once, when it becomes the earliest.
 *
 * @example
 * const queue = new TimerQueue((t) => stillPending(t));
 * queue.push({ fireAt: 1000, customerId: 'c1', journeyId: 'j', timerId: 't1' });
 * queue.popDue(2000); // → the timer, if still pending
 */
export class TimerQueue<T extends QueuedTimer = QueuedTimer> {
  /** Distinct due times other than the head's. */
  private readonly times = new TimeHeap();
  private readonly buckets = new Map<Millis, T[]>();
  private head: HeadBucket<T> | undefined;
  private count = 0;

  constructor(private readonly isLive: (timer: T) => boolean) {}

  /** Queued timers, stale ones included until they are discarded. */
  get size(): number {
    return this.count;
  }

  push(timer: T): void {
    this.count++;
    const head = this.head;
    if (head !== undefined && timer.fireAt === head.at) {
      head.timers.splice(this.sortedPosition(head, timer), 0, timer);
      return;
    }
    if (head !== undefined && timer.fireAt < head.at) this.putHeadBack(head);
    const bucket = this.buckets.get(timer.fireAt);
    if (bucket !== undefined) {
      bucket.push(timer);
      return;
    }
    this.buckets.set(timer.fireAt, [timer]);
    this.times.push(timer.fireAt);
  }

  /** The earliest live timer, without removing it. */
  peek(): T | undefined {
    for (;;) {
      const head = this.head ?? this.takeEarliestBucket();
      if (head === undefined) return undefined;
      if (head.next === head.timers.length) {
        this.head = undefined;
        continue;
      }
      const top = head.timers[head.next]!;
      if (this.isLive(top)) return top;
      head.next++;
      this.count--;
    }
  }

  /** Removes and returns the earliest live timer if it is due at or before `until`. */
  popDue(until: Millis): T | undefined {
    const top = this.peek();
    if (top === undefined || top.fireAt > until) return undefined;
    this.head!.next++;
    this.count--;
    return top;
  }

  /** Up to `limit` live timers due at or before `until`, earliest first, left in the queue. */
  listDue(until: Millis, limit: number): T[] {
    const due: T[] = [];
    const popped: T[] = [];
    const keys = new Set<string>();
    while (due.length < limit) {
      const next = this.popDue(until);
      if (next === undefined) break;
      popped.push(next);
      // The same timer may be queued twice (pushed again after a restart); list it once.
      const key = `${next.customerId}\u0000${next.timerId}`;
      if (keys.has(key)) continue;
      keys.add(key);
      due.push(next);
    }
    for (const timer of popped) this.push(timer);
    return due;
  }

  /** Where a timer due at the head's instant goes among the head's timers not yet consumed. */
  private sortedPosition(head: HeadBucket<T>, timer: T): number {
    let low = head.next;
    let high = head.timers.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (bySameTimeOrder(head.timers[middle]!, timer) <= 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** An earlier timer arrived: the head goes back to being an ordinary bucket. */
  private putHeadBack(head: HeadBucket<T>): void {
    this.head = undefined;
    if (head.next === head.timers.length) return;
    this.buckets.set(head.at, head.timers.slice(head.next));
    this.times.push(head.at);
  }

  private takeEarliestBucket(): HeadBucket<T> | undefined {
    const at = this.times.pop();
    if (at === undefined) return undefined;
    const timers = this.buckets.get(at)!;
    this.buckets.delete(at);
    if (timers.length > 1) timers.sort(bySameTimeOrder);
    this.head = { at, timers, next: 0 };
    return this.head;
  }
}

/** Every pending timer in a customer's state, as queue entries. */
export function pendingTimers(state: CustomerState): QueuedTimer[] {
  const timers: QueuedTimer[] = [];
  for (const instance of Object.values(state.journeys)) {
    for (const t of instance.timers) timers.push({ fireAt: t.fireAt, customerId: state.customerId, journeyId: instance.journeyId, timerId: t.id });
  }
  return timers;
}

/** Whether the timer is still pending (not fired, not cleared, not moved) in the customer's state. */
export function isTimerPending(state: CustomerState | undefined, timer: QueuedTimer): boolean {
  const instance = state?.journeys[timer.journeyId];
  if (instance === undefined) return false;
  for (const t of instance.timers) if (t.id === timer.timerId) return t.fireAt === timer.fireAt;
  return false;
}

/**
 * Pushes the timers of `next` that `previous` did not hold at that time (collected before the step,
 * because a step may return a state that shares objects with the old one; a moved timer keeps its id).
 */
export function enqueueNewTimers(queue: TimerQueue, previous: ReadonlyMap<string, Millis>, next: CustomerState): void {
  for (const instance of Object.values(next.journeys)) {
    for (const t of instance.timers) {
      if (previous.get(t.id) !== t.fireAt) queue.push({ fireAt: t.fireAt, customerId: next.customerId, journeyId: instance.journeyId, timerId: t.id });
    }
  }
}

/** A customer's pending timers, id → due time (empty for a new customer). */
export function timerTimes(state: CustomerState | undefined): Map<string, Millis> {
  const times = new Map<string, Millis>();
  if (state === undefined) return times;
  for (const instance of Object.values(state.journeys)) for (const t of instance.timers) times.set(t.id, t.fireAt);
  return times;
}
