/** The store conformance suite: every RuntimeStore implementation runs exactly these cases. */
import { afterEach, describe, expect, it } from 'vitest';
import type { JourneyDocument } from '../../../dsl/schema/document.ts';
import { JourneyDocument as JourneyDocumentSchema } from '../../../dsl/schema/document.ts';
import { effectId, newCustomerState } from '../../../runtime/engine/index.ts';
import type { CustomerState, Effect, EventInput, Input, TimerInput } from '../../../runtime/engine/types.ts';
import { InvalidStateError, RevisionConflictError, type CommitRecord, type RuntimeStore } from '../../../runtime/store/types.ts';
import { inactivityJourney } from '../runtime/inactivity-journey.ts';

export interface StoreHarness {
  open(): Promise<RuntimeStore>;
  /** Closes the store and opens it again on the same data; absent for stores that keep nothing. */
  reopen?(store: RuntimeStore): Promise<RuntimeStore>;
}

const T0 = Date.UTC(2025, 0, 1);
const J = 'inactivity';

const document = (): JourneyDocument => JourneyDocumentSchema.parse(inactivityJourney);

function state(customerId: string, options: { timers?: { id: string; fireAt: number }[]; stage?: string } = {}): CustomerState {
  const s = newCustomerState(customerId);
  s.journeys[J] = {
    journeyId: J,
    version: 1,
    status: 'active',
    node: 'wait_active',
    enteredAt: T0,
    nodeEnteredAt: T0,
    ...(options.stage !== undefined ? { stage: options.stage, stageSince: T0 } : {}),
    entries: 1,
    timers: (options.timers ?? []).map((t) => ({ id: t.id, journeyId: J, node: 'wait_active', fireAt: t.fireAt, purpose: 'timeout' as const })),
  };
  return s;
}

const event = (id: string, customerId: string, at: number): EventInput => ({ type: 'event', id, customerId, event: 'purchase', at, properties: { amount: 10 } });
const timerInput = (id: string, customerId: string, at: number): TimerInput => ({ type: 'timer', id, customerId, journeyId: J, at });

function effect(input: Input, n: number, payload: Record<string, unknown>): Effect {
  return { at: input.at, customerId: input.customerId, journeyId: J, version: 1, node: 'n', inputId: input.id, ordinal: n, ...payload } as Effect;
}

/** The id of effect(input, n, …) for input `inputId` of customer `customerId`. */
const idOf = (inputId: string, customerId: string, n: number): string => effectId({ journeyId: J, version: 1, customerId, node: 'n', inputId, ordinal: n });

const record = (input: Input, s: CustomerState, effects: Effect[], baseRevision: number): CommitRecord => ({ input, state: s, effects, baseRevision });

