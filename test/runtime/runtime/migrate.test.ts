/** runtime.migrate: customers move to a newer version (kept nodes keep them, removed nodes go where the mapping says), durably and once. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JourneyDocumentInput } from '../../../dsl/schema/document.ts';
import { RealClock, VirtualClock } from '../../../runtime/clock/clock.ts';
import type { Effect, EventInput } from '../../../runtime/engine/types.ts';
import { createRuntime } from '../../../runtime/runtime.ts';
import { EmbeddedStore } from '../../../runtime/store/embedded.ts';
import { MemoryStore } from '../../../runtime/store/memory.ts';
import { DAY, inactivityJourney } from './inactivity-journey.ts';

const T0 = Date.UTC(2025, 3, 1, 8);
const purchase = (id: string, customerId: string, at: number): EventInput => ({ type: 'event', id, customerId, event: 'purchase', at, properties: { amount: 50 } });
const root = mkdtempSync(join(tmpdir(), 'ls-migrate-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Version 2: silent after 20 days instead of 30, and the 60-day silent wait replaced by a 10-day one. */
const version2: JourneyDocumentInput = {
  ...inactivityJourney,
  params: { silentAfterDays: { type: 'number', default: 20 } },
  nodes: inactivityJourney.nodes.map((node) =>
    node.id === 'wait_silent' ? { ...node, id: 'wait_silent_short', timeout: '10d' } : node.id === 'nudge' ? { ...node, next: 'wait_silent_short' } : node,
  ),
};

const stages = (effects: Effect[]) => effects.flatMap((e) => (e.kind === 'stage' ? [[e.customerId, e.stage, e.version, new Date(e.at).toISOString()]] : []));

