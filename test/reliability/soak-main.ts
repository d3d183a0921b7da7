/**
 * `npm run soak`: 5 minutes (SOAK_SECONDS) of mixed traffic against the real server on 127.0.0.1 — batch and single
 * ingestion, reads, actions, publishes — from a bounded client loop (SOAK_CONCURRENCY requests in flight). Reports the
 * server's RSS over time, latency percentiles and errors, ending with a one-line summary. Exit 1 on any error.
 *
 * Two phases: for the first 60 % every ingested event is new, so the stored history (which the embedded store keeps in
 * memory) grows; for the last 40 % ingestion re-sends acknowledged batches (deduplicated, nothing new stored) with the
 * same request mix. Memory growth in the first phase is data; growth in the second would be a leak.
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
// Whatever happens to this script, the server child goes with it.
process.once('exit', () => void (server.process.exitCode === null && server.process.kill('SIGKILL')));
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
  // Migrating moves every customer (new history); the steady phase publishes with `finish` so that nothing new is stored.
  await call('publish', 'POST', '/v1/journeys/soak/publish', { policy: !steady && version % 2 === 1 ? 'migrate' : 'finish' });
}

const customer = (): string => `s${Math.floor(Math.random() * customers)}`;
/** Customers whose events were acknowledged: reads ask only for those (others are a 404 by design). */
const known: string[] = [];
const knownSet = new Set<string>();
const knownCustomer = (): string => known[Math.floor(Math.random() * known.length)] ?? 's0';
const track = () => ({ type: 'track', userId: customer(), event: Math.random() < 0.05 ? 'signup' : 'page_view', messageId: `soak-${messageNo++}`, properties: { n: messageNo } });
/** Acknowledged batches, re-sent in the steady phase. */
const sentBatches: ReturnType<typeof track>[][] = [];
let steady = false;
let resent = 0;

/** One request of the mix: 55 % batches, 15 % single events, 25 % reads, 5 % outbox pulls. */
async function oneRequest(): Promise<void> {
  const r = Math.random();
  const remember = (batch: { userId: string }[]) => (answer: unknown) => {
    if (answer === undefined) return;
    for (const m of batch) if (!knownSet.has(m.userId)) knownSet.add(m.userId) && known.push(m.userId);
  };
  if (steady && r < 0.7) {
    const batch = sentBatches[Math.floor(Math.random() * sentBatches.length)]!;
    resent += batch.length;
    await call('ingest', 'POST', '/v1/batch', { batch });
  } else if (r < 0.55 || known.length === 0) {
    const batch = Array.from({ length: 10 }, track);
    await call('ingest', 'POST', '/v1/batch', { batch }).then(remember(batch)).then(() => void (sentBatches.length < 5000 && sentBatches.push(batch)));
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

const heapStart = await server.heapAfterGc();
const started = Date.now();
const until = started + seconds * 1000;
const rss: { at: number; mb: number }[] = [{ at: 0, mb: rssMb() }];
const sampler = setInterval(() => rss.push({ at: Math.round((Date.now() - started) / 1000), mb: rssMb() }), 5000);
const reporter = setInterval(() => {
  const all = Object.values(latencies).reduce((n, l) => n + l.length, 0);
  console.log(`t=${Math.round((Date.now() - started) / 1000)}s requests=${all} errors=${errors.length} rss=${rss.at(-1)!.mb.toFixed(0)}MB`);
}, 30_000);
let publishing: Promise<void> = Promise.resolve();
const publisher = setInterval(() => void (publishing = publish()), 20_000);
const steadyFrom = started + seconds * 600;
let rssAtSteady = 0;
let eventsAtSteady = 0;
let heapAtSteady = 0;
setTimeout(() => {
  steady = true;
  void server.heapAfterGc().then((bytes) => (heapAtSteady = bytes));
  rssAtSteady = rssMb();
  eventsAtSteady = messageNo;
  rss.push({ at: Math.round((Date.now() - started) / 1000), mb: rssAtSteady });
  console.log(`t=${Math.round((Date.now() - started) / 1000)}s steady phase: re-sending acknowledged batches from now on`);
}, steadyFrom - started).unref();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (Date.now() < until) await oneRequest();
  }),
);
clearInterval(sampler);
clearInterval(reporter);
clearInterval(publisher);
await publishing;
const heapEnd = await server.heapAfterGc();
rss.push({ at: Math.round((Date.now() - started) / 1000), mb: rssMb() });

const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const everything = Object.values(latencies).flat();
const elapsed = (Date.now() - started) / 1000;
const growth = rssAtSteady - rss[0]!.mb;
const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);
const steadySamples = rss.filter((s) => s.at >= (steadyFrom - started) / 1000);
const steadyMinutes = (steadySamples.at(-1)!.at - steadySamples[0]!.at) / 60;
const steadySlope = steadyMinutes > 0 ? (steadySamples.at(-1)!.mb - steadySamples[0]!.mb) / steadyMinutes : 0;
console.log(`RSS over time (s:MB): ${rss.map((s) => `${s.at}:${s.mb.toFixed(0)}`).join(' ')}`);
for (const [kind, values] of Object.entries(latencies)) {
  console.log(`${kind}: ${values.length} requests, p50 ${percentile(values, 50).toFixed(1)} ms, p99 ${percentile(values, 99).toFixed(1)} ms, max ${values.reduce((a, b) => Math.max(a, b), 0).toFixed(1)} ms`);
}
for (const e of errors.slice(0, 10)) console.error(`error: ${e}`);
server.process.kill('SIGTERM');
await server.exited;
await receiver.close();
rmSync(dir, { recursive: true, force: true });
console.log(
  `soak: ${elapsed.toFixed(0)} s, ${everything.length} requests (${(everything.length / elapsed).toFixed(0)}/s; ingest ${latencies['ingest']!.length}, reads ${latencies['read']!.length}, publish calls ${latencies['publish']!.length}), ` +
    `${messageNo} new events + ${resent} re-sent (deduplicated), errors = ${errors.length}, p50 ${percentile(everything, 50).toFixed(1)} ms, p99 ${percentile(everything, 99).toFixed(1)} ms, ` +
    `RSS start ${rss[0]!.mb.toFixed(0)} MB → end ${rss.at(-1)!.mb.toFixed(0)} MB (growth phase +${growth.toFixed(0)} MB for ${eventsAtSteady} stored events ≈ ${((growth * 1024 * 1024) / Math.max(1, eventsAtSteady)).toFixed(0)} B/event; steady phase ${steadySlope >= 0 ? '+' : ''}${steadySlope.toFixed(1)} MB/min); ` +
    `heap after full GC ${mb(heapStart)} MB → ${mb(heapAtSteady)} MB at the steady phase → ${mb(heapEnd)} MB at the end`,
);
process.exit(errors.length === 0 ? 0 : 1);
