/**
 * Rows 4 and 7, from one simulated year (building it twice would cost a minute of the bench's ten).
 *
 * Row 4: `simulate` over 100k dormancy-ladder customers for 365 days, timers included: the sample
 * cohort's behaviours replicated to 100k customers, run by the Simulation that `simulate` uses, to
 * the end of the year so every ladder timer due in it fires. Building the input stream is not timed.
 * Next to it, the same year through the command itself, end to end: `lifecycle-studio simulate` in its
 * own process reading the year as an NDJSON file and writing one JSON line per effect to a pipe (its
 * lines counted against the Simulation's effects). And the engine alone on the same year: each input
 * stepped in place on a Map of states, each customer's overdue timers fired by its next input and the
 * rest at the year's end (the same effects, counted by kind), with none of the Simulation's duplicate
 * check or timer queue: the part of the figure that only a faster engine can lower.
 *
 * Row 7: heap per customer in steady state: the 100k states at the end of that year alone (heap with
 * the states held minus heap once they are let go, both after GC), measured after row 4's timing.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Simulation } from '../../../runtime/clock/simulation.ts';
import { newCustomerState } from '../../../runtime/engine/index.ts';
import { catchUpTimers, stepInPlace } from '../../../runtime/engine/step.ts';
import type { CustomerState, Effect, Input } from '../../../runtime/engine/types.ts';
import { BENCH_START, collectGarbage, DAY_MS, replicatedNdjson, replicatedStream, reportRow, templatePlans, watchGc } from '../workload.ts';

const TARGET_MS = 3_000;
const TARGET_BYTES = 1024;
if ((globalThis as { gc?: unknown }).gc === undefined) throw new Error('run with node --expose-gc');

interface YearFigures {
  ms: number;
  /** When the timed stretch began and ended (performance.now()), to sum the GC pauses in it. */
  span: [number, number];
  inputs: number;
  effects: Record<string, number>;
}

const YEAR_END = BENCH_START + 365 * DAY_MS;
/** The year's inputs, built inside each timed function: a caller's temporary can stay reachable from its frame. */
const yearInputs = (): Input[] => replicatedStream('dormancy-ladder', { customers: 100_000, inputs: Number.POSITIVE_INFINITY, days: 365 });

/** The timed year; only the states it returns stay reachable afterwards. */
function simulateYear(figures: YearFigures): CustomerState[] {
  const inputs = yearInputs();
  const kinds = new Map<string, number>();
  const simulation = new Simulation(templatePlans('dormancy-ladder'), { onEffect: (effect) => kinds.set(effect.kind, (kinds.get(effect.kind) ?? 0) + 1) });
  collectGarbage();
  const start = performance.now();
  for (const input of inputs) simulation.ingest(input);
  simulation.advanceTo(YEAR_END);
  const end = performance.now();
  figures.ms = end - start;
  figures.span = [start, end];
  figures.inputs = inputs.length;
  figures.effects = Object.fromEntries(kinds);
  return [...simulation.customers()];
}

/**
 * The same year through the engine alone: states in a Map, stepped in place, timers fired by catch-up.
 * Its inputs are built again rather than kept from the first year: held through row 7, they would keep
 * the customer ids the states share with them.
 */
function engineAloneYear(): { ms: number; span: [number, number]; effects: Record<string, number> } {
  const inputs = yearInputs();
  const plans = templatePlans('dormancy-ladder');
  const kinds = new Map<string, number>();
  const count = (effects: readonly Effect[]): void => {
    for (let i = 0; i < effects.length; i++) kinds.set(effects[i]!.kind, (kinds.get(effects[i]!.kind) ?? 0) + 1);
  };
  const states = new Map<string, CustomerState>();
  collectGarbage();
  const start = performance.now();
  // The loop written out, as in row 2: through a shared function taking a callback, row 2's engine core measured ~7% slower.
  for (const input of inputs) {
    let state = states.get(input.customerId);
    if (state === undefined) states.set(input.customerId, (state = newCustomerState(input.customerId)));
    count(stepInPlace(plans, state, input));
  }
  const atYearEnd: Effect[] = [];
  for (const state of states.values()) catchUpTimers(plans, state, YEAR_END + 1, atYearEnd);
  count(atYearEnd);
  const end = performance.now();
  return { ms: end - start, span: [start, end], effects: Object.fromEntries(kinds) };
}

/** The year through `lifecycle-studio simulate` as a user runs it: wall time from start to exit, lines written. */
async function simulateCommandYear(): Promise<{ ms: number; lines: number; eventsFileBytes: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'ls-bench-simulate-'));
  try {
    const events = join(dir, 'year.ndjson');
    writeFileSync(events, `${replicatedNdjson('dormancy-ladder', { customers: 100_000, inputs: Number.POSITIVE_INFINITY, days: 365 }).join('\n')}\n`);
    const eventsFileBytes = statSync(events).size;
    collectGarbage();
    const bin = fileURLToPath(new URL('../../../bin/lifecycle-studio.js', import.meta.url));
    const until = new Date(YEAR_END).toISOString();
    const start = performance.now();
    const child = spawn(process.execPath, [bin, 'simulate', '--journey', 'dormancy-ladder', '--events', events, '--until', until], { stdio: ['ignore', 'pipe', 'inherit'] });
    let lines = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    if (code !== 0) throw new Error(`lifecycle-studio simulate exited with ${code}`);
    return { ms: performance.now() - start, lines, eventsFileBytes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const gc = watchGc();
const year: YearFigures = { ms: 0, span: [0, 0], inputs: 0, effects: {} };
let states = simulateYear(year);
const row4 = { customers: states.length, inputs: year.inputs, ms: year.ms, gcMs: await gc.within(...year.span), effects: year.effects };

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

// The command prints every effect but the timer bookkeeping (timerSet, timerCleared; `--all` adds them).
const printedEffects = Object.entries(year.effects).reduce((sum, [kind, n]) => (kind === 'timerSet' || kind === 'timerCleared' ? sum : sum + n), 0);
const { span: engineSpan, ...engineYear } = engineAloneYear();
const engineAlone = { ...engineYear, gcMs: await gc.within(...engineSpan) };
const sameEffects = JSON.stringify(Object.entries(engineAlone.effects).sort()) === JSON.stringify(Object.entries(year.effects).sort());
if (!sameEffects) throw new Error(`the engine alone made other effects than the Simulation: ${JSON.stringify(engineAlone.effects)} vs ${JSON.stringify(year.effects)}`);
const command = await simulateCommandYear();
reportRow({
  row: 4,
  measured: `${(year.ms / 1000).toFixed(2)} s, GC ${Math.round((100 * row4.gcMs) / year.ms)}% (the engine alone on the same year: ${(engineAlone.ms / 1000).toFixed(2)} s; the simulate command end to end, ${Math.round(command.eventsFileBytes / 2 ** 20)} MB of NDJSON in, ${(command.lines / 1e6).toFixed(2)}M lines out: ${(command.ms / 1000).toFixed(1)} s)`,
  pass: year.ms <= TARGET_MS,
  detail: { ...row4, engineAlone, command: { ...command, linesMatchEffects: command.lines === printedEffects, printedEffects } },
});
