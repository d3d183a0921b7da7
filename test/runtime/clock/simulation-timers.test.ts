/** SimulationTimers: timers come out in (fireAt, customer, timer id) order, and cleared ones are skipped. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimulationTimers } from '../../../runtime/clock/simulation-timers.ts';
import { newCustomerState } from '../../../runtime/engine/customer-state.ts';
import type { CustomerState, JourneyInstance, Timer } from '../../../runtime/engine/types.ts';

function customer(id: string): { state: CustomerState; instance: JourneyInstance } {
  const state = newCustomerState(id);
  const instance: JourneyInstance = { journeyId: 'j', version: 1, status: 'active', node: 'w', enteredAt: 0, nodeEnteredAt: 0, entries: 1, timers: [] };
  state.journeys.j = instance;
  return { state, instance };
}

function set(c: { state: CustomerState; instance: JourneyInstance }, id: string, fireAt: number, queue: SimulationTimers): Timer {
  const timer: Timer = { id, journeyId: 'j', node: 'w', fireAt, purpose: 'wait' };
  c.instance.timers = [...c.instance.timers, timer];
  queue.push(c.state, c.instance, timer);
  return timer;
}

function drain(queue: SimulationTimers, until = Number.POSITIVE_INFINITY): string[] {
  const out: string[] = [];
  for (let at = queue.peek(); at !== undefined && at <= until; at = queue.peek()) {
    out.push(`${at}/${queue.headState().customerId}/${queue.headTimer().id}`);
    queue.dropHead();
  }
  return out;
}

describe('SimulationTimers', () => {
  it('orders equal due times by customer, then timer id, and takes timers pushed at or before the head in their place', () => {
    const queue = new SimulationTimers();
    const [a, b, c, z] = ['a', 'b', 'c', 'z'].map(customer) as [ReturnType<typeof customer>, ReturnType<typeof customer>, ReturnType<typeof customer>, ReturnType<typeof customer>];
    set(b, 't2', 5, queue);
    set(a, 't9', 5, queue);
    set(z, 't1', 1, queue);
    set(b, 't1', 5, queue);
    expect(queue.peek()).toBe(1);
    set(c, 't1', 1, queue);
    set(a, 't0', 0, queue);
    expect(drain(queue)).toEqual(['0/a/t0', '1/c/t1', '1/z/t1', '5/a/t9', '5/b/t1', '5/b/t2']);
    expect(queue.peek()).toBeUndefined();
  });

  it('skips a timer cleared from its instance, and follows a timer into the instance of a re-entry', () => {
    const queue = new SimulationTimers();
    const a = customer('a');
    const cleared = set(a, 't1', 1, queue);
    const carried = set(a, 't2', 2, queue);
    a.instance.timers = a.instance.timers.filter((t) => t !== cleared);
    const reentered: JourneyInstance = { ...a.instance, timers: [carried] };
    a.state.journeys.j = reentered;
    expect(drain(queue)).toEqual(['2/a/t2']);
    reentered.timers = [];
    set(a, 't3', 3, queue);
    expect(drain(queue)).toEqual([]);
  });

  it('fires live timers in the order a sort gives, whatever the push order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.constantFrom('a', 'b', 'c'), fc.boolean()), { maxLength: 40 }), (specs) => {
        const queue = new SimulationTimers();
        const customers = new Map(['a', 'b', 'c'].map((id) => [id, customer(id)]));
        const expected: string[] = [];
        specs.forEach(([fireAt, id, keep], n) => {
          const c = customers.get(id)!;
          const timer = set(c, `t${String(n).padStart(2, '0')}`, fireAt, queue);
          if (keep) expected.push(`${fireAt}/${id}/${timer.id}`);
          else c.instance.timers = c.instance.timers.filter((t) => t !== timer);
        });
        const order = (key: string): [number, string, string] => {
          const [at, id, timerId] = key.split('/') as [string, string, string];
          return [Number(at), id, timerId];
        };
        expected.sort((x, y) => {
          const [ax, ix, tx] = order(x);
          const [ay, iy, ty] = order(y);
          return ax - ay || (ix < iy ? -1 : ix > iy ? 1 : tx < ty ? -1 : tx > ty ? 1 : 0);
        });
        expect(drain(queue)).toEqual(expected);
      }),
    );
  });
});
