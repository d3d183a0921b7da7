/** Row 1: the same template conditions over the same customer facts, compiled closures vs json-rules-engine, in one process. */
import { Engine } from 'json-rules-engine';
import { bindConditionParams } from '../../../dsl/compiler/bind-params.ts';
import { compileCondition } from '../../../dsl/compiler/condition.ts';
import type { CompiledCondition, FactReader, Plan } from '../../../dsl/compiler/plan.ts';
import type { Condition } from '../../../dsl/schema/condition.ts';
import { Simulation } from '../../../runtime/clock/simulation.ts';
import { factReaderFor } from '../../../runtime/engine/index.ts';
import { BENCH_START, DAY_MS, replicatedStream, reportRow, templatePlans } from '../workload.ts';

const TEMPLATES = ['k12-five-stage', 'dormancy-ladder', 'aarrr'];

/** Every condition in a journey document: branches, awaited events' `when`, the trigger's `when`. */
function conditionsOf(value: unknown, into: Condition[]): Condition[] {
  if (Array.isArray(value)) value.forEach((item) => conditionsOf(item, into));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'when' && typeof child === 'object' && child !== null) into.push(child as Condition);
      else conditionsOf(child, into);
    }
  }
  return into;
}

/** json-rules-engine set up once per condition (rule and facts added once), reading the facts of whichever customer is current. */
function rulesEngineFor(condition: Condition, plan: Plan): (facts: FactReader) => Promise<boolean> {
  const bound = bindConditionParams(condition, plan.params);
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addRule({ conditions: ('fact' in bound ? { all: [bound] } : bound) as never, event: { type: 'matched' } });
  let current: FactReader | undefined;
  const names = new Set<string>();
  const collect = (c: Condition): void => {
    if ('all' in c) c.all.forEach(collect);
    else if ('any' in c) c.any.forEach(collect);
    else if ('not' in c) collect(c.not);
    else names.add(c.fact);
  };
  collect(bound);
  for (const name of names) {
    engine.addFact(name, (params: Record<string, string | number>) => current!.get(name, Object.keys(params).length === 0 ? undefined : params), { cache: false });
  }
  return async (facts) => {
    current = facts;
    return (await engine.run()).events.length > 0;
  };
}

const plans = templatePlans(...TEMPLATES);
const cases: { plan: Plan; closure: CompiledCondition; reference: (facts: FactReader) => Promise<boolean> }[] = [];
for (const plan of plans.live) {
  for (const condition of conditionsOf(plan.source, [])) {
    cases.push({ plan, closure: compileCondition(condition, plan.params), reference: rulesEngineFor(condition, plan) });
  }
}

// Real customer facts: each template's sample cohort run through the engine for 120 days.
const readers = new Map<Plan, FactReader[]>();
const now = BENCH_START + 120 * DAY_MS;
for (const templateId of TEMPLATES) {
  const simulation = new Simulation(templatePlans(templateId));
  for (const input of replicatedStream(templateId, { customers: 400, inputs: Number.POSITIVE_INFINITY, days: 120 })) simulation.ingest(input);
  const plan = plans.live.find((p) => p.journeyId === templateId)!;
  readers.set(plan, [...simulation.customers()].map((state) => factReaderFor(state, state.journeys[plan.journeyId], plan, now, { amount: 120, score: 85 })));
}

let agreements = 0;
let disagreements = 0;
const referenceStart = performance.now();
let referenceRuns = 0;
const referenceAnswers: boolean[] = [];
for (const c of cases) for (const facts of readers.get(c.plan)!) { referenceAnswers.push(await c.reference(facts)); referenceRuns++; }
const referenceMs = performance.now() - referenceStart;

// The closures are fast enough that one pass is too short to time: repeat it.
const closureAnswers: boolean[] = [];
for (const c of cases) for (const facts of readers.get(c.plan)!) closureAnswers.push(c.closure(facts));
closureAnswers.forEach((answer, i) => (answer === referenceAnswers[i] ? agreements++ : disagreements++));
const repeats = 200;
let sink = 0;
const closureStart = performance.now();
for (let r = 0; r < repeats; r++) for (const c of cases) for (const facts of readers.get(c.plan)!) if (c.closure(facts)) sink++;
const closureMs = performance.now() - closureStart;

const referencePerSecond = referenceRuns / (referenceMs / 1000);
const closurePerSecond = (referenceRuns * repeats) / (closureMs / 1000);
const speedup = closurePerSecond / referencePerSecond;
reportRow({
  measured: `${Math.round(speedup)}× (${fmt(closurePerSecond)} vs ${fmt(referencePerSecond)} evaluations/s)`,
  pass: speedup >= 100 && disagreements === 0,
  detail: { conditions: cases.length, customers: [...readers.values()].reduce((n, r) => n + r.length, 0), evaluations: referenceRuns, closurePerSecond, referencePerSecond, speedup, agreements, disagreements, sink },
});

function fmt(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : `${Math.round(n / 1000)}k`;
}
