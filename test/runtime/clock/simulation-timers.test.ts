/** SimulationTimers: timers come out in (fireAt, customer, timer id) order, read from the states; cleared and moved ones are followed. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimulatedCustomer, SimulationTimers } from '../../../runtime/clock/simulation-timers.ts';
import { newCustomerState } from '../../../runtime/engine/customer-state.ts';
import type { JourneyInstance, Timer } from '../../../runtime/engine/types.ts';

function customer(id: string): SimulatedCustomer {
  const state = newCustomerState(id);
  state.journeys.j = { journeyId: 'j', version: 1, status: 'active', node: 'w', enteredAt: 0, nodeEnteredAt: 0, entries: 1, timers: [] };
  return new SimulatedCustomer(id, state);
}

const instance = (c: SimulatedCustomer): JourneyInstance => c.state.journeys.j!;

/** What a step that sets a timer does, followed by the simulation's update. */
function set(c: SimulatedCustomer, id: string, fireAt: number, queue: SimulationTimers): Timer {
  const timer: Timer = { id, journeyId: 'j', node: 'w', fireAt, purpose: 'wait' };
  instance(c).timers = [...instance(c).timers, timer];
  queue.update(c);
  return timer;
}

/** What a step that clears a timer does, followed by the simulation's update. */
function clear(c: SimulatedCustomer, timer: Timer, queue: SimulationTimers): void {
  instance(c).timers = instance(c).timers.filter((t) => t !== timer);
  queue.update(c);
}

/** Fires every timer due by `until` as the simulation does: the step takes the timer out of its instance. */
function drain(queue: SimulationTimers, until = Number.POSITIVE_INFINITY): string[] {
  const out: string[] = [];
  for (let at = queue.peek(); at !== undefined && at <= until; at = queue.peek()) {
    const c = queue.headCustomer();
    const timer = queue.headTimer();
    queue.dropHead();
    out.push(`${at}/${c.customerId}/${timer.id}`);
    clear(c, timer, queue);
  }
  return out;
}

describe('SimulationTimers', () => {
  it('orders equal due times by customer, then timer id, and takes timers set at or before the head in their place', () => {
    const queue = new SimulationTimers();
    const [a, b, c, z] = ['a', 'b', 'c', 'z'].map(customer) as [SimulatedCustomer, SimulatedCustomer, SimulatedCustomer, SimulatedCustomer];
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

  it('skips a cleared timer, follows a timer moved later, and reads the timers of a re-entered instance', () => {
    const queue = new SimulationTimers();
    const a = customer('a');
    const cleared = set(a, 't1', 1, queue);
    const carried = set(a, 't2', 2, queue);
    clear(a, cleared, queue);
    a.state.journeys.j = { ...instance(a), timers: [carried] };
    queue.update(a);
    expect(drain(queue, 1)).toEqual([]);
    expect(drain(queue)).toEqual(['2/a/t2']);
    const moved = set(a, 't3', 3, queue);
    clear(a, moved, queue);
    set(a, 't4', 9, queue);
    expect(queue.peek()).toBe(9);
    expect(drain(queue)).toEqual(['9/a/t4']);
    expect(queue.peek()).toBeUndefined();
  });

  it('fires live timers in the order a sort gives, whatever the order they are set and cleared in', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.constantFrom('a', 'b', 'c'), fc.boolean()), { maxLength: 40 }), (specs) => {
        const queue = new SimulationTimers();
        const customers = new Map(['a', 'b', 'c'].map((id) => [id, customer(id)]));
        const expected: string[] = [];
        specs.forEach(([fireAt, id, keep], n) => {
          const c = customers.get(id)!;
          const timer = set(c, `t${String(n).padStart(2, '0')}`, fireAt, queue);
          if (keep) expected.push(`${fireAt}/${id}/${timer.id}`);
          else clear(c, timer, queue);
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

  it('agrees with a sorted list when firings set, clear and move timers of any customer', () => {
    // Each firing acts on one customer: sets a timer `delay` after the firing, or clears its earliest timer.
    const action = fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 0, max: 4 }), fc.boolean());
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 0, max: 6 })), { maxLength: 10 }), fc.array(action, { maxLength: 60 }), (initial, actions) => {
        const queue = new SimulationTimers();
        const customers = new Map(['a', 'b', 'c'].map((id) => [id, customer(id)]));
        let n = 0;
        const newId = (): string => `t${String(n++).padStart(3, '0')}`;
        for (const [id, fireAt] of initial) set(customers.get(id)!, newId(), fireAt, queue);
        const fired: string[] = [];
        const expected: string[] = [];
        for (const [id, delay, clears] of actions) {
          // The reference: every pending timer of every customer, the least in (fireAt, customer, id) order.
          const pending = [...customers.values()].flatMap((c) => instance(c).timers.map((t) => ({ c, t })));
          pending.sort((x, y) => x.t.fireAt - y.t.fireAt || (x.c.customerId < y.c.customerId ? -1 : x.c.customerId > y.c.customerId ? 1 : x.t.id < y.t.id ? -1 : 1));
          const at = queue.peek();
          if (pending.length === 0) {
            expect(at).toBeUndefined();
            break;
          }
          expected.push(`${pending[0]!.t.fireAt}/${pending[0]!.c.customerId}/${pending[0]!.t.id}`);
          const head = queue.headCustomer();
          const timer = queue.headTimer();
          queue.dropHead();
          fired.push(`${at}/${head.customerId}/${timer.id}`);
          clear(head, timer, queue);
          const other = customers.get(id)!;
          const earliest = [...instance(other).timers].sort((x, y) => x.fireAt - y.fireAt)[0];
          if (clears && earliest !== undefined) clear(other, earliest, queue);
          else set(other, newId(), timer.fireAt + delay, queue);
        }
        expect(fired).toEqual(expected);
      }),
    );
  });
});
