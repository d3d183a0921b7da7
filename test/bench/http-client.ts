/** Starts the benchmark server in a child process and drives it with wrk (installed from Debian when missing), or autocannon when wrk cannot be had. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export interface BenchServer {
  url: string;
  adminKey: string;
  /** The server process, for its CPU time. */
  pid: number;
  stop(): Promise<void>;
}

/**
 * The server in its own process, so the load generator and the server do not share one event loop.
 *
 * @example
 * const server = await startBenchServer(); … await server.stop();
 */
export async function startBenchServer(env: Record<string, string> = {}): Promise<BenchServer> {
  const adminKey = `bench-${randomBytes(24).toString('hex')}`;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./http-server.ts', import.meta.url))], {
    env: { ...process.env, ...env, BENCH_ADMIN_KEY: adminKey, NODE_ENV: 'production' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /BENCH_SERVER (\S+)/.exec(seen);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return {
    url,
    adminKey,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        child.on('exit', () => resolve());
        child.stdin!.end();
      }),
  };
}

export type LoadGenerator = 'wrk' | 'autocannon';

/**
 * wrk when it is installed or apt-get can install it (as root, or through sudo); autocannon otherwise.
 * wrk is C: on the 2 shared cores it takes about a third of autocannon's CPU per request (measured on
 * /v1/track at concurrency 64: 13–15 µs against 30–39 µs), which the server then has for itself.
 * `BENCH_LOAD_GENERATOR=autocannon` forces autocannon (to compare the two).
 *
 * @example
 * const generator = ensureLoadGenerator(); // 'wrk'
 */
export function ensureLoadGenerator(): LoadGenerator {
  if (process.env.BENCH_LOAD_GENERATOR === 'autocannon') return 'autocannon';
  if (spawnSync(process.execPath, [fileURLToPath(new URL('../../scripts/ensure-debian-package.mjs', import.meta.url)), 'wrk'], { stdio: ['ignore', 2, 2] }).status === 0) return 'wrk';
  process.stderr.write('Measuring with autocannon instead, which takes about 3× the CPU per request on the same cores.\n');
  return 'autocannon';
}

/** What each request carries: one track message, or a batch of `size` track messages with a timestamp. */
export type Messages = { kind: 'track' } | { kind: 'batch'; size: number };

export type LoadResult = {
  loadGenerator: LoadGenerator;
  requestsPerSecond: number;
  p99Ms: number;
  p50Ms: number;
  total: number;
  non2xx: number;
  errors: number;
  seconds: number;
  /** CPU time of the server process per request (Linux /proc), to tell the server's cost from a busy machine. */
  serverCpuMicrosPerRequest?: number;
};

/** utime + stime of a process in seconds, from /proc (undefined elsewhere). */
function cpuSeconds(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

// The same messages as `messageBodies` below, built in wrk's LuaJIT: the message number `n` counts per run and
// thread, and the run's prefix keeps messageIds unique across runs against one server (else they dedupe).
const WRK_SCRIPT = `
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end
local kind, size, prefix
local counter = 0
function init(args)
  kind, size = args[1], tonumber(args[2])
  prefix = args[3] .. "-" .. thread_number .. "-"
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. args[4]
end
local function message(n, timestamp)
  local event = (n % 3 == 0) and "page_view" or "purchase"
  local user = '"userId":"u' .. (n % 100000) .. '"'
  local amount = '"properties":{"amount":' .. (50 + n % 500) .. '}'
  if timestamp == nil then
    return '{"event":"' .. event .. '",' .. user .. ',"messageId":"t' .. prefix .. n .. '",' .. amount .. '}'
  end
  return '{"type":"track","event":"' .. event .. '",' .. user .. ',"messageId":"b' .. prefix .. n .. '","timestamp":"' .. timestamp .. '",' .. amount .. '}'
end
function request()
  local body
  if kind == "track" then
    body = message(counter, nil)
    counter = counter + 1
  else
    local timestamp = os.date("!%Y-%m-%dT%H:%M:%S.000Z")
    local parts = {}
    for i = 1, size do
      parts[i] = message(counter, timestamp)
      counter = counter + 1
    end
    body = '{"batch":[' .. table.concat(parts, ",") .. ']}'
  end
  return wrk.format(nil, nil, nil, body)
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK_RESULT {"total":%d,"micros":%d,"p50":%.3f,"p99":%.3f,"status":%d,"socket":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50) / 1000, latency:percentile(99) / 1000, e.status, e.connect + e.read + e.write + e.timeout))
end
`;

interface WrkSummary {
  total: number;
  micros: number;
  p50: number;
  p99: number;
  /** Answers with a status of 400 or more. */
  status: number;
  socket: number;
}

function runWrk(server: BenchServer, path: string, messages: Messages, connections: number, seconds: number): Promise<WrkSummary> {
  const dir = mkdtempSync(join(tmpdir(), 'ls-bench-wrk-'));
  const script = join(dir, 'messages.lua');
  writeFileSync(script, WRK_SCRIPT);
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', script, `${server.url}${path}`, '--'];
  args.push(messages.kind, String(messages.kind === 'batch' ? messages.size : 1), randomBytes(4).toString('hex'), server.adminKey);
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      rmSync(dir, { recursive: true, force: true });
      const line = out.split('\n').find((l) => l.startsWith('WRK_RESULT '));
      if (code !== 0 || line === undefined) reject(new Error(`wrk exited with ${code}: ${out.trim().slice(-500)}`));
      else resolve(JSON.parse(line.slice('WRK_RESULT '.length)) as WrkSummary);
    });
  });
}

