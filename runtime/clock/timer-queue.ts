/** A due-time index of pending timers: a binary min-heap ordered by (fireAt, customerId, timerId). */
import type { CustomerState, Millis } from '../engine/types.ts';

export interface QueuedTimer {
  fireAt: Millis;
  customerId: string;
  journeyId: string;
  timerId: string;
}

const before = (a: QueuedTimer, b: QueuedTimer): boolean =>
  a.fireAt !== b.fireAt ? a.fireAt < b.fireAt : a.customerId !== b.customerId ? a.customerId < b.customerId : a.timerId < b.timerId;

/**
 * Timers are never removed eagerly: a cleared or already fired timer stays in the heap until it
 * reaches the top, where `isLive` (asked of the customer's current state) discards it. That keeps
 * every update O(log n) without an id → position map.
 *
 * @example
 * const queue = new TimerQueue((t) => stillPending(t));
 * queue.push({ fireAt: 1000, customerId: 'c1', journeyId: 'j', timerId: 't1' });
 * queue.popDue(2000); // → the timer, if still pending
 */
export class TimerQueue {
  private readonly heap: QueuedTimer[] = [];

  constructor(private readonly isLive: (timer: QueuedTimer) => boolean) {}

  get size(): number {
    return this.heap.length;
  }

  push(timer: QueuedTimer): void {
    const heap = this.heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (!before(timer, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = timer;
  }

  /** The earliest live timer, without removing it. */
  peek(): QueuedTimer | undefined {
    for (;;) {
      const top = this.heap[0];
      if (top === undefined || this.isLive(top)) return top;
      this.removeTop();
    }
  }

  /** Removes and returns the earliest live timer if it is due at or before `until`. */
  popDue(until: Millis): QueuedTimer | undefined {
    const top = this.peek();
    if (top === undefined || top.fireAt > until) return undefined;
    this.removeTop();
    return top;
  }

  /** Up to `limit` live timers due at or before `until`, earliest first, left in the queue. */
  listDue(until: Millis, limit: number): QueuedTimer[] {
    const due: QueuedTimer[] = [];
    const popped: QueuedTimer[] = [];
    const keys = new Set<string>();
    while (due.length < limit) {
      const next = this.popDue(until);
      if (next === undefined) break;
      popped.push(next);
      // The same timer may sit in the heap twice (pushed again after a restart); list it once.
      const key = `${next.customerId}\u0000${next.timerId}`;
      if (keys.has(key)) continue;
      keys.add(key);
      due.push(next);
    }
    for (const timer of popped) this.push(timer);
    return due;
  }

  private removeTop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    let i = 0;
    const n = heap.length;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && before(heap[right]!, heap[left]!) ? right : left;
      if (!before(heap[child]!, last)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = last;
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
