/** Row 2: engine throughput in process with states in memory: 100k customers, 1M events per template, timers firing in between. */
import { Simulation } from '../../../runtime/clock/simulation.ts';
import { collectGarbage, replicatedStream, reportRow, templatePlans } from '../workload.ts';

const TARGET = 500_000;
const results: Record<string, { inputs: number; ms: number; perSecond: number; effects: number; customers: number }> = {};
for (const templateId of ['k12-five-stage', 'dormancy-ladder']) {
  const inputs = replicatedStream(templateId, { customers: 100_000, inputs: 1_000_000 });
  let effects = 0;
  const simulation = new Simulation(templatePlans(templateId), { onEffect: () => void effects++ });
  collectGarbage();
  const start = performance.now();
  for (const input of inputs) simulation.ingest(input);
  const ms = performance.now() - start;
  results[templateId] = { inputs: inputs.length, ms, perSecond: inputs.length / (ms / 1000), effects, customers: simulation.customerCount };
}
const slowest = Math.min(...Object.values(results).map((r) => r.perSecond));
reportRow({
  measured: Object.entries(results).map(([id, r]) => `${id} ${Math.round(r.perSecond / 1000)}k/s`).join(', '),
  pass: slowest >= TARGET,
  detail: results,
});
