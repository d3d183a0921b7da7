/**
 * Row 4: `simulate` over 100k dormancy-ladder customers for 365 days, timers included: the sample
 * cohort's behaviours replicated to 100k customers, run by the Simulation that `simulate` uses, to
 * the end of the year so every ladder timer due in it fires. Building the input stream is not timed.
 */
import { Simulation } from '../../../runtime/clock/simulation.ts';
import { BENCH_START, collectGarbage, DAY_MS, replicatedStream, reportRow, templatePlans } from '../workload.ts';

const TARGET_MS = 3_000;
const inputs = replicatedStream('dormancy-ladder', { customers: 100_000, inputs: Number.POSITIVE_INFINITY, days: 365 });
const kinds = new Map<string, number>();
const simulation = new Simulation(templatePlans('dormancy-ladder'), { onEffect: (effect) => kinds.set(effect.kind, (kinds.get(effect.kind) ?? 0) + 1) });
collectGarbage();
const start = performance.now();
for (const input of inputs) simulation.ingest(input);
simulation.advanceTo(BENCH_START + 365 * DAY_MS);
const ms = performance.now() - start;
reportRow({
  measured: `${(ms / 1000).toFixed(2)} s`,
  pass: ms <= TARGET_MS,
  detail: { customers: simulation.customerCount, inputs: inputs.length, ms, effects: Object.fromEntries(kinds) },
});
