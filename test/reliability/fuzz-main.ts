/** `npm run fuzz`: the full fuzz run (≥ 100,000 cases over every target), ending with a one-line summary. */
import fc from 'fast-check';
import { apiTarget, inProcessApi } from './fuzz/api-targets.ts';
import { dslTargets } from './fuzz/dsl-targets.ts';
import type { FuzzTarget } from './fuzz/target.ts';

/** Cases per target: the cheap readers get the most; the checker and compiler run whole documents. `FUZZ_SCALE=0.1` for a quick run. */
const CASES: Record<string, number> = {
  'text parser': 20_000,
  'JSON loader/validator': 20_000,
  checker: 8_000,
  compiler: 7_000,
  'pack importer': 5_000,
  'simulate NDJSON reader': 20_000,
  'API routes (in process)': 25_000,
};

const scale = Number(process.env['FUZZ_SCALE'] ?? '1');
const api = await inProcessApi();
api.statuses = new Map();
const targets: FuzzTarget[] = [...(await dslTargets()), await apiTarget('API routes (in process)', api, 1)];
const tried: string[] = [];
let total = 0;
let failures = 0;
const started = performance.now();
for (const target of targets) {
  const runs = Math.max(1, Math.round((CASES[target.name] ?? 1000) * scale));
  const t0 = performance.now();
  const details = await fc.check(target.property(), { numRuns: runs, seed: Number(process.env['FUZZ_SEED'] ?? Date.now()) });
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  total += details.numRuns;
  if (details.failed) {
    failures++;
    console.error(`FAIL ${target.name} after ${details.numRuns} cases (seed ${details.seed}, path ${details.counterexamplePath}):`);
    console.error(`  counterexample: ${fc.stringify(details.counterexample)}`);
    console.error(`  error: ${details.errorInstance instanceof Error ? (details.errorInstance.stack ?? details.errorInstance.message) : String(details.errorInstance)}`);
  }
  console.log(`${target.name}: ${details.numRuns} cases in ${seconds} s${details.failed ? ' — FAILED' : ''}`);
  tried.push(`${target.name} ${details.numRuns}`);
}
await Promise.all(targets.map((t) => t.close?.()));
const statuses = [...(api.statuses ?? new Map<number, number>())].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
console.log(`API answers by status: ${statuses}`);
console.log(`fuzz: ${total} cases (${tried.join(', ')}), failures = ${failures}, ${((performance.now() - started) / 1000).toFixed(0)} s`);
process.exit(failures === 0 ? 0 : 1);
