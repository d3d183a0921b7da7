/**
 * Row 7: heap per customer in steady state: 100k dormancy-ladder customers after a simulated year,
 * their states alone (heap with the states held minus heap once they are let go, both after GC).
 */
import { Simulation } from '../../../runtime/clock/simulation.ts';
import type { CustomerState } from '../../../runtime/engine/types.ts';
import { BENCH_START, collectGarbage, DAY_MS, replicatedStream, reportRow, templatePlans } from '../workload.ts';

const TARGET_BYTES = 1024;
if ((globalThis as { gc?: unknown }).gc === undefined) throw new Error('run with node --expose-gc');

/** The states after a simulated year; nothing else of the run stays reachable. */
function yearOfStates(): CustomerState[] {
  const simulation = new Simulation(templatePlans('dormancy-ladder'));
  for (const input of replicatedStream('dormancy-ladder', { customers: 100_000, inputs: Number.POSITIVE_INFINITY, days: 365 })) simulation.ingest(input);
  simulation.advanceTo(BENCH_START + 365 * DAY_MS);
  return [...simulation.customers()];
}

let states = yearOfStates();
collectGarbage();
collectGarbage();
const held = process.memoryUsage().heapUsed;
const customers = states.length;
const sample = JSON.stringify(states[0]);
states = [];
collectGarbage();
collectGarbage();
const released = process.memoryUsage().heapUsed;
const perCustomer = (held - released) / customers;
reportRow({
  measured: `${Math.round(perCustomer)} B`,
  pass: perCustomer <= TARGET_BYTES,
  detail: { customers, heapHeld: held, heapReleased: released, perCustomer, sampleStateJsonBytes: sample.length, sampleState: JSON.parse(sample) },
});
