/** The simulation's pending timers: each customer queued once, at its earliest timer or before, fired in (fireAt, customer, timer id) order. */
import { earliestTimer } from '../engine/timers.ts';
import type { CustomerState, Millis, Timer } from '../engine/types.ts';
import { TimeHeap } from './time-heap.ts';

/**
 * A customer the simulation holds: its state, its earliest pending timer, and when it is queued
 * for. The queue keeps its fields here rather than in a Map beside the states, so a step's
 * customer is found with one lookup.
 */
export class SimulatedCustomer {
  /** The earliest pending timer in firing order, as of the customer's last step (see SimulationTimers.update). */
  next: Timer | undefined = undefined;
  /** Whether the customer is in the queue, at `queuedAt`. */
  queued = false;
  /** At or before `next.fireAt`, while queued. */
  queuedAt: Millis = 0;

  constructor(
    readonly customerId: string,
    readonly state: CustomerState,
  ) {}
}

/** A bucket: the customers queued for one instant (some perhaps queued elsewhere since: see isCurrent). */
type Bucket = SimulatedCustomer[];

/** Whether a bucket's entry still stands: a customer queued earlier since leaves its later entry behind. */
const isCurrent = (customer: SimulatedCustomer, at: Millis): boolean => customer.queued && customer.queuedAt === at;

/**
 * A customer is queued once however many timers it has. In a simulated year two timers in three
 * are cleared before they are due (each activity moves a ladder's timeout), and an entry per timer
 * cost a push, a staleness check that read the customer's state (cold by then) and garbage for
 * each. Here, after every step, the customer's earliest timer is read from its state while the
 * step has it in cache; the customer is queued anew only when that timer is due before its queued
 * time. An entry that comes first with the customer's timer moved later sends it on to that time
 * without reading the state; customers queued for the same instant share a bucket, so the heap
 * orders distinct times only, and a bucket is sorted by customer once, when it becomes the earliest.
 *
 * @example
 * const timers = new SimulationTimers();
 * timers.update(customer); // after every step of the customer
 * if (timers.peek() !== undefined) { const c = timers.headCustomer(); const timer = timers.headTimer(); timers.dropHead(); fire(c, timer); timers.update(c); }
 */
export class SimulationTimers {
  private readonly times = new TimeHeap();
  private readonly buckets = new Map<Millis, Bucket>();
  /** The bucket of the earliest due time, sorted, consumed from `next` on. */
  private head: Bucket | undefined;
  private headAt = 0;
  private next = 0;

  /** A step of the customer ran (its state may have changed): notes its earliest timer, and queues it earlier if that timer is due earlier. */
  update(customer: SimulatedCustomer): void {
    const timer = earliestTimer(customer.state);
    customer.next = timer;
    if (timer !== undefined && (!customer.queued || timer.fireAt < customer.queuedAt)) this.enqueue(customer, timer.fireAt);
  }

  /** The due time of the earliest pending timer, or undefined when none is pending. */
  peek(): Millis | undefined {
    for (;;) {
      const head = this.head ?? this.takeEarliestBucket();
      if (head === undefined) return undefined;
      const i = this.next;
      if (i === head.length) {
        this.head = undefined;
        continue;
      }
      const customer = head[i]!;
      if (isCurrent(customer, this.headAt)) {
        const timer = customer.next;
        if (timer !== undefined && timer.fireAt === this.headAt) return this.headAt;
        // Its timers were cleared or moved later since it was queued: on to what is left.
        customer.queued = false;
        if (timer !== undefined) this.enqueue(customer, timer.fireAt);
      }
      this.next = i + 1;
    }
  }

  /** The customer with the earliest pending timer; only after `peek` returned a time. */
  headCustomer(): SimulatedCustomer {
    return this.head![this.next]!;
  }

  /** The earliest pending timer; only after `peek` returned a time. */
  headTimer(): Timer {
    return this.head![this.next]!.next!;
  }

  /** Takes the head customer out of the queue, to fire its timer; `update` after the step queues it again. */
  dropHead(): void {
    this.head![this.next]!.queued = false;
    this.next++;
  }

  private enqueue(customer: SimulatedCustomer, at: Millis): void {
    customer.queued = true;
    customer.queuedAt = at;
    const head = this.head;
    if (head !== undefined && at === this.headAt) {
      head.splice(this.sortedPosition(head, customer.customerId), 0, customer);
      return;
    }
    if (head !== undefined && at < this.headAt) this.putHeadBack(head);
    const bucket = this.buckets.get(at);
    if (bucket !== undefined) {
      bucket.push(customer);
      return;
    }
    this.buckets.set(at, [customer]);
    this.times.push(at);
  }

  /** Where a customer queued for the head's instant goes among the head's entries not yet consumed. */
  private sortedPosition(head: Bucket, customerId: string): number {
    let low = this.next;
    let high = head.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (head[middle]!.customerId <= customerId) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** An earlier time arrived: the head goes back to being an ordinary bucket. */
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
    this.head = bucket.length > 1 ? this.dueInOrder(bucket, at) : bucket;
    this.headAt = at;
    this.next = 0;
    return this.head;
  }

  /** The bucket's customers whose earliest timer is due at `at`, in customer order; the others (their timers moved later since) go on to their times first, so only firings are sorted. */
  private dueInOrder(bucket: Bucket, at: Millis): Bucket {
    const due: SimulatedCustomer[] = [];
    for (let i = 0; i < bucket.length; i++) {
      const customer = bucket[i]!;
      if (!isCurrent(customer, at)) continue;
      const timer = customer.next;
      if (timer !== undefined && timer.fireAt === at) {
        due.push(customer);
        continue;
      }
      customer.queued = false;
      if (timer !== undefined) this.enqueue(customer, timer.fireAt);
    }
    return due.sort(byCustomerId);
  }
}

function byCustomerId(a: SimulatedCustomer, b: SimulatedCustomer): number {
  return a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0;
}
