/**
 * Rows 4 and 7, from one simulated year (building it twice would cost a minute of the bench's ten).
 *
 * Row 4: `simulate` over 100k dormancy-ladder customers for 365 days, timers included: the sample
 * cohort's behaviours replicated to 100k customers, run by the Simulation that `simulate` uses, to
 * the end of the year so every ladder timer due in it fires. Building the input stream is not timed.
 *
 * Row 7: heap per customer in steady state: the 100k states at the end of that year alone (heap with
 * the states held minus heap once they are let go, both after GC), measured after row 4's timing.
 */
import { Simulation } from '../../../runtime/clock/simulation.ts';
import type { CustomerState } from '../../../runtime/engine/types.ts';
import { BENCH_START, collectGarbage, DAY_MS, replicatedStream, reportRow, templatePlans } from '../workload.ts';

const TARGET_MS = 3_000;
const TARGET_BYTES = 1024;
if ((globalThis as { gc?: unknown }).gc === undefined) throw new Error('run with node --expose-gc');

interface YearFigures {
  ms: number;
  inputs: number;
  effects: Record<string, number>;
}

/** The timed year; only the states it returns stay reachable afterwards. */
function simulateYear(figures: YearFigures): CustomerState[] {
  const inputs = replicatedStream('dormancy-ladder', { customers: 100_000, inputs: Number.POSITIVE_INFINITY, days: 365 });
  const kinds = new Map<string, number>();
  const simulation = new Simulation(templatePlans('dormancy-ladder'), { onEffect: (effect) => kinds.set(effect.kind, (kinds.get(effect.kind) ?? 0) + 1) });
  collectGarbage();
  const start = performance.now();
  for (const input of inputs) simulation.ingest(input);
  simulation.advanceTo(BENCH_START + 365 * DAY_MS);
  const ms = performance.now() - start;
  figures.ms = ms;
  figures.inputs = inputs.length;
  figures.effects = Object.fromEntries(kinds);
  return [...simulation.customers()];
}

const year: YearFigures = { ms: 0, inputs: 0, effects: {} };
let states = simulateYear(year);
reportRow({
  row: 4,
  measured: `${(year.ms / 1000).toFixed(2)} s`,
  pass: year.ms <= TARGET_MS,
  detail: { customers: states.length, inputs: year.inputs, ms: year.ms, effects: year.effects },
});

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
  row: 7,
  measured: `${Math.round(perCustomer)} B`,
  pass: perCustomer <= TARGET_BYTES,
  detail: { customers, heapHeld: held, heapReleased: released, perCustomer, sampleStateJsonBytes: sample.length, sampleState: JSON.parse(sample) },
});