/** Request bodies for autocannon, the same messages as the wrk script's. */
function messageBodies(messages: Messages): () => string {
  const prefix = randomBytes(4).toString('hex');
  let n = 0;
  const message = (timestamp?: string) => {
    const m = n++;
    const fields = { event: m % 3 === 0 ? 'page_view' : 'purchase', userId: `u${m % 100_000}`, properties: { amount: 50 + (m % 500) } };
    return timestamp === undefined ? { ...fields, messageId: `t${prefix}-${m}` } : { type: 'track', ...fields, messageId: `b${prefix}-${m}`, timestamp };
  };
  if (messages.kind === 'track') return () => JSON.stringify(message());
  return () => {
    const timestamp = new Date().toISOString();
    return JSON.stringify({ batch: Array.from({ length: messages.size }, () => message(timestamp)) });
  };
}

async function runAutocannon(server: BenchServer, path: string, messages: Messages, connections: number, seconds: number): Promise<Omit<LoadResult, 'serverCpuMicrosPerRequest'>> {
  const body = messageBodies(messages);
  const result = await autocannon({
    url: server.url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${server.adminKey}` },
        setupRequest: (request: Record<string, unknown>) => ({ ...request, body: body() }),
      },
    ],
  });
  return {
    loadGenerator: 'autocannon',
    requestsPerSecond: result.requests.total / (result.duration || seconds),
    p99Ms: result.latency.p99,
    p50Ms: result.latency.p50,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    seconds: result.duration,
  };
}

/**
 * POSTs `messages` to `path` with `connections` concurrent connections for `seconds`, unique messageIds in every request.
 *
 * @example
 * await drive(server, ensureLoadGenerator(), '/v1/track', { kind: 'track' }, 64, 10);
 */
export async function drive(server: BenchServer, generator: LoadGenerator, path: string, messages: Messages, connections: number, seconds: number): Promise<LoadResult> {
  const cpuBefore = cpuSeconds(server.pid);
  let result: Omit<LoadResult, 'serverCpuMicrosPerRequest'>;
  if (generator === 'wrk') {
    const wrk = await runWrk(server, path, messages, connections, seconds);
    result = {
      loadGenerator: 'wrk',
      requestsPerSecond: wrk.total / (wrk.micros / 1e6),
      p99Ms: wrk.p99,
      p50Ms: wrk.p50,
      total: wrk.total,
      non2xx: wrk.status,
      errors: wrk.socket,
      seconds: wrk.micros / 1e6,
    };
  } else {
    result = await runAutocannon(server, path, messages, connections, seconds);
  }
  const cpuAfter = cpuSeconds(server.pid);
  if (cpuBefore === undefined || cpuAfter === undefined || result.total === 0) return result;
  return { ...result, serverCpuMicrosPerRequest: Math.round(((cpuAfter - cpuBefore) * 1e6) / result.total) };
}
