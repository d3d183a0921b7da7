/** Replay property: a run that loses its memory at a random point and restarts from the embedded store emits exactly the effects of an uninterrupted run. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../runtime/clock/clock.ts';
import { effectId } from '../../../runtime/engine/index.ts';
import type { Effect, EventInput } from '../../../runtime/engine/types.ts';
import { createRuntime } from '../../../runtime/runtime.ts';
import { EmbeddedStore } from '../../../runtime/store/embedded.ts';
import { MemoryStore } from '../../../runtime/store/memory.ts';
import type { RuntimeStore } from '../../../runtime/store/types.ts';
import { DAY, inactivityJourney } from './inactivity-journey.ts';

const T0 = Date.UTC(2025, 2, 1);
const root = mkdtempSync(join(tmpdir(), 'ls-replay-'));
let runs = 0;
afterAll(() => rmSync(root, { recursive: true, force: true }));

const stream = fc.array(
  fc.record({ customer: fc.integer({ min: 0, max: 3 }), purchase: fc.boolean(), gapMs: fc.integer({ min: 0, max: 25 * DAY }) }),
  { minLength: 1, maxLength: 16 },
);

function toInputs(events: { customer: number; purchase: boolean; gapMs: number }[]): EventInput[] {
  let at = T0;
  return events.map((e, i) => {
    at += e.gapMs;
    return { type: 'event', id: `m${i}`, customerId: `c${e.customer}`, event: e.purchase ? 'purchase' : 'visit', at, properties: { amount: 10 } };
  });
}

async function allOutbox(store: RuntimeStore): Promise<string[]> {
  const ids: string[] = [];
  let after = 0;
  for (;;) {
    const page = await store.pull({ consumer: 'check', after, limit: 1000 });
    if (page.entries.length === 0) return ids;
    ids.push(...page.entries.map((e) => e.effectId));
    after = page.cursor;
  }
}

describe('replay after losing the in-memory state', () => {
  it('gives the same effects, none twice', async () => {
    await fc.assert(
      fc.asyncProperty(stream, fc.nat(), fc.constantFrom(1, 4, 1_000_000), fc.integer({ min: 0, max: 120 }), async (events, crashSeed, snapshotEvery, tailDays) => {
        const inputs = toInputs(events);
        const end = inputs.at(-1)!.at + tailDays * DAY;
        const crashAt = crashSeed % (inputs.length + 1);

        const whole: Effect[] = [];
        const reference = createRuntime({ store: new MemoryStore(), clock: new VirtualClock(T0), onEffect: (e) => void whole.push(e) });
        await reference.load(inactivityJourney, { silentAfterDays: 20 });
        for (const input of inputs) await reference.ingest(input);
        await reference.advanceTo(end);
        const expectedOutbox = whole.filter((e) => e.kind === 'action').map(effectId);
        await reference.close();

        const dir = join(root, `run-${++runs}`);
        const seen: Effect[] = [];
        const firstStore = await EmbeddedStore.open({ dir, snapshotEvery, snapshotOnClose: false });
        const first = createRuntime({ store: firstStore, clock: new VirtualClock(T0), onEffect: (e) => void seen.push(e) });
        await first.load(inactivityJourney, { silentAfterDays: 20 });
        for (const input of inputs.slice(0, crashAt)) await first.ingest(input);
        // The process "dies": its memory is gone; on disk is what was acknowledged (journal, maybe a snapshot).
        await firstStore.close();

        const store = await EmbeddedStore.open({ dir, snapshotEvery });
        const lastAt = crashAt > 0 ? inputs[crashAt - 1]!.at : T0;
        const second = createRuntime({ store, clock: new VirtualClock(lastAt), onEffect: (e) => void seen.push(e) });
        // Clients retry what they are unsure about: those inputs were acknowledged, so they change nothing.
        const retried = await second.ingest(inputs.slice(Math.max(0, crashAt - 2), crashAt));
        expect(retried.accepted).toEqual([]);
        for (const input of inputs.slice(crashAt)) await second.ingest(input);
        await second.advanceTo(end);

        expect(seen.map(effectId)).toEqual(whole.map(effectId));
        expect(new Set(seen.map(effectId)).size).toBe(seen.length);
        expect(await allOutbox(store)).toEqual(expectedOutbox);
        await second.close();
      }),
      { numRuns: 20 },
    );
  });
});
