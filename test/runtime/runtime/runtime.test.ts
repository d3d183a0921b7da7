/** createRuntime on a virtual clock: loading journeys, ingesting, firing timers at their due times, duplicates. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RealClock, VirtualClock } from '../../../runtime/clock/clock.ts';
import { Simulation } from '../../../runtime/clock/simulation.ts';
import { effectId } from '../../../runtime/engine/index.ts';
import type { Effect, EventInput } from '../../../runtime/engine/types.ts';
import { PlanRegistry } from '../../../runtime/plan-registry.ts';
import { createRuntime, JourneyLoadError } from '../../../runtime/runtime.ts';
import { EmbeddedStore } from '../../../runtime/store/embedded.ts';
import { MemoryStore } from '../../../runtime/store/memory.ts';
import { DAY, inactivityJourney } from './inactivity-journey.ts';

const T0 = Date.UTC(2025, 0, 1, 8);
const purchase = (id: string, customerId: string, at: number): EventInput => ({ type: 'event', id, customerId, event: 'purchase', at, properties: { amount: 50 } });
const stages = (effects: Effect[]): [string, string, string][] =>
  effects.flatMap((e) => (e.kind === 'stage' ? [[e.customerId, e.stage, new Date(e.at).toISOString()] as [string, string, string]] : []));

function setup() {
  const store = new MemoryStore();
  const seen: Effect[] = [];
  const runtime = createRuntime({ store, clock: new VirtualClock(T0 - DAY), onEffect: (e) => void seen.push(e) });
  return { store, runtime, seen };
}

describe('createRuntime', () => {
  it('walks a customer down the inactivity ladder at exactly the due times', async () => {
    const { runtime, seen } = setup();
    await runtime.load(inactivityJourney);
    const result = await runtime.ingest(purchase('m1', 'c1', T0));
    expect(result.accepted).toEqual(['m1']);
    expect(stages(result.effects)).toEqual([['c1', 'active', '2025-01-01T08:00:00.000Z']]);
    const fired = await runtime.advanceTo('2025-06-01T00:00:00Z');
    expect(stages(fired.effects)).toEqual([
      ['c1', 'silent', '2025-01-31T08:00:00.000Z'],
      ['c1', 'lost', '2025-04-01T08:00:00.000Z'],
    ]);
    expect(fired.effects.filter((e) => e.kind === 'action').map((e) => e.kind === 'action' && e.action)).toEqual([{ type: 'message', channel: 'wechat', template: 'miss_you' }]);
    expect(seen.map(effectId)).toEqual([...result.effects, ...fired.effects].map(effectId));
    const customer = await runtime.customer('c1');
    expect(customer?.journeys.inactivity?.status).not.toBe('active');
    await runtime.close();
  });

  it('gives a duplicate message id no second effect', async () => {
    const { runtime, store } = setup();
    await runtime.load(inactivityJourney);
    const first = await runtime.ingest([purchase('m1', 'c1', T0), purchase('m1', 'c1', T0)]);
    expect(first).toMatchObject({ accepted: ['m1'], duplicates: ['m1'] });
    const again = await runtime.ingest(purchase('m1', 'c1', T0));
    expect(again).toEqual({ accepted: [], duplicates: ['m1'], effects: [] });
    expect((await store.timeline('c1')).items.filter((e) => e.kind === 'input')).toHaveLength(1);
    await runtime.close();
  });

  it('fires timers due before an input first, and lets activity reset the ladder', async () => {
    const { runtime } = setup();
    await runtime.load(inactivityJourney, { silentAfterDays: 10 });
    await runtime.ingest(purchase('m1', 'c1', T0));
    const later = await runtime.ingest({ type: 'event', id: 'm2', customerId: 'c1', event: 'visit', at: T0 + 15 * DAY, properties: {} });
    expect(stages(later.effects)).toEqual([
      ['c1', 'silent', '2025-01-11T08:00:00.000Z'],
      ['c1', 'active', '2025-01-16T08:00:00.000Z'],
    ]);
    await runtime.close();
  });

  it('publishes a loaded document once, and a changed one as the next version', async () => {
    const { runtime, store } = setup();
    const v1 = await runtime.load(inactivityJourney);
    const same = await runtime.load(inactivityJourney);
    const v2 = await runtime.load(inactivityJourney, { silentAfterDays: 7 });
    expect([v1.version, same.version, v2.version]).toEqual([1, 1, 2]);
    expect((await store.listVersions('inactivity')).map((v) => v.params)).toEqual([{ silentAfterDays: 30 }, { silentAfterDays: 7 }]);
    expect(runtime.plans.live.map((p) => p.version)).toEqual([2]);
    expect(runtime.plans.version('inactivity', 1)).toBe(v1);
    await runtime.close();
  });

  it('refuses a journey that does not compile, saying where', async () => {
    const { runtime } = setup();
    const broken = { ...inactivityJourney, nodes: [...inactivityJourney.nodes.slice(0, 1)] };
    const error = await runtime.load(broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JourneyLoadError);
    expect((error as JourneyLoadError).message).toMatch(/wait_active/);
    await runtime.close();
  });

  it('restarts from the store alone: the published journey comes back and timers keep their times', async () => {
    const store = new MemoryStore();
    const clock = new VirtualClock(T0);
    const first = createRuntime({ store, clock });
    await first.load(inactivityJourney);
    await first.ingest(purchase('m1', 'c1', T0));
    const second = createRuntime({ store, clock });
    expect(second.plans.live).toHaveLength(0);
    await second.ready;
    expect(second.plans.live.map((p) => p.journeyId)).toEqual(['inactivity']);
    const fired = await second.advanceTo(T0 + 31 * DAY);
    expect(stages(fired.effects)).toEqual([['c1', 'silent', '2025-01-31T08:00:00.000Z']]);
    await second.close();
  });

  it('produces the same effects as the in-memory Simulation', async () => {
    const { runtime } = setup();
    const plan = await runtime.load(inactivityJourney, { silentAfterDays: 3 });
    const simulated: Effect[] = [];
    const simulation = new Simulation(new PlanRegistry([plan]), { onEffect: (e) => simulated.push(e) });
    const inputs: EventInput[] = [];
    for (let i = 0; i < 60; i++) {
      const at = T0 + i * 0.37 * DAY;
      inputs.push(i % 4 === 0 ? purchase(`p${i}`, `c${i % 7}`, at) : { type: 'event', id: `v${i}`, customerId: `c${i % 7}`, event: 'visit', at, properties: {} });
    }
    const viaRuntime: Effect[] = [];
    for (const input of inputs) {
      viaRuntime.push(...(await runtime.ingest(input)).effects);
      simulation.ingest(input);
    }
    viaRuntime.push(...(await runtime.advanceTo(T0 + 200 * DAY)).effects);
    simulation.advanceTo(T0 + 200 * DAY);
    expect(viaRuntime.map(effectId)).toEqual(simulated.map(effectId));
    expect(viaRuntime.length).toBeGreaterThan(60);
    await runtime.close();
  });

  it('fires timers that fell due while the process was down once, right after start (real clock)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ls-downtime-'));
    try {
      const boughtAt = Date.now() - 31 * DAY;
      const before = createRuntime({ store: await EmbeddedStore.open({ dir }), clock: new VirtualClock(boughtAt) });
      await before.load(inactivityJourney);
      await before.ingest(purchase('m1', 'c1', boughtAt));
      await before.close();

      const fired: Effect[] = [];
      const after = createRuntime({ store: await EmbeddedStore.open({ dir }), clock: new RealClock(), onEffect: (e) => void fired.push(e) });
      await after.ready;
      expect(stages(fired)).toEqual([['c1', 'silent', new Date(boughtAt + 30 * DAY).toISOString()]]);
      await after.close();

      const again: Effect[] = [];
      const third = createRuntime({ store: await EmbeddedStore.open({ dir }), clock: new RealClock(), onEffect: (e) => void again.push(e) });
      await third.ready;
      expect(again).toEqual([]);
      await third.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