describe('runtime.migrate', () => {
  it('keeps customers on shared nodes with their wait re-planned, sends the others where the mapping says, and fires on the new version', async () => {
    const store = new MemoryStore();
    const runtime = createRuntime({ store, clock: new VirtualClock(T0 - 50 * DAY) });
    await runtime.load(inactivityJourney, { silentAfterDays: 30 });
    await runtime.ingest([purchase('m2', 'c2', T0 - 45 * DAY), purchase('m1', 'c1', T0)]);
    await runtime.advanceTo(T0 + 3_600_000);
    expect((await runtime.customer('c2'))?.journeys.inactivity).toMatchObject({ version: 1, node: 'wait_silent', stage: 'silent' });
    await runtime.load(version2);

    const result = await runtime.migrate('inactivity', 2, { wait_silent: 'wait_silent_short' });
    expect(result.moved.sort()).toEqual(['c1', 'c2']);
    expect(result.stayed).toEqual([]);
    const c1 = (await runtime.customer('c1'))!.journeys.inactivity!;
    const c2 = (await runtime.customer('c2'))!.journeys.inactivity!;
    // c1 arrived at wait_active at T0: the new 20-day timeout counts from then.
    expect(c1).toMatchObject({ version: 2, node: 'wait_active', stage: 'active', nodeEnteredAt: T0 });
    expect(c1.timers.map((t) => [t.node, t.fireAt])).toEqual([['wait_active', T0 + 20 * DAY]]);
    // c2's node is gone: it arrives at the mapped node now and waits there 10 days.
    expect(c2).toMatchObject({ version: 2, node: 'wait_silent_short', stage: 'silent', nodeEnteredAt: T0 + 3_600_000 });
    expect(c2.timers.map((t) => [t.node, t.fireAt])).toEqual([['wait_silent_short', T0 + 3_600_000 + 10 * DAY]]);

    const later = await runtime.advanceTo(T0 + 25 * DAY);
    expect(stages(later.effects)).toEqual([
      ['c2', 'lost', 2, new Date(T0 + 3_600_000 + 10 * DAY).toISOString()],
      ['c1', 'silent', 2, new Date(T0 + 20 * DAY).toISOString()],
    ]);
    // A second run finds nobody left on version 1.
    expect(await runtime.migrate('inactivity', 2)).toMatchObject({ moved: [], stayed: [] });
    await runtime.close();
  });

  it('leaves customers whose node is neither kept nor mapped on their version, where they finish', async () => {
    const store = new MemoryStore();
    const runtime = createRuntime({ store, clock: new VirtualClock(T0 - 50 * DAY) });
    await runtime.load(inactivityJourney);
    await runtime.ingest([purchase('m2', 'c2', T0 - 45 * DAY), purchase('m1', 'c1', T0)]);
    await runtime.advanceTo(T0);
    await runtime.load(version2);
    const result = await runtime.migrate('inactivity', 2, {});
    expect(result).toMatchObject({ moved: ['c1'], stayed: ['c2'] });
    const c2 = (await runtime.customer('c2'))!.journeys.inactivity!;
    expect(c2).toMatchObject({ version: 1, node: 'wait_silent' });
    const fired = await runtime.advanceTo(T0 + 46 * DAY);
    expect(stages(fired.effects)).toEqual([
      ['c1', 'silent', 2, new Date(T0 + 20 * DAY).toISOString()],
      ['c1', 'lost', 2, new Date(T0 + 30 * DAY).toISOString()],
      ['c2', 'lost', 1, new Date(T0 - 15 * DAY + 60 * DAY).toISOString()],
    ]);
    await expect(runtime.migrate('inactivity', 3)).rejects.toThrow(/not published/);
    await runtime.close();
  });

  it('finishes a move a stop interrupted: a version published with `move` takes its customers at the next start', async () => {
    const dir = join(root, 'resume');
    const first = createRuntime({ store: await EmbeddedStore.open({ dir }), clock: new VirtualClock(T0) });
    await first.load(inactivityJourney);
    await first.ingest([purchase('m1', 'c1', T0), purchase('m2', 'c2', T0 + 1000)]);
    const v1 = (await first.plans.version('inactivity', 1))!;
    await first.close();

    // The new version reached the store, but the process stopped before moving anyone.
    const store = await EmbeddedStore.open({ dir });
    await store.publish('inactivity', { document: { ...v1.source, nodes: v1.source.nodes }, params: { silentAfterDays: 5 }, migration: 'move', migrationMap: {}, at: T0 + 2000 });
    await store.close();

    const second = createRuntime({ store: await EmbeddedStore.open({ dir }), clock: new VirtualClock(T0 + 3000) });
    await second.ready;
    for (const id of ['c1', 'c2']) {
      const instance = (await second.customer(id))!.journeys.inactivity!;
      expect(instance.version).toBe(2);
      expect(instance.timers.map((t) => t.fireAt)).toEqual([instance.nodeEnteredAt + 5 * DAY]);
    }
    await second.close();
    const third = createRuntime({ store: await EmbeddedStore.open({ dir }), clock: new VirtualClock(T0 + 4000) });
    await third.ready;
    expect((await third.customer('c1'))!.journeys.inactivity!.version).toBe(2);
    await third.close();
  });

  it('puts every customer on exactly one version while events stream in during the move', async () => {
    const store = new MemoryStore();
    const runtime = createRuntime({ store, clock: new RealClock(), maxBatch: 50 });
    await runtime.load(inactivityJourney);
    const now = Date.now();
    await runtime.ingest(Array.from({ length: 300 }, (_, i) => purchase(`a${i}`, `c${i}`, now)));
    await runtime.load(version2);
    const customers = new Set(Array.from({ length: 300 }, (_, i) => `c${i}`));
    // Old customers and new ones (c300…), in small batches that interleave with the moves.
    const streaming = Array.from({ length: 30 }, (_, round) => {
      const batch = Array.from({ length: 20 }, (_, i) => purchase(`b${round}-${i}`, `c${(round * 37 + i * 11) % 400}`, Date.now()));
      for (const input of batch) customers.add(input.customerId);
      return runtime.ingest(batch);
    });
    const [migrated] = await Promise.all([runtime.migrate('inactivity', 2, { wait_silent: 'wait_silent_short' }), ...streaming]);
    expect(migrated.stayed).toEqual([]);
    let cursor: string | undefined;
    let inside = 0;
    do {
      const page = await store.listCustomers({ journeyId: 'inactivity', limit: 1000, ...(cursor === undefined ? {} : { cursor }) });
      for (const c of page.items) {
        expect(c.journeys.inactivity!.version, c.customerId).toBe(2);
        expect(c.journeys.inactivity!.timers.every((t) => t.journeyId === 'inactivity')).toBe(true);
        inside++;
      }
      cursor = page.next;
    } while (cursor !== undefined);
    expect(inside).toBe(customers.size);
    await runtime.close();
  });
});
