/** TimerQueue: timers come out in (fireAt, customerId, timerId) order whatever order they went in, stale ones are skipped. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimerQueue, type QueuedTimer } from '../../../runtime/clock/timer-queue.ts';

const timer = (fireAt: number, customerId: string, timerId: string): QueuedTimer => ({ fireAt, customerId, journeyId: 'j', timerId });
const key = (t: QueuedTimer): string => `${t.fireAt}/${t.customerId}/${t.timerId}`;
const inOrder = (a: QueuedTimer, b: QueuedTimer): number =>
  a.fireAt - b.fireAt || (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : a.timerId < b.timerId ? -1 : a.timerId > b.timerId ? 1 : 0);

function drain(queue: TimerQueue, until = Number.POSITIVE_INFINITY): string[] {
  const out: string[] = [];
  for (let t = queue.popDue(until); t !== undefined; t = queue.popDue(until)) out.push(key(t));
  return out;
}

describe('TimerQueue', () => {
  it('orders equal due times by customer, then timer id', () => {
    const queue = new TimerQueue(() => true);
    for (const t of [timer(5, 'b', 't2'), timer(5, 'a', 't9'), timer(1, 'z', 't1'), timer(5, 'b', 't1'), timer(3, 'a', 't1')]) queue.push(t);
    expect(drain(queue)).toEqual(['1/z/t1', '3/a/t1', '5/a/t9', '5/b/t1', '5/b/t2']);
    expect(queue.size).toBe(0);
  });

  it('takes a timer pushed at the current earliest instant, or before it, in its place', () => {
    const queue = new TimerQueue(() => true);
    queue.push(timer(10, 'b', 't1'));
    queue.push(timer(10, 'd', 't1'));
    expect(key(queue.peek()!)).toBe('10/b/t1');
    queue.push(timer(10, 'a', 't1'));
    queue.push(timer(10, 'c', 't1'));
    expect(key(queue.popDue(10)!)).toBe('10/a/t1');
    queue.push(timer(7, 'z', 't1'));
    expect(drain(queue)).toEqual(['7/z/t1', '10/b/t1', '10/c/t1', '10/d/t1']);
  });

  it('skips timers that are no longer live and only pops those due', () => {
    const cleared = new Set(['t2']);
    const queue = new TimerQueue((t) => !cleared.has(t.timerId));
    for (const t of [timer(1, 'a', 't1'), timer(2, 'a', 't2'), timer(3, 'a', 't3'), timer(9, 'a', 't4')]) queue.push(t);
    expect(drain(queue, 5)).toEqual(['1/a/t1', '3/a/t3']);
    expect(key(queue.peek()!)).toBe('9/a/t4');
    expect(queue.size).toBe(1);
  });

  it('lists due timers without removing them, each once', () => {
    const queue = new TimerQueue(() => true);
    for (const t of [timer(2, 'a', 't1'), timer(1, 'b', 't1'), timer(2, 'a', 't1'), timer(4, 'c', 't1')]) queue.push(t);
    expect(queue.listDue(3, 10).map(key)).toEqual(['1/b/t1', '2/a/t1']);
    expect(queue.listDue(3, 1).map(key)).toEqual(['1/b/t1']);
    expect(drain(queue)).toEqual(['1/b/t1', '2/a/t1', '2/a/t1', '4/c/t1']);
  });

  it('pops in sorted order for any interleaving of pushes and pops', () => {
    const op = fc.oneof(
      fc.record({ push: fc.record({ fireAt: fc.integer({ min: 0, max: 20 }), customerId: fc.constantFrom('a', 'b', 'c'), timerId: fc.constantFrom('t1', 't2', 't3') }) }),
      fc.record({ pop: fc.integer({ min: 0, max: 20 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const queue = new TimerQueue(() => true);
        const model: QueuedTimer[] = [];
        for (const o of ops) {
          if ('push' in o) {
            const t = timer(o.push.fireAt, o.push.customerId, o.push.timerId);
            queue.push(t);
            model.push(t);
            continue;
          }
          model.sort(inOrder);
          const expected = model[0] !== undefined && model[0].fireAt <= o.pop ? model.shift() : undefined;
          const popped = queue.popDue(o.pop);
          expect(popped === undefined ? undefined : key(popped)).toBe(expected === undefined ? undefined : key(expected));
        }
        expect(drain(queue)).toEqual(model.sort(inOrder).map(key));
      }),
    );
  });
});
