/** SIGKILL during HTTP ingestion: a real server in a child process, a client recording acknowledged messageIds, kills at random moments, then an audit. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { effectId } from '../../../runtime/engine/index.ts';
import { EmbeddedStore } from '../../../runtime/store/embedded.ts';
import type { RuntimeStore } from '../../../runtime/store/types.ts';
import { onboardingJourney } from '../../runtime/server/fixture-journey.ts';

const CHILD = join(import.meta.dirname, 'server-child.ts');
export const ADMIN_KEY = 'kill-test-admin-key-0123456789abcdef';

export interface ServerChild {
  process: ChildProcess;
  base: string;
  stderr: () => string;
  /** Heap bytes in use right after a full garbage collection. */
  heapAfterGc: () => Promise<number>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the server child on `dir`; resolves once it listens (rejects with its stderr if it exits first). */
export function startServerChild(dir: string, env: Record<string, string> = {}): Promise<ServerChild> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', CHILD, dir], {
    cwd: join(import.meta.dirname, '../../..'),
    env: { ...process.env, LIFECYCLE_ADMIN_KEY: ADMIN_KEY, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const heapWaiters: ((bytes: number) => void)[] = [];
  const heapAfterGc = (): Promise<number> =>
    new Promise((resolve) => {
      heapWaiters.push(resolve);
      child.kill('SIGUSR2');
    });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const lines = out.split('\n');
      out = lines.pop()!;
      for (const line of lines) {
        const listening = /^listening (\d+)$/.exec(line);
        if (listening) resolve({ process: child, base: `http://127.0.0.1:${listening[1]}`, stderr: () => stderr, heapAfterGc, exited });
        const heap = /^heap (\d+)$/.exec(line);
        if (heap) heapWaiters.shift()?.(Number(heap[1]));
      }
    });
    void exited.then(({ code, signal }) => reject(new Error(`server child exited (${code ?? signal}) before listening: ${stderr}`)));
  });
}

