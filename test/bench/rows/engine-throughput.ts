/**
 * Row 2: engine throughput in process with states in memory: 100k customers, 1M events per template.
 * The figure is the Simulation (the in-memory runtime: duplicate check, timer queue firing timers in
 * time order between inputs). Next to it, the engine core alone on the same inputs: stepInPlace over
 * a Map, overdue timers fired by each customer's next input (the engine's catch-up).
 */
import { Simulation } from '../../../runtime/clock/simulation.ts';
import { newCustomerState } from '../../../runtime/engine/index.ts';
import { stepInPlace } from '../../../runtime/engine/step.ts';
import type { CustomerState, Input } from '../../../runtime/engine/types.ts';
import { collectGarbage, replicatedStream, reportRow, templatePlans, watchGc } from '../workload.ts';

const TARGET = 500_000;

interface Rate {
  perSecond: number;
  ms: number;
  /** Of `ms`, the main thread's pauses for garbage collection. */
  gcMs: number;
  effects: number;
}

const gc = watchGc();

/** A timed stretch's rate and GC share. */
async function rate(inputs: readonly Input[], start: number, end: number, effects: number): Promise<Rate> {
  const ms = end - start;
  return { perSecond: inputs.length / (ms / 1000), ms, gcMs: await gc.within(start, end), effects };
}

async function simulationRate(templateId: string, inputs: readonly Input[]): Promise<Rate & { customers: number }> {
  let effects = 0;
  const simulation = new Simulation(templatePlans(templateId), { onEffect: () => void effects++ });
  collectGarbage();
  const start = performance.now();
  for (const input of inputs) simulation.ingest(input);
  const end = performance.now();
  return { ...(await rate(inputs, start, end, effects)), customers: simulation.customerCount };
}

async function engineCoreRate(templateId: string, inputs: readonly Input[]): Promise<Rate> {
  const plans = templatePlans(templateId);
  const states = new Map<string, CustomerState>();
  let effects = 0;
  collectGarbage();
  const start = performance.now();
  for (const input of inputs) {
    let state = states.get(input.customerId);
    if (state === undefined) states.set(input.customerId, (state = newCustomerState(input.customerId)));
    effects += stepInPlace(plans, state, input).length;
  }
  return rate(inputs, start, performance.now(), effects);
}

const results: Record<string, { inputs: number; simulation: Rate & { customers: number }; engineCore: Rate }> = {};
for (const templateId of ['k12-five-stage', 'dormancy-ladder']) {
  const inputs = replicatedStream(templateId, { customers: 100_000, inputs: 1_000_000 });
  results[templateId] = { inputs: inputs.length, simulation: await simulationRate(templateId, inputs), engineCore: await engineCoreRate(templateId, inputs) };
}
const slowest = Math.min(...Object.values(results).map((r) => r.simulation.perSecond));
const k = (n: number): string => `${Math.round(n / 1000)}k/s`;
reportRow({
  measured: Object.entries(results)
    .map(([id, r]) => `${id} ${k(r.simulation.perSecond)} (engine core ${k(r.engineCore.perSecond)}, GC ${Math.round((100 * r.engineCore.gcMs) / r.engineCore.ms)}% of it)`)
    .join(', '),
  pass: slowest >= TARGET,
  detail: results,
});
