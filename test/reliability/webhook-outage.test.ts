/**
 * A webhook receiver down for hours, on a virtual clock: the worker retries with exponential backoff, then dead-letters;
 * once the receiver is back every effect is delivered exactly once per idempotency key — nothing lost, nothing doubled.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../runtime/clock/clock.ts';
import type { EventInput } from '../../runtime/engine/types.ts';
import { createRuntime } from '../../runtime/runtime.ts';
import { WebhookWorker } from '../../runtime/server/webhooks/webhook-worker.ts';
import { MemoryStore } from '../../runtime/store/memory.ts';
import type { WebhookDelivery } from '../../runtime/store/types.ts';
import { onboardingJourney } from '../runtime/server/fixture-journey.ts';

const HOUR = 3_600_000;
const START = Date.UTC(2032, 5, 1);

/** A receiver that answers 503 until the virtual clock reaches `upAt`, then 200; it logs every attempt. */
let server: Server;
let url: string;
const state = { now: START, upAt: Infinity };
const attempts: { at: number; key: string; status: number }[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const status = state.now >= state.upAt ? 200 : 503;
      attempts.push({ at: state.now, key: String(req.headers['idempotency-key']), status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function scenario(customers: number, worker: (store: MemoryStore) => WebhookWorker) {
  attempts.length = 0;
  state.now = START;
  const store = new MemoryStore();
  const runtime = createRuntime({ store, clock: new VirtualClock(START) });
  await runtime.load(onboardingJourney(url));
  const signups: EventInput[] = Array.from({ length: customers }, (_, i) => ({ type: 'event', id: `m:s${i}`, customerId: `w${i}`, event: 'signup', at: START, properties: {} }));
  await runtime.ingest(signups);
  return { store, runtime, worker: worker(store) };
}

/** Moves the virtual clock to each next due attempt and runs the worker, until `until` or nothing is pending. */
async function driveUntil(store: MemoryStore, worker: WebhookWorker, until: number): Promise<void> {
  for (;;) {
    const pending = (await store.listDeliveries({ status: 'pending', limit: 1000 })).items;
    if (pending.length === 0) return;
    const next = Math.min(...pending.map((d) => d.nextAttemptAt));
    if (next > until) return;
    state.now = Math.max(state.now, next);
    await worker.runOnce();
  }
}

const all = async (store: MemoryStore, status: WebhookDelivery['status']) => (await store.listDeliveries({ status, limit: 1000 })).items;

describe('a webhook receiver down for hours (virtual clock)', () => {
  it('retries with doubling delays up to the cap, survives a 5-hour outage, then delivers each effect exactly once', async () => {
    const { store, runtime, worker } = await scenario(5, (s) => new WebhookWorker({ store: s, now: () => state.now, maxAttempts: 16, baseDelayMs: 60_000, maxDelayMs: HOUR }));
    state.upAt = START + 5 * HOUR;
    await driveUntil(store, worker, START + 24 * HOUR);
    const delivered = await all(store, 'delivered');
    expect(delivered).toHaveLength(5);
    expect(await all(store, 'dead')).toHaveLength(0);
    const keys = new Set(delivered.map((d) => d.id));
    const oks = attempts.filter((a) => a.status === 200);
    expect(oks.map((a) => a.key).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      const times = attempts.filter((a) => a.key === key).map((a) => a.at);
      const gaps = times.slice(1).map((t, i) => t - times[i]!);
      // 1, 2, 4, … minutes, capped at one hour.
      gaps.forEach((gap, i) => expect(gap).toBe(Math.min(HOUR, 60_000 * 2 ** i)));
      expect(times.at(-1)!).toBeGreaterThanOrEqual(state.upAt);
      expect(times.at(-1)! - state.upAt).toBeLessThanOrEqual(HOUR);
    }
    console.log(`webhook outage: 5 h down, ${attempts.length} attempts for ${keys.size} effects, delivered ${oks.length} (one per idempotency key), dead letters 0, lost 0, doubled 0`);
    await runtime.close();
  });

  it('dead-letters after the last attempt, loses nothing, and a retried dead letter is delivered once under the same key', async () => {
    const { store, runtime, worker } = await scenario(4, (s) => new WebhookWorker({ store: s, now: () => state.now, maxAttempts: 6, baseDelayMs: 60_000, maxDelayMs: HOUR }));
    state.upAt = START + 6 * HOUR;
    await driveUntil(store, worker, START + 5 * HOUR);
    const dead = await all(store, 'dead');
    expect(dead).toHaveLength(4);
    expect(await all(store, 'pending')).toHaveLength(0);
    for (const d of dead) {
      expect(d.attempts).toBe(6);
      expect(d.lastError).toMatch(/503/);
    }
    expect(attempts.every((a) => a.status === 503)).toBe(true);

    state.now = START + 7 * HOUR;
    for (const d of dead) await store.requeueDelivery(d.id, state.now);
    await driveUntil(store, worker, START + 8 * HOUR);
    const delivered = await all(store, 'delivered');
    expect(delivered.map((d) => d.id).sort()).toEqual(dead.map((d) => d.id).sort());
    const oks = attempts.filter((a) => a.status === 200).map((a) => a.key);
    expect(oks.sort()).toEqual(dead.map((d) => d.id).sort());
    expect(new Set(oks).size).toBe(oks.length);
    // Running the worker again sends nothing more.
    state.now += HOUR;
    expect(await worker.runOnce()).toBe(0);
    console.log(`webhook dead letters: ${dead.length} dead after 6 attempts each, requeued and delivered ${oks.length} (one per key), lost 0, doubled 0`);
    await runtime.close();
  });
});
