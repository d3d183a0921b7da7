/**
 * Row 3: library batch ingest through the durable embedded store (RealClock, journal fsync per batch),
 * with 10k, 100k and 1M customers already in the store. Each size ingests the same number of live
 * events spread over its customers, so the figures differ only by how many customers the store holds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RealClock } from '../../../runtime/clock/clock.ts';
import { stepInPlace } from '../../../runtime/engine/step.ts';
import { newCustomerState } from '../../../runtime/engine/index.ts';
import type { EventInput } from '../../../runtime/engine/types.ts';
import { createRuntime } from '../../../runtime/runtime.ts';
import { EmbeddedStore } from '../../../runtime/store/embedded.ts';
import type { CommitRecord } from '../../../runtime/store/types.ts';
import { collectGarbage, reportRow, templatePlans } from '../workload.ts';

const TARGET = 100_000;
const MEASURED_EVENTS = Number(process.env.BENCH_DURABLE_EVENTS ?? 100_000);
const BATCH = 1_000;
const SIZES = (process.env.BENCH_DURABLE_SIZES ?? '10000,100000,1000000').split(',').map(Number);

/** Puts `customers` dormancy-ladder customers (one purchase each, a day ago) into the store, straight through commit. */
async function preload(store: EmbeddedStore, customers: number, at: number): Promise<void> {
  const plans = templatePlans('dormancy-ladder');
  for (let from = 0; from < customers; from += 10_000) {
    const records: CommitRecord[] = [];
    for (let n = from; n < Math.min(customers, from + 10_000); n++) {
      const input: EventInput = { type: 'event', id: `seed-${n}`, customerId: `c${n}`, event: 'purchase', at, properties: { amount: 100 + (n % 900) } };
      const state = newCustomerState(input.customerId);
      records.push({ input, state, effects: stepInPlace(plans, state, input), baseRevision: 0 });
    }
    await store.commit(records);
  }
  // The store holding these customers is snapshotted before the clock starts: the snapshot the preload's records
  // make due is not work of the measured events (snapshots their own records make due still count).
  await store.snapshot();
}

const results: Record<string, { customers: number; events: number; ms: number; perSecond: number }> = {};
for (const customers of SIZES) {
  // The 1M-customer store is left for the restart row when the runner gives a shared directory (building it takes a while).
  const keep = customers === 1_000_000 && process.env.BENCH_SHARED_DIR !== undefined;
  const dir = keep ? join(process.env.BENCH_SHARED_DIR!, 'store-1m') : mkdtempSync(join(tmpdir(), 'ls-bench-durable-'));
  try {
    const now = Date.now();
    const store = await EmbeddedStore.open({ dir });
    const runtime = createRuntime({ store, clock: new RealClock(), maxBatch: BATCH });
    await runtime.load(templatePlans('dormancy-ladder').live[0]!);
    await preload(store, customers, now - 86_400_000);
    const events: EventInput[] = [];
    for (let i = 0; i < MEASURED_EVENTS; i++) {
      const n = Math.floor((i * 2_654_435_761) % customers);
      events.push({ type: 'event', id: `live-${i}`, customerId: `c${n}`, event: i % 3 === 0 ? 'page_view' : 'purchase', at: now - 60_000 + Math.floor(i / 100), properties: { amount: 50 + (i % 500) } });
    }
    collectGarbage();
    const start = performance.now();
    for (let i = 0; i < events.length; i += BATCH) await runtime.ingest(events.slice(i, i + BATCH));
    const ms = performance.now() - start;
    results[customers] = { customers, events: events.length, ms, perSecond: events.length / (ms / 1000) };
    await runtime.close();
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

const rates = Object.values(results).map((r) => r.perSecond);
const smallest = results[SIZES[0]!]!.perSecond;
const largest = results[SIZES[SIZES.length - 1]!]!.perSecond;
const flat = largest >= smallest * 0.8;
reportRow({
  measured: `${Object.values(results).map((r) => `${r.customers >= 1e6 ? `${r.customers / 1e6}M` : `${r.customers / 1000}k`}: ${Math.round(r.perSecond / 1000)}k/s`).join(', ')}${flat ? ' (flat)' : ' (not flat)'}`,
  pass: Math.min(...rates) >= TARGET && flat,
  detail: results,
});