/** A webhook receiver on loopback that records every delivery's Idempotency-Key. */
export async function startReceiver(): Promise<{ url: string; keys: string[]; close: () => Promise<void> }> {
  const keys: string[] = [];
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      keys.push(String(req.headers['idempotency-key']));
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/hook`, keys, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

interface Message {
  type: 'track';
  userId: string;
  event: string;
  messageId: string;
}

/** The stream: every customer signs up once (one webhook, one task each), then browses for as long as the test runs. */
function signups(customers: number): Message[] {
  return Array.from({ length: customers }, (_, c) => ({ type: 'track', userId: `k${c}`, event: 'signup', messageId: `msg-${c}-signup` }));
}

function browsing(customers: number): () => Message[] {
  let produced = 0;
  return () => Array.from({ length: 20 }, () => {
    const n = produced++;
    return { type: 'track', userId: `k${n % customers}`, event: 'page_view', messageId: `msg-view-${n}` };
  });
}

const auth = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' };

/**
 * Sends batches with a few requests in flight until told to stop, or until the queue is empty when there is no `more`;
 * failed batches go back to the queue.
 */
async function sendUntilStopped(base: string, queue: Message[][], acked: Set<string>, stop: { now: boolean }, more?: () => Message[], flight = { requests: 0 }): Promise<void> {
  const worker = async (): Promise<void> => {
    while (!stop.now) {
      const batch = queue.shift() ?? more?.();
      if (batch === undefined) return;
      flight.requests++;
      try {
        const res = await fetch(`${base}/v1/batch`, { method: 'POST', headers: auth, body: JSON.stringify({ batch }) });
        await res.text();
        if (res.status === 200) for (const m of batch) acked.add(m.messageId);
        else queue.push(batch);
      } catch {
        queue.push(batch);
        return;
      } finally {
        flight.requests--;
      }
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
}

export interface KillReport {
  kills: number;
  /** Kills that landed while ingestion requests were in flight. */
  killsWhileSending: number;
  acknowledged: number;
  foundOfAcknowledged: number;
  lost: string[];
  effects: number;
  duplicateEffects: number;
  duplicateOutbox: number;
  webhookEffects: number;
  webhookKeysDelivered: number;
  webhookRepeats: number;
  missingWebhooks: number;
  summary: string;
}

async function allEffects(store: RuntimeStore): Promise<{ id: string; node: string; customerId: string; kind: string }[]> {
  const effects: { id: string; node: string; customerId: string; kind: string }[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listCustomers({ limit: 1000, ...(cursor === undefined ? {} : { cursor }) });
    for (const customer of page.items) {
      let at: string | undefined;
      do {
        const timeline = await store.timeline(customer.customerId, { limit: 1000, ...(at === undefined ? {} : { cursor: at }) });
        for (const e of timeline.items) if (e.kind === 'effect') effects.push({ id: effectId(e.effect), node: e.effect.node, customerId: e.effect.customerId, kind: e.effect.kind });
        at = timeline.next;
      } while (at !== undefined);
    }
    cursor = page.next;
  } while (cursor !== undefined);
  return effects;
}

/**
 * Runs `kills` rounds: start the server, stream batches, SIGKILL at a random moment (50–1250 ms in), restart.
 * Then sends what was never acknowledged, stops the server cleanly, and audits the data directory.
 *
 * @example
 * const report = await runKillTest({ kills: 20 });
 * console.log(report.summary);
 */
export async function runKillTest(options: { kills: number; customers?: number; log?: (line: string) => void }): Promise<KillReport> {
  const dir = mkdtempSync(join(tmpdir(), 'ls-kill-http-'));
  const receiver = await startReceiver();
  const log = options.log ?? (() => {});
  const customers = options.customers ?? 120;
  const queue: Message[][] = [];
  const first = signups(customers);
  for (let i = 0; i < first.length; i += 20) queue.push(first.slice(i, i + 20));
  // Traffic never runs dry while kills are due, so every kill lands during ingestion.
  const more = browsing(customers);
  const acked = new Set<string>();
  let killsWhileSending = 0;
  let server: ServerChild | undefined;
  try {
    server = await startServerChild(dir);
    const setup = await fetch(`${server.base}/v1/journeys`, { method: 'POST', headers: auth, body: JSON.stringify({ document: onboardingJourney(receiver.url, 'kill-onboarding') }) });
    if (setup.status !== 201) throw new Error(`creating the journey: ${setup.status} ${await setup.text()}`);
    const published = await fetch(`${server.base}/v1/journeys/kill-onboarding/publish`, { method: 'POST', headers: auth, body: JSON.stringify({ policy: 'finish' }) });
    if (published.status !== 200) throw new Error(`publishing: ${published.status} ${await published.text()}`);

    for (let kill = 1; kill <= options.kills; kill++) {
      const stop = { now: false };
      const flight = { requests: 0 };
      const sending = sendUntilStopped(server.base, queue, acked, stop, more, flight);
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 1200));
      if (flight.requests > 0) killsWhileSending++;
      server.process.kill('SIGKILL');
      const exit = await server.exited;
      stop.now = true;
      await sending;
      log(`kill ${kill}/${options.kills}: ${exit.signal ?? exit.code}, ${acked.size} acknowledged so far, ${queue.length} batches left`);
      server = await startServerChild(dir);
    }
    const stop = { now: false };
    while (queue.length > 0) await sendUntilStopped(server.base, queue, acked, stop);
    // Let the webhook worker catch up, then stop cleanly.
    const expectedHooks = customers;
    const deadline = Date.now() + 30_000;
    while (new Set(receiver.keys).size < expectedHooks && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    server.process.kill('SIGTERM');
    await server.exited;

    const store = await EmbeddedStore.open({ dir, onWarning: () => {} });
    const seen = await store.seenInputs([...acked].map((id) => `m:${id}`));
    const lost = [...acked].filter((id) => !seen.has(`m:${id}`));
    const effects = await allEffects(store);
    const outbox = (await store.pull({ consumer: 'kill-audit', limit: 1000 })).entries.map((e) => e.effectId);
    await store.close();
    const webhookEffects = effects.filter((e) => e.node === 'a_hook');
    const delivered = new Set(receiver.keys);
    const report: KillReport = {
      kills: options.kills,
      killsWhileSending,
      acknowledged: acked.size,
      foundOfAcknowledged: acked.size - lost.length,
      lost,
      effects: effects.length,
      duplicateEffects: effects.length - new Set(effects.map((e) => e.id)).size,
      duplicateOutbox: outbox.length - new Set(outbox).size,
      webhookEffects: webhookEffects.length,
      webhookKeysDelivered: delivered.size,
      webhookRepeats: receiver.keys.length - delivered.size,
      missingWebhooks: webhookEffects.filter((e) => !delivered.has(e.id)).length,
      summary: '',
    };
    report.summary =
      `kill test: ${report.kills} kills survived (${report.killsWhileSending} during ingestion), events acknowledged ${report.acknowledged} vs found ${report.foundOfAcknowledged} (lost ${lost.length}), ` +
      `effects ${report.effects} (duplicates ${report.duplicateEffects}, outbox duplicates ${report.duplicateOutbox}), ` +
      `webhooks ${report.webhookEffects} effects → ${report.webhookKeysDelivered} idempotency keys delivered (missing ${report.missingWebhooks}, repeated deliveries of a key ${report.webhookRepeats}), errors = ${lost.length + report.duplicateEffects + report.duplicateOutbox + report.missingWebhooks}`;
    return report;
  } finally {
    if (server !== undefined && server.process.exitCode === null && server.process.signalCode === null) {
      server.process.kill('SIGKILL');
      await server.exited;
    }
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
