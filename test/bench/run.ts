/** `npm run bench`: runs every benchmark row of issue 8 in its own process, prints one table and writes it as JSON. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Row {
  id: number;
  figure: string;
  target: string;
  script: string;
  timeoutMs: number;
  /** Commands run before the row (not timed): what it needs on a fresh clone. */
  before?: readonly (readonly string[])[];
}

const ROWS: readonly Row[] = [
  { id: 1, figure: 'condition evaluation: compiled closures vs json-rules-engine (template conditions, template cohort facts)', target: '≥ 100× faster', script: 'conditions.ts', timeoutMs: 120_000 },
  { id: 2, figure: 'engine in process, memory (Simulation), 100k customers, 1M events (k12-five-stage; dormancy-ladder)', target: '≥ 500k events/s', script: 'engine-throughput.ts', timeoutMs: 240_000 },
  { id: 3, figure: 'durable embedded store, library batch ingest, 10k / 100k / 1M customers', target: '≥ 100k events/s, 1M within 20% of 10k', script: 'durable-ingest.ts', timeoutMs: 300_000 },
  { id: 4, figure: 'simulate: 100k customers × 365 days, dormancy ladder, timers included', target: '≤ 3 s', script: 'simulate-year.ts', timeoutMs: 180_000 },
  { id: 5, figure: 'HTTP /v1/batch, 500 events a request, durable ack, loopback', target: '≥ 50k events/s', script: 'http-batch.ts', timeoutMs: 90_000 },
  { id: 6, figure: 'HTTP /v1/track, concurrency 64', target: '≥ 5k req/s, p99 ≤ 50 ms', script: 'http-track.ts', timeoutMs: 90_000 },
  { id: 7, figure: 'memory per customer, steady state (dormancy ladder, 100k customers)', target: '≤ 1 KB', script: 'simulate-year.ts', timeoutMs: 180_000 },
  { id: 8, figure: 'restart to ready with 1M customers', target: '≤ 10 s', script: 'restart.ts', timeoutMs: 300_000 },
  { id: 9, figure: 'editor in Chromium: open a 500-node journey; p95 frame while panning', target: 'open ≤ 1.5 s; p95 frame ≤ 20 ms', script: 'editor.ts', timeoutMs: 120_000, before: [['node', 'scripts/ensure-debian-package.mjs', 'chromium'], ['npm', 'run', 'build:editor']] },
];

interface RowResult {
  id: number;
  figure: string;
  target: string;
  measured: string;
  pass: boolean;
  seconds: number;
  /** The machine's 1-minute load average when the row started: other work on the cores skews every figure. */
  loadAverage: number;
  /** When the row's script started (ISO); rows kept from an earlier run keep theirs. */
  measuredAt: string;
  detail?: Record<string, unknown>;
}

interface ScriptOutput {
  lines: { row?: number; measured: string; pass: boolean; detail: Record<string, unknown> }[];
  failure?: string;
  seconds: number;
  loadAverage: number;
  startedAt: string;
}

/** Runs a row script in a fresh node process and collects its BENCH_RESULT lines. */
function runScript(script: string, timeoutMs: number): Promise<ScriptOutput> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const loadAverage = Math.round(loadavg()[0]! * 10) / 10;
  const child = spawn(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', fileURLToPath(new URL(`./rows/${script}`, import.meta.url))], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, BENCH_SHARED_DIR: sharedDir },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const seconds = (performance.now() - started) / 1000;
      const lines = stdout
        .split('\n')
        .filter((l) => l.startsWith('BENCH_RESULT '))
        .map((l) => JSON.parse(l.slice('BENCH_RESULT '.length)) as ScriptOutput['lines'][number]);
      const why = signal === 'SIGKILL' ? `timed out after ${timeoutMs / 1000} s` : `exited with ${code ?? signal}`;
      const lastError = stderr.split('\n').filter((l) => l.trim() !== '' && !l.includes('npm warn')).slice(-3).join(' | ');
      resolve({ lines, seconds, loadAverage, startedAt, ...(code === 0 ? {} : { failure: `${why}${lastError ? ` (${lastError})` : ''}` }) });
    });
  });
}

