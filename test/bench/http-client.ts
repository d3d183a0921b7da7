/** Starts the benchmark server in a child process and drives it with autocannon. */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export interface BenchServer {
  url: string;
  adminKey: string;
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
    stop: () =>
      new Promise<void>((resolve) => {
        child.on('exit', () => resolve());
        child.stdin!.end();
      }),
  };
}

export type LoadResult = {
  requestsPerSecond: number;
  p99Ms: number;
  p50Ms: number;
  total: number;
  non2xx: number;
  errors: number;
  seconds: number;
};

/**
 * POSTs to `path` with `connections` concurrent connections for `seconds`, a fresh body per request.
 *
 * @example
 * await drive(server, '/v1/track', 64, 10, () => JSON.stringify({ event: 'page_view', userId: 'u1' }));
 */
export async function drive(server: BenchServer, path: string, connections: number, seconds: number, body: () => string): Promise<LoadResult> {
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
    requestsPerSecond: result.requests.total / (result.duration || seconds),
    p99Ms: result.latency.p99,
    p50Ms: result.latency.p50,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    seconds: result.duration,
  };
}