export function storeConformance(name: string, harness: StoreHarness): void {
  describe(`${name} store conformance`, () => {
    let store: RuntimeStore;
    const open = async (): Promise<RuntimeStore> => (store = await harness.open());
    /** Reopens when the store persists; otherwise keeps the same instance (the check still runs). */
    const roundTrip = async (): Promise<RuntimeStore> => (store = harness.reopen ? await harness.reopen(store) : store);

    afterEach(async () => {
      await store?.close();
    });

    it('saves drafts with revisions and refuses a stale save', async () => {
      await open();
      const first = await store.saveDraft(J, { id: J, draft: 1 }, { at: T0 });
      expect(first).toMatchObject({ id: J, status: 'draft', revision: 1, draft: { id: J, draft: 1 } });
      const second = await store.saveDraft(J, { id: J, draft: 2 }, { expectedRevision: 1, at: T0 + 1 });
      expect(second.revision).toBe(2);
      await expect(store.saveDraft(J, { id: J, draft: 3 }, { expectedRevision: 1 })).rejects.toBeInstanceOf(RevisionConflictError);
      await roundTrip();
      expect((await store.getJourney(J))?.draft).toEqual({ id: J, draft: 2 });
      expect((await store.listJourneys()).map((j) => j.id)).toEqual([J]);
      expect(await store.getJourney('missing')).toBeUndefined();
    });

    it('publishes immutable numbered versions and moves through live, paused and archived', async () => {
      await open();
      const v1 = await store.publish(J, { document: document(), params: { silentAfterDays: 30 }, at: T0 });
      const v2 = await store.publish(J, { document: document(), params: { silentAfterDays: 20 }, migration: 'move', at: T0 + 1 });
      expect([v1.version, v2.version]).toEqual([1, 2]);
      expect(v2.document.version).toBe(2);
      await expect(store.publish(J, { document: document(), version: 1 })).rejects.toBeInstanceOf(InvalidStateError);
      expect(await store.getJourney(J)).toMatchObject({ status: 'live', liveVersion: 2, latestVersion: 2 });
      expect(await store.setStatus(J, 'paused', T0 + 2)).toMatchObject({ status: 'paused', liveVersion: 2 });
      expect(await store.setStatus(J, 'archived', T0 + 3)).toMatchObject({ status: 'archived' });
      await expect(store.setStatus(J, 'live')).rejects.toBeInstanceOf(InvalidStateError);
      await roundTrip();
      expect((await store.listVersions(J)).map((v) => [v.version, v.params, v.migration])).toEqual([
        [1, { silentAfterDays: 30 }, 'finish'],
        [2, { silentAfterDays: 20 }, 'move'],
      ]);
      expect((await store.getVersion(J, 1))?.document.nodes).toEqual(document().nodes);
    });

    it('treats ids that name Object.prototype members (constructor, __proto__, toString) as ordinary ids', async () => {
      await open();
      for (const id of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
        expect(await store.getJourney(id)).toBeUndefined();
        expect(await store.listVersions(id)).toEqual([]);
        expect(await store.getVersion(id, 1)).toBeUndefined();
        await expect(store.setStatus(id, 'archived')).rejects.toThrow(/does not exist/);
      }
      await store.saveDraft('constructor', { id: 'constructor' }, { expectedRevision: 0, at: T0 });
      await store.publish('__proto__', { document: document(), at: T0 });
      await roundTrip();
      expect(await store.getJourney('constructor')).toMatchObject({ id: 'constructor', status: 'draft', revision: 1 });
      expect(await store.getJourney('__proto__')).toMatchObject({ id: '__proto__', status: 'live', liveVersion: 1 });
      expect((await store.listVersions('__proto__')).map((v) => v.version)).toEqual([1]);
      expect((await store.listJourneys()).map((j) => j.id).sort()).toEqual(['__proto__', 'constructor']);
      expect(Object.prototype).not.toHaveProperty('status');
      const stranger = await store.commit([record(event('p1', 'c1', T0), state('c1'), [], 0)]);
      expect(stranger.committed).toEqual(['p1']);
      expect((await store.listCustomers({ journeyId: 'constructor' })).items).toEqual([]);
    });

    it('keeps API keys by hash and forgets revoked ones', async () => {
      await open();
      await store.createApiKey({ id: 'k1', name: 'ops', role: 'operator', hash: 'a'.repeat(64), createdAt: T0 });
      await expect(store.createApiKey({ id: 'k1', name: 'again', role: 'viewer', hash: 'b'.repeat(64), createdAt: T0 })).rejects.toBeInstanceOf(InvalidStateError);
      expect((await store.findApiKey('a'.repeat(64)))?.role).toBe('operator');
      await store.revokeApiKey('k1', T0 + 5);
      await roundTrip();
      expect(await store.findApiKey('a'.repeat(64))).toBeUndefined();
      expect((await store.listApiKeys())[0]).toMatchObject({ id: 'k1', revokedAt: T0 + 5 });
    });

    it('commits steps durably, skips input ids seen before and refuses a stale revision', async () => {
      await open();
      const e1 = event('m1', 'c1', T0);
      const s1 = state('c1', { stage: 'active' });
      const r1 = await store.commit([record(e1, s1, [effect(e1, 0, { kind: 'entered' })], 0)]);
      expect(r1).toEqual({ committed: ['m1'], duplicates: [] });
      const again = await store.commit([record(e1, state('c1', { stage: 'silent' }), [], 1)]);
      expect(again).toEqual({ committed: [], duplicates: ['m1'] });
      await expect(store.commit([record(event('m2', 'c1', T0 + 1), s1, [], 0)])).rejects.toBeInstanceOf(RevisionConflictError);
      // Two steps of one customer in one batch: the second starts from the first.
      const both = await store.commit([
        record(event('m3', 'c1', T0 + 2), s1, [], 1),
        record(event('m3', 'c1', T0 + 2), s1, [], 2),
        record(event('m4', 'c1', T0 + 3), state('c1', { stage: 'silent' }), [], 2),
      ]);
      expect(both).toEqual({ committed: ['m3', 'm4'], duplicates: ['m3'] });
      await roundTrip();
      const stored = await store.getCustomer('c1');
      expect(stored?.revision).toBe(3);
      expect(stored?.state.journeys[J]?.stage).toBe('silent');
      expect(await store.seenInputs(['m1', 'm2', 'm3', 'm4'])).toEqual(new Set(['m1', 'm3', 'm4']));
      expect([...(await store.getCustomers(['c1', 'nobody'])).keys()]).toEqual(['c1']);
      expect(await store.countCustomers()).toBe(1);
    });

    it('lists customers in pages, optionally those in one journey', async () => {
      await open();
      const records: CommitRecord[] = [];
      for (let i = 0; i < 25; i++) {
        const s = i % 5 === 0 ? newCustomerState(`c${i}`) : state(`c${i}`);
        records.push(record(event(`m${i}`, `c${i}`, T0 + i), s, [], 0));
      }
      await store.commit(records);
      await roundTrip();
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listCustomers({ limit: 7, ...(cursor !== undefined ? { cursor } : {}) });
        expect(page.items.length).toBeLessThanOrEqual(7);
        ids.push(...page.items.map((c) => c.customerId));
        cursor = page.next;
      } while (cursor !== undefined);
      expect(ids).toEqual(Array.from({ length: 25 }, (_, i) => `c${i}`));
      const inJourney = await store.listCustomers({ journeyId: J, limit: 1000 });
      expect(inJourney.items).toHaveLength(20);
    });

    it('indexes pending timers by due time and drops fired or cleared ones', async () => {
      await open();
      await store.commit([
        record(event('a', 'c2', T0), state('c2', { timers: [{ id: 't-c2', fireAt: T0 + 300 }] }), [], 0),
        record(event('b', 'c1', T0), state('c1', { timers: [{ id: 't-c1a', fireAt: T0 + 100 }, { id: 't-c1b', fireAt: T0 + 300 }] }), [], 0),
        record(event('c', 'c3', T0), state('c3', { timers: [{ id: 't-c3', fireAt: T0 + 50 }] }), [], 0),
      ]);
      expect(await store.nextTimerAt()).toBe(T0 + 50);
      expect((await store.dueTimers(T0 + 300, 10)).map((t) => t.timerId)).toEqual(['t-c3', 't-c1a', 't-c1b', 't-c2']);
      expect((await store.dueTimers(T0 + 299, 10)).map((t) => t.timerId)).toEqual(['t-c3', 't-c1a']);
      expect((await store.dueTimers(T0 + 300, 1)).map((t) => t.timerId)).toEqual(['t-c3']);
      // c3's timer fires; c1 clears one timer and moves the other.
      await store.commit([
        record(timerInput('t-c3', 'c3', T0 + 50), state('c3'), [], 1),
        record(event('d', 'c1', T0 + 60), state('c1', { timers: [{ id: 't-c1b', fireAt: T0 + 500 }] }), [], 1),
      ]);
      await roundTrip();
      expect(await store.nextTimerAt()).toBe(T0 + 300);
      expect(await store.dueTimers(T0 + 1000, 10)).toEqual([
        { customerId: 'c2', journeyId: J, timerId: 't-c2', fireAt: T0 + 300 },
        { customerId: 'c1', journeyId: J, timerId: 't-c1b', fireAt: T0 + 500 },
      ]);
    });

    it('records every stage change and answers the distribution at a time', async () => {
      await open();
      const a1 = event('a1', 'a', T0);
      const b1 = event('b1', 'b', T0);
      const a2 = timerInput('a2', 'a', T0 + 30);
      await store.commit([
        record(a1, state('a', { stage: 'active' }), [effect(a1, 0, { kind: 'stage', stage: 'active' })], 0),
        record(b1, state('b', { stage: 'active' }), [effect(b1, 0, { kind: 'stage', stage: 'active' })], 0),
      ]);
      await store.commit([record(a2, state('a', { stage: 'silent' }), [effect(a2, 0, { kind: 'stage', stage: 'silent', from: 'active' })], 1)]);
      await roundTrip();
      expect(await store.stageDistribution(J, T0 - 1)).toEqual({});
      expect(await store.stageDistribution(J, T0)).toEqual({ active: 2 });
      expect(await store.stageDistribution(J, T0 + 30)).toEqual({ active: 1, silent: 1 });
      const changes = await store.stageChanges({ journeyId: J });
      expect(changes.items.map((c) => [c.customerId, c.stage, c.from, c.at])).toEqual([
        ['a', 'active', undefined, T0],
        ['b', 'active', undefined, T0],
        ['a', 'silent', 'active', T0 + 30],
      ]);
      expect((await store.stageChanges({ customerId: 'a', since: T0 + 1 })).items.map((c) => c.stage)).toEqual(['silent']);
      expect((await store.stageChanges({ journeyId: 'other' })).items).toEqual([]);
    });

    it('keeps per-journey counters and daily stage counts at commit time, and rebuilds them after a restart', async () => {
      await open();
      const at = (input: Input, n: number, node: string, payload: Record<string, unknown>): Effect => ({ ...effect(input, n, payload), node });
      const a1 = event('ca1', 'a', T0);
      const b1 = event('cb1', 'b', T0 + 1000);
      // a enters, becomes active and waits; b enters, becomes active, converts the goal and leaves.
      await store.commit([
        record(a1, state('a', { stage: 'active' }), [
          at(a1, 0, 'stage_active', { kind: 'entered' }),
          at(a1, 1, 'stage_active', { kind: 'stage', stage: 'active' }),
          at(a1, 2, 'wait_active', { kind: 'timerSet', timer: { id: 't-a', journeyId: J, node: 'wait_active', fireAt: T0 + 30 * 86_400_000, purpose: 'timeout' } }),
        ], 0),
        record(b1, { ...state('b', { stage: 'active' }), journeys: { [J]: { ...state('b').journeys[J]!, status: 'exited', node: 'goal_bought', stage: 'active' } } }, [
          at(b1, 0, 'stage_active', { kind: 'entered' }),
          at(b1, 1, 'stage_active', { kind: 'stage', stage: 'active' }),
          at(b1, 2, 'goal_bought', { kind: 'goal', goal: 'bought', converted: true }),
          at(b1, 3, 'goal_bought', { kind: 'exit', completed: true }),
        ], 0),
      ]);
      // Two days later a's timeout moves it to silent and it waits again (leaving a wait is not a visit of it).
      const a2 = timerInput('t-a', 'a', T0 + 2 * 86_400_000);
      await store.commit([
        record(a2, state('a', { stage: 'silent' }), [
          at(a2, 0, 'wait_active', { kind: 'branch', branch: 'timeout', next: 'stage_silent' }),
          at(a2, 1, 'stage_silent', { kind: 'stage', stage: 'silent', from: 'active' }),
          at(a2, 2, 'wait_active', { kind: 'timerSet', timer: { id: 't-a2', journeyId: J, node: 'wait_active', fireAt: T0 + 60 * 86_400_000, purpose: 'timeout' } }),
        ], 1),
      ]);
      const expected = {
        customers: { entered: 2, active: 1 },
        nodes: {
          goal_bought: { entered: 1, waiting: 0, exited: 1, converted: 1 },
          stage_active: { entered: 2, waiting: 0, exited: 0, converted: 0 },
          stage_silent: { entered: 1, waiting: 0, exited: 0, converted: 0 },
          wait_active: { entered: 2, waiting: 1, exited: 0, converted: 0 },
        },
        stages: { active: 1, silent: 1 },
        reached: { active: 2, silent: 1 },
        transitions: [
          { from: null, to: 'active', count: 2 },
          { from: 'active', to: 'silent', count: 1 },
        ],
        goals: [{ node: 'goal_bought', goal: 'bought', converted: 1 }],
      };
      const range = { from: T0 - 86_400_000, until: T0 + 3 * 86_400_000 };
      const daily = [
        { date: '2024-12-31', counts: {} },
        { date: '2025-01-01', counts: { active: 2 } },
        { date: '2025-01-02', counts: { active: 2 } },
        { date: '2025-01-03', counts: { active: 1, silent: 1 } },
        { date: '2025-01-04', counts: { active: 1, silent: 1 } },
      ];
      expect(await store.journeyCounters(J)).toEqual(expected);
      expect(await store.dailyStages(J, range)).toEqual(daily);
      await roundTrip();
      expect(await store.journeyCounters(J)).toEqual(expected);
      expect(await store.dailyStages(J, range)).toEqual(daily);
      expect(await store.dailyStages(J, { from: T0 + 2 * 86_400_000, until: T0 + 2 * 86_400_000 })).toEqual([daily[3]]);
      expect(await store.journeyCounters('nobody-entered')).toEqual({ customers: { entered: 0, active: 0 }, nodes: {}, stages: {}, reached: {}, transitions: [], goals: [] });
    });

    it('keeps a customer timeline of inputs and effects, newest first, in pages', async () => {
      await open();
      const e1 = event('e1', 'c', T0);
      const e2 = event('e2', 'c', T0 + 10);
      await store.commit([record(e1, state('c'), [effect(e1, 0, { kind: 'entered' })], 0)]);
      await store.commit([record(e2, state('c'), [effect(e2, 0, { kind: 'stage', stage: 'active' }), effect(e2, 1, { kind: 'goal', goal: 'g', converted: true })], 1)]);
      await roundTrip();
      const first = await store.timeline('c', { limit: 3 });
      expect(first.items.map((e) => (e.kind === 'input' ? `in:${e.input.id}` : `fx:${e.effect.kind}`))).toEqual(['fx:goal', 'fx:stage', 'in:e2']);
      const rest = await store.timeline('c', { limit: 3, cursor: first.next! });
      expect(rest.items.map((e) => (e.kind === 'input' ? `in:${e.input.id}` : `fx:${e.effect.kind}`))).toEqual(['fx:entered', 'in:e1']);
      expect(rest.next).toBeUndefined();
      expect((await store.timeline('nobody')).items).toEqual([]);
    });

    it('puts actions in the outbox; consumers pull after their cursor and acknowledge', async () => {
      await open();
      const records: CommitRecord[] = [];
      for (let i = 0; i < 5; i++) {
        const input = event(`m${i}`, `c${i}`, T0 + i);
        records.push(record(input, state(`c${i}`), [effect(input, 0, { kind: 'action', action: { type: 'message', channel: 'sms', template: `t${i}` } }), effect(input, 1, { kind: 'entered' })], 0));
      }
      await store.commit(records);
      const first = await store.pull({ consumer: 'crm', limit: 2 });
      expect(first.entries.map((e) => e.action)).toEqual([
        { type: 'message', channel: 'sms', template: 't0' },
        { type: 'message', channel: 'sms', template: 't1' },
      ]);
      expect(first.entries[0]).toMatchObject({ customerId: 'c0', journeyId: J, version: 1, effectId: idOf('m0', 'c0', 0) });
      expect(await store.ack('crm', first.cursor)).toBe(first.cursor);
      expect(await store.ack('crm', 0)).toBe(first.cursor);
      await roundTrip();
      expect(await store.cursor('crm')).toBe(first.cursor);
      const rest = await store.pull({ consumer: 'crm', limit: 10 });
      expect(rest.entries.map((e) => e.effectId)).toEqual([idOf('m2', 'c2', 0), idOf('m3', 'c3', 0), idOf('m4', 'c4', 0)]);
      expect((await store.pull({ consumer: 'other' })).entries).toHaveLength(5);
      expect((await store.pull({ consumer: 'crm', after: rest.cursor })).entries).toEqual([]);
      expect((await store.pull({ consumer: 'crm', after: rest.cursor })).cursor).toBe(rest.cursor);
    });

    it('turns task effects into staff tasks that can be listed, completed and postponed', async () => {
      await open();
      const e1 = event('m1', 'c1', T0);
      const e2 = event('m2', 'c2', T0);
      await store.commit([
        record(e1, state('c1'), [effect(e1, 0, { kind: 'task', task: { title: 'Call the parent', assignee: 'amy', dueAt: T0 + 1000 } })], 0),
        record(e2, state('c2'), [effect(e2, 0, { kind: 'task', task: { title: 'Send day-3 message', note: 'ice-breaker' } })], 0),
      ]);
      expect((await store.listTasks({ assignee: 'amy' })).items.map((t) => t.title)).toEqual(['Call the parent']);
      const done = await store.completeTask(idOf('m1', 'c1', 0), { at: T0 + 10, by: 'amy' });
      expect(done).toMatchObject({ status: 'done', completedAt: T0 + 10, completedBy: 'amy' });
      expect(await store.completeTask(idOf('m1', 'c1', 0), { at: T0 + 99 })).toMatchObject({ completedAt: T0 + 10 });
      await expect(store.postponeTask(idOf('m1', 'c1', 0), T0 + 5000)).rejects.toBeInstanceOf(InvalidStateError);
      expect(await store.postponeTask(idOf('m2', 'c2', 0), T0 + 5000)).toMatchObject({ dueAt: T0 + 5000, postponedUntil: T0 + 5000, status: 'open' });
      await expect(store.completeTask('nope', { at: T0 })).rejects.toThrow(/task nope does not exist/);
      await roundTrip();
      expect((await store.listTasks({ status: 'open' })).items.map((t) => t.id)).toEqual([idOf('m2', 'c2', 0)]);
      expect((await store.getTask(idOf('m1', 'c1', 0)))?.status).toBe('done');
      expect((await store.listTasks({ customerId: 'c2' })).items[0]).toMatchObject({ note: 'ice-breaker', journeyId: J, createdAt: T0 });
    });

    it('queues webhook deliveries with retries and dead letters', async () => {
      await open();
      const e1 = event('m1', 'c1', T0);
      await store.commit([record(e1, state('c1'), [effect(e1, 0, { kind: 'action', action: { type: 'webhook', url: 'https://hooks.example.com/x', payload: { level: 2 } } })], 0)]);
      const [due] = await store.dueDeliveries(T0, 10);
      expect(due).toMatchObject({ id: idOf('m1', 'c1', 0), url: 'https://hooks.example.com/x', status: 'pending', attempts: 0, payload: { level: 2, customerId: 'c1', effectId: idOf('m1', 'c1', 0) } });
      await store.recordAttempt(idOf('m1', 'c1', 0), { at: T0 + 1, ok: false, error: 'HTTP 503', retryAt: T0 + 60_000 });
      expect(await store.dueDeliveries(T0 + 59_999, 10)).toEqual([]);
      await store.recordAttempt(idOf('m1', 'c1', 0), { at: T0 + 60_000, ok: false, error: 'HTTP 500' });
      await roundTrip();
      const [dead] = (await store.listDeliveries({ status: 'dead' })).items;
      expect(dead).toMatchObject({ id: idOf('m1', 'c1', 0), attempts: 2, lastError: 'HTTP 500', status: 'dead' });
      await expect(store.recordAttempt(idOf('m1', 'c1', 0), { at: T0, ok: true })).rejects.toBeInstanceOf(InvalidStateError);
      await store.requeueDelivery(idOf('m1', 'c1', 0), T0 + 100_000);
      const delivered = await store.recordAttempt(idOf('m1', 'c1', 0), { at: T0 + 100_001, ok: true });
      expect(delivered).toMatchObject({ status: 'delivered', attempts: 3, deliveredAt: T0 + 100_001 });
      expect(await store.dueDeliveries(Number.MAX_SAFE_INTEGER, 10)).toEqual([]);
    });

    it('refuses to work once closed', async () => {
      await open();
      await store.close();
      await expect(store.commit([record(event('x', 'c', T0), state('c'), [], 0)])).rejects.toThrow(/closed/);
    });
  });
}
