/**
 * `npm run soak`: 5 minutes (SOAK_SECONDS) of mixed traffic against the real server on 127.0.0.1 — batch and single
 * ingestion, reads, actions, publishes — from a bounded client loop (SOAK_CONCURRENCY requests in flight). Reports the
 * server's RSS over time, latency percentiles and errors, ending with a one-line summary. Exit 1 on any error.
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_KEY, startReceiver, startServerChild } from './faults/kill-harness.ts';
import { onboardingJourney } from '../runtime/server/fixture-journey.ts';

const seconds = Number(process.env['SOAK_SECONDS'] ?? '300');
const concurrency = Number(process.env['SOAK_CONCURRENCY'] ?? '32');
const customers = 2000;

const dir = mkdtempSync(join(tmpdir(), 'ls-soak-'));
const receiver = await startReceiver();
const server = await startServerChild(dir);
const pid = server.process.pid!;
const headers = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' };

const rssMb = (): number => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
};

const latencies: Record<string, number[]> = { ingest: [], read: [], publish: [] };
const errors: string[] = [];
let messageNo = 0;
let version = 1;

async function call(kind: keyof typeof latencies, method: string, path: string, body?: unknown): Promise<unknown> {
  const started = performance.now();
  try {
    const res = await fetch(`${server.base}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await res.text();
    latencies[kind]!.push(performance.now() - started);
    if (res.status >= 300) errors.push(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
    return res.status < 300 ? (JSON.parse(text) as unknown) : undefined;
  } catch (error) {
    errors.push(`${method} ${path}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

const journey = (v: number) => {
  const doc = onboardingJourney(receiver.url, 'soak', 'signup');
  return { ...doc, nodes: doc.nodes.map((n) => (n.id === 't_call' ? { ...n, action: { ...n.action, title: `Call the new customer (v${v})` } } : n)) };
};

async function publish(): Promise<void> {
  const current = (await call('read', 'GET', '/v1/journeys/soak')) as { draft: { revision: number } } | undefined;
  if (current === undefined) return;
  await call('publish', 'PUT', '/v1/journeys/soak/draft', { document: journey(++version), baseRevision: current.draft.revision });
  await call('publish', 'POST', '/v1/journeys/soak/publish', { policy: version % 2 === 0 ? 'finish' : 'migrate' });
}

const customer = (): string => `s${Math.floor(Math.random() * customers)}`;
/** Customers whose events were acknowledged: reads ask only for those (others are a 404 by design). */
const known: string[] = [];
const knownSet = new Set<string>();
const knownCustomer = (): string => known[Math.floor(Math.random() * known.length)] ?? 's0';
const track = () => ({ type: 'track', userId: customer(), event: Math.random() < 0.05 ? 'signup' : 'page_view', messageId: `soak-${messageNo++}`, properties: { n: messageNo } });

/** One request of the mix: 55 % batches, 15 % single events, 25 % reads, 5 % outbox pulls. */
async function oneRequest(): Promise<void> {
  const r = Math.random();
  const remember = (batch: { userId: string }[]) => (answer: unknown) => {
    if (answer === undefined) return;
    for (const m of batch) if (!knownSet.has(m.userId)) knownSet.add(m.userId) && known.push(m.userId);
  };
  if (r < 0.55 || known.length === 0) {
    const batch = Array.from({ length: 10 }, track);
    await call('ingest', 'POST', '/v1/batch', { batch }).then(remember(batch));
  } else if (r < 0.7) {
    const one = track();
    await call('ingest', 'POST', '/v1/track', one).then(remember([one]));
  } else if (r < 0.8) await call('read', 'GET', `/v1/customers/${knownCustomer()}/timeline?limit=20`);
  else if (r < 0.87) await call('read', 'GET', '/v1/journeys');
  else if (r < 0.95) await call('read', 'GET', '/v1/journeys/soak/stats');
  else await call('read', 'GET', '/v1/actions?limit=50');
}

await call('publish', 'POST', '/v1/journeys', { document: journey(1) });
await call('publish', 'POST', '/v1/journeys/soak/publish', { policy: 'finish' });

const started = Date.now();
const until = started + seconds * 1000;
const rss: { at: number; mb: number }[] = [{ at: 0, mb: rssMb() }];
const sampler = setInterval(() => rss.push({ at: Math.round((Date.now() - started) / 1000), mb: rssMb() }), 5000);
const reporter = setInterval(() => {
  const all = Object.values(latencies).reduce((n, l) => n + l.length, 0);
  console.log(`t=${Math.round((Date.now() - started) / 1000)}s requests=${all} errors=${errors.length} rss=${rss.at(-1)!.mb.toFixed(0)}MB`);
}, 30_000);
const publisher = setInterval(() => void publish(), 20_000);
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (Date.now() < until) await oneRequest();
  }),
);
clearInterval(sampler);
clearInterval(reporter);
clearInterval(publisher);
rss.push({ at: Math.round((Date.now() - started) / 1000), mb: rssMb() });

const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const everything = Object.values(latencies).flat();
const elapsed = (Date.now() - started) / 1000;
const half = rss.filter((s) => s.at >= elapsed / 2);
const firstHalfMax = Math.max(...rss.filter((s) => s.at < elapsed / 2).map((s) => s.mb));
const secondHalfMax = Math.max(...half.map((s) => s.mb));
console.log(`RSS over time (s:MB): ${rss.map((s) => `${s.at}:${s.mb.toFixed(0)}`).join(' ')}`);
for (const [kind, values] of Object.entries(latencies)) {
  console.log(`${kind}: ${values.length} requests, p50 ${percentile(values, 50).toFixed(1)} ms, p99 ${percentile(values, 99).toFixed(1)} ms, max ${Math.max(0, ...values).toFixed(1)} ms`);
}
for (const e of errors.slice(0, 10)) console.error(`error: ${e}`);
server.process.kill('SIGTERM');
await server.exited;
await receiver.close();
rmSync(dir, { recursive: true, force: true });
console.log(
  `soak: ${elapsed.toFixed(0)} s, ${everything.length} requests (${(everything.length / elapsed).toFixed(0)}/s; ingest ${latencies['ingest']!.length}, reads ${latencies['read']!.length}, publish calls ${latencies['publish']!.length}), ` +
    `${messageNo} events, errors = ${errors.length}, p50 ${percentile(everything, 50).toFixed(1)} ms, p99 ${percentile(everything, 99).toFixed(1)} ms, ` +
    `RSS start ${rss[0]!.mb.toFixed(0)} MB → end ${rss.at(-1)!.mb.toFixed(0)} MB (max first half ${firstHalfMax.toFixed(0)} MB, second half ${secondHalfMax.toFixed(0)} MB)`,
);
process.exit(errors.length === 0 ? 0 : 1);
