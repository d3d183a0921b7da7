/** A binary min-heap of instants: the distinct due times of a timer queue's buckets. */
import type { Millis } from '../engine/types.ts';

/**
 * Numbers only, so ordering costs no string compares and no objects.
 *
 * @example
 * const heap = new TimeHeap();
 * heap.push(30); heap.push(10);
 * heap.pop(); // 10
 */
export class TimeHeap {
  private readonly times: Millis[] = [];

  get size(): number {
    return this.times.length;
  }

  push(at: Millis): void {
    const times = this.times;
    let i = times.length;
    times.push(at);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (times[parent]! <= at) break;
      times[i] = times[parent]!;
      i = parent;
    }
    times[i] = at;
  }

  /** Removes and returns the earliest instant; undefined when empty. */
  pop(): Millis | undefined {
    const times = this.times;
    if (times.length === 0) return undefined;
    const earliest = times[0]!;
    const last = times.pop()!;
    const n = times.length;
    if (n === 0) return earliest;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && times[right]! < times[left]! ? right : left;
      if (times[child]! >= last) break;
      times[i] = times[child]!;
      i = child;
    }
    times[i] = last;
    return earliest;
  }
}
