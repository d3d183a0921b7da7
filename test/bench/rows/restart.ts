/**
 * Row 8: restart to ready with 1M customers: a data directory holding 1M dormancy-ladder customers
 * (snapshot written on close) is opened again and a runtime over it becomes ready (journeys
 * compiled, overdue timers looked at, scheduler running).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RealClock } from '../../../runtime/clock/clock.ts';
import { newCustomerState } from '../../../runtime/engine/index.ts';
import { stepInPlace } from '../../../runtime/engine/step.ts';
import type { EventInput } from '../../../runtime/engine/types.ts';
import { createRuntime } from '../../../runtime/runtime.ts';
import { EmbeddedStore } from '../../../runtime/store/embedded.ts';
import type { CommitRecord } from '../../../runtime/store/types.ts';
import { collectGarbage, reportRow, templatePlans } from '../workload.ts';

const TARGET_MS = 10_000;
const CUSTOMERS = Number(process.env.BENCH_RESTART_CUSTOMERS ?? 1_000_000);

// The durable-ingest row leaves its 1M-customer store in the runner's shared directory; without one, build it here.
const shared = process.env.BENCH_SHARED_DIR === undefined ? undefined : join(process.env.BENCH_SHARED_DIR, 'store-1m');
const reuse = shared !== undefined && CUSTOMERS === 1_000_000 && existsSync(join(shared, 'snapshot.ndjson'));
const dir = reuse ? shared! : mkdtempSync(join(tmpdir(), 'ls-bench-restart-'));
try {
  const plans = templatePlans('dormancy-ladder');
  const now = Date.now();
  const buildStart = performance.now();
  if (!reuse) {
    const store = await EmbeddedStore.open({ dir });
    const runtime = createRuntime({ store, clock: new RealClock() });
    await runtime.load(plans.live[0]!);
    for (let from = 0; from < CUSTOMERS; from += 10_000) {
      const records: CommitRecord[] = [];
      for (let n = from; n < Math.min(CUSTOMERS, from + 10_000); n++) {
        const input: EventInput = { type: 'event', id: `seed-${n}`, customerId: `c${n}`, event: 'purchase', at: now - 86_400_000, properties: { amount: 100 + (n % 900) } };
        const state = newCustomerState(input.customerId);
        records.push({ input, state, effects: stepInPlace(plans, state, input), baseRevision: 0 });
      }
      await store.commit(records);
    }
    await runtime.close();
  }
  const buildMs = performance.now() - buildStart;
  collectGarbage();
  const start = performance.now();
  const store = await EmbeddedStore.open({ dir });
  const runtime = createRuntime({ store, clock: new RealClock() });
  await runtime.ready;
  const ms = performance.now() - start;
  const customers = await store.countCustomers();
  await runtime.close();
  reportRow({ measured: `${(ms / 1000).toFixed(2)} s`, pass: ms <= TARGET_MS && customers >= CUSTOMERS, detail: { customers, ms, buildMs, reusedDurableRowStore: reuse } });
} finally {
  rmSync(dir, { recursive: true, force: true });
}