const outputs = new Map<string, Promise<ScriptOutput>>();

/** One row's result: its line of its script's output (a script shared by rows runs once). */
async function runRow(row: Row): Promise<RowResult> {
  let output = outputs.get(row.script);
  if (output === undefined) outputs.set(row.script, (output = runScript(row.script, row.timeoutMs)));
  const { lines, failure, seconds, loadAverage, startedAt: measuredAt } = await output;
  const line = lines.find((l) => l.row === row.id) ?? lines.find((l) => l.row === undefined);
  if (line === undefined) return { id: row.id, figure: row.figure, target: row.target, measured: `not measured: ${failure ?? 'no result line'}`, pass: false, seconds, loadAverage, measuredAt };
  return { id: row.id, figure: row.figure, target: row.target, measured: line.measured, pass: line.pass, seconds, loadAverage, measuredAt, detail: line.detail };
}

function machine(): Record<string, string | number> {
  const cpuinfo = (() => {
    try {
      return readFileSync('/proc/cpuinfo', 'utf8');
    } catch {
      return '';
    }
  })();
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  return { cores: cpus().length, model: model.trim(), ramGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform} ${process.arch}` };
}

function table(results: readonly RowResult[]): string {
  const header = ['#', 'figure', 'target', 'measured', 'result', 'load'];
  const rows = results.map((r) => [String(r.id), r.figure, r.target, r.measured, r.pass ? 'PASS' : 'FAIL', String(r.loadAverage)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

const only = process.argv[2]?.split(',').map(Number);
/** Where one row leaves data for a later one (the 1M-customer store, built by row 3 and reopened by row 8). */
const sharedDir = mkdtempSync(join(tmpdir(), 'ls-bench-shared-'));
const chosen = ROWS.filter((row) => only === undefined || only.includes(row.id));
const startedAt = new Date().toISOString();
const results: RowResult[] = [];
for (const row of chosen) {
  process.stderr.write(`row ${row.id}: ${row.figure} …\n`);
  // The editor row measures the editor as it is in the working tree, so it is built every time (a few seconds).
  for (const [command, ...args] of row.before ?? []) {
    const status = spawnSync(command!, args, { stdio: ['ignore', 2, 2] }).status;
    if (status !== 0) process.stderr.write(`row ${row.id}: \`${[command, ...args].join(' ')}\` failed (exit ${status}); the row will likely fail too\n`);
  }
  const result = await runRow(row);
  process.stderr.write(`row ${row.id}: ${result.measured} (${result.pass ? 'PASS' : 'FAIL'}, ${result.seconds.toFixed(0)} s)\n`);
  results.push(result);
}
rmSync(sharedDir, { recursive: true, force: true });
const resultsFile = fileURLToPath(new URL('./results.json', import.meta.url));

/** Rows of the last results file that this run did not measure, so `npm run bench -- 2,4` keeps the others (each with its own measuredAt). */
function keptRows(): RowResult[] {
  if (only === undefined) return [];
  try {
    const previous = JSON.parse(readFileSync(resultsFile, 'utf8')) as { startedAt?: string; rows?: RowResult[] };
    return (previous.rows ?? []).filter((row) => !only.includes(row.id)).map((row) => ({ ...row, measuredAt: row.measuredAt ?? previous.startedAt ?? 'unknown' }));
  } catch {
    return [];
  }
}

const rows = [...keptRows(), ...results].sort((a, b) => a.id - b.id);
const report = { startedAt, machine: machine(), command: `npm run bench${only ? ` -- ${process.argv[2]}` : ''}`, rows };
writeFileSync(resultsFile, `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`${table(results)}\n\nload: the 1-minute load average when the row started (${report.machine.cores} cores)\nmachine: ${Object.values(report.machine).join(', ')}\nwritten to test/bench/results.json${only ? ' (rows not run kept from the last results)' : ''}\n`);
