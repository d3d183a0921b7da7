/** Schedule-triggered entries missed while the process was down: the latest missed instant fires once after a restart. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JourneyDocumentInput } from '../../../dsl/schema/document.ts';
import type { Clock } from '../../../runtime/clock/clock.ts';
import type { Effect } from '../../../runtime/engine/types.ts';
import { createRuntime } from '../../../runtime/runtime.ts';
import { EmbeddedStore } from '../../../runtime/store/embedded.ts';

const DAY = 86_400_000;
const root = mkdtempSync(join(tmpdir(), 'ls-schedule-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A wall clock stopped at a chosen instant: the runtime treats it as real (it fires what is overdue on start). */
const stoppedClock = (at: number): Clock => ({ virtual: false, now: () => at });

/** Every day at 09:00 UTC, each known customer is marked `reviewed` (and may come back after leaving). */
const dailyReview: JourneyDocumentInput = {
  id: 'daily-review',
  name: { zh: '每日复盘', en: 'Daily review' },
  version: 1,
  policies: { timezone: 'UTC' },
  stages: [{ id: 'reviewed', name: { zh: '已复盘', en: 'Reviewed' } }],
  entry: { trigger: { type: 'schedule', at: '09:00' }, reentry: 'afterExit', next: 'mark' },
  nodes: [
    { id: 'mark', kind: 'stage', stage: 'reviewed', next: 'end' },
    { id: 'end', kind: 'exit' },
  ],
};

async function startAt(dir: string, at: number, seen: Effect[]) {
  const runtime = createRuntime({ store: await EmbeddedStore.open({ dir }), clock: stoppedClock(at), onEffect: (e) => void seen.push(e) });
  await runtime.ready;
  return runtime;
}

describe('schedule catch-up after a restart', () => {
  it('fires the latest missed schedule instant once for customers known then, and never again', async () => {
    const dir = join(root, 'daily');
    const day1 = Date.UTC(2025, 4, 1);
    const seen: Effect[] = [];
    const first = await startAt(dir, day1 + 8 * 3_600_000, seen);
    await first.load(dailyReview);
    await first.ingest([
      { type: 'event', id: 'e1', customerId: 'c1', event: 'login', at: day1 + 7 * 3_600_000, properties: {} },
      { type: 'identify', id: 'i2', customerId: 'c2', at: day1 + 7 * 3_600_000, traits: { plan: 'pro' } },
    ]);
    await first.close();
    expect(seen.filter((e) => e.kind === 'entered')).toEqual([]);

    // Down from day 1 08:00 to day 3 10:00: three 09:00 instants missed, the latest of them fires once.
    const back = day1 + 2 * DAY + 10 * 3_600_000;
    const second = await startAt(dir, back, seen);
    const entries = seen.filter((e) => e.kind === 'entered');
    expect(entries.map((e) => [e.customerId, new Date(e.at).toISOString()]).sort()).toEqual([
      ['c1', '2025-05-03T09:00:00.000Z'],
      ['c2', '2025-05-03T09:00:00.000Z'],
    ]);
    await second.close();

    // Starting again at the same moment changes nothing: the tick ids were committed.
    const third = await startAt(dir, back + 60_000, seen);
    expect(seen.filter((e) => e.kind === 'entered')).toHaveLength(2);
    expect((await third.customer('c1'))?.journeys['daily-review']).toMatchObject({ status: 'exited', stage: 'reviewed' });
    await third.close();
  });

  it('does not give a missed instant to a customer whose first event came after it', async () => {
    const dir = join(root, 'late-customer');
    const day1 = Date.UTC(2025, 4, 1);
    const seen: Effect[] = [];
    const first = await startAt(dir, day1 + 8 * 3_600_000, seen);
    await first.load(dailyReview);
    await first.close();
    // Restarted at 09:30 (the 09:00 instant found nobody), then a new customer arrives.
    const second = await startAt(dir, day1 + 9.5 * 3_600_000, seen);
    await second.ingest({ type: 'event', id: 'late', customerId: 'late', event: 'login', at: day1 + 9.5 * 3_600_000, properties: {} });
    await second.close();
    const third = await startAt(dir, day1 + 12 * 3_600_000, seen);
    expect(seen.filter((e) => e.kind === 'entered')).toEqual([]);
    await third.close();
  });
});
