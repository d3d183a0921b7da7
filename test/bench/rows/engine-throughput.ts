/**
 * Row 2: engine throughput in process with states in memory: 100k customers, 1M events per template.
 * The figure is the Simulation (the in-memory runtime: duplicate check, timer queue firing timers in
 * time order between inputs). Next to it, the engine core alone on the same inputs: stepInPlace over
 * a Map, overdue timers fired by each customer's next input (the engine's catch-up).
 */
import { Simulation } from '../../../runtime/clock/simulation.ts';
import type { Input } from '../../../runtime/engine/types.ts';
import { collectGarbage, replicatedStream, reportRow, stepEachInPlace, templatePlans } from '../workload.ts';

const TARGET = 500_000;

function simulationRate(templateId: string, inputs: readonly Input[]): { perSecond: number; ms: number; effects: number; customers: number } {
  let effects = 0;
  const simulation = new Simulation(templatePlans(templateId), { onEffect: () => void effects++ });
  collectGarbage();
  const start = performance.now();
  for (const input of inputs) simulation.ingest(input);
  const ms = performance.now() - start;
  return { perSecond: inputs.length / (ms / 1000), ms, effects, customers: simulation.customerCount };
}

function engineCoreRate(templateId: string, inputs: readonly Input[]): { perSecond: number; ms: number; effects: number } {
  const plans = templatePlans(templateId);
  let effects = 0;
  collectGarbage();
  const start = performance.now();
  stepEachInPlace(plans, inputs, (stepEffects) => void (effects += stepEffects.length));
  const ms = performance.now() - start;
  return { perSecond: inputs.length / (ms / 1000), ms, effects };
}

const results: Record<string, { inputs: number; simulation: ReturnType<typeof simulationRate>; engineCore: ReturnType<typeof engineCoreRate> }> = {};
for (const templateId of ['k12-five-stage', 'dormancy-ladder']) {
  const inputs = replicatedStream(templateId, { customers: 100_000, inputs: 1_000_000 });
  results[templateId] = { inputs: inputs.length, simulation: simulationRate(templateId, inputs), engineCore: engineCoreRate(templateId, inputs) };
}
const slowest = Math.min(...Object.values(results).map((r) => r.simulation.perSecond));
const k = (n: number): string => `${Math.round(n / 1000)}k/s`;
reportRow({
  measured: Object.entries(results)
    .map(([id, r]) => `${id} ${k(r.simulation.perSecond)} (engine core ${k(r.engineCore.perSecond)})`)
    .join(', '),
  pass: slowest >= TARGET,
  detail: results,
});
