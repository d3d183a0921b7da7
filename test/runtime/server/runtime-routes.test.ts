/** Ingestion, customers, tasks, actions, webhooks and stats through the real server, with a loopback webhook receiver. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onboardingJourney } from './fixture-journey.ts';
import { startTestServer, type TestServer } from './server-harness.ts';

/** A receiver that fails the first `failures` requests, then accepts; it records every request. */
function flakyReceiver(failures: number) {
  const received: { key: string | undefined; body: any }[] = [];
  const server: Server = createServer((req, res) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => {
      received.push({ key: req.headers['idempotency-key'] as string | undefined, body: JSON.parse(data) });
      res.statusCode = received.length <= failures ? 503 : 200;
      res.end();
    });
  });
  return {
    received,
    start: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`))),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const until = async (check: () => Promise<boolean>, ms = 10_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
};

let t: TestServer;
const receiver = flakyReceiver(2);
beforeAll(async () => {
  const url = await receiver.start();
  t = await startTestServer({ webhooks: { baseDelayMs: 30, pollMs: 20, maxAttempts: 5 } });
  await t.call('POST', '/v1/journeys', { body: { document: onboardingJourney(url) } });
  const published = await t.call('POST', '/v1/journeys/onboarding/publish', { body: { policy: 'finish' } });
  expect(published.status).toBe(200);
});
afterAll(async () => {
  await t.close();
  await receiver.stop();
});

const batch = {
  batch: [
    { type: 'identify', userId: 'c1', traits: { name: '王女士', city: 'Hangzhou' }, messageId: 'b-1' },
    { type: 'track', userId: 'c1', event: 'signup', properties: { source: 'wechat' }, messageId: 'b-2' },
    { type: 'track', anonymousId: 'anon-2', event: 'page_view', messageId: 'b-3' },
  ],
};

describe('ingestion', () => {
  it('accepts a batch once; the same batch again is deduplicated and has no second effect', async () => {
    const first = await t.call('POST', '/v1/batch', { key: t.keys.ingest, body: batch });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ success: true, accepted: 3, deduplicated: 0 });
    const second = await t.call('POST', '/v1/batch', { key: t.keys.ingest, body: batch });
    expect(second.body).toEqual({ success: true, accepted: 0, deduplicated: 3 });
    const tasks = await t.call('GET', '/v1/tasks?customerId=c1');
    expect(tasks.body.tasks).toHaveLength(1);
    const actions = await t.call('GET', '/v1/actions?consumer=dedupe-check');
    expect(actions.body.actions.filter((a: { customerId: string }) => a.customerId === 'c1')).toHaveLength(1);
  });

  it('takes single track and identify calls, deduplicating by messageId', async () => {
    const track = { userId: 'c9', event: 'page_view', messageId: 't-1', timestamp: '2026-01-05T08:00:00+08:00' };
    expect((await t.call('POST', '/v1/track', { key: t.keys.ingest, body: track })).body.accepted).toBe(1);
    expect((await t.call('POST', '/v1/track', { key: t.keys.ingest, body: track })).body.deduplicated).toBe(1);
    const identify = await t.call('POST', '/v1/identify', { key: t.keys.ingest, body: { userId: 'c9', traits: { vip: true } } });
    expect(identify.body.accepted).toBe(1);
    const customer = await t.call('GET', '/v1/customers/c9');
    expect(customer.body.profile.vip).toBe(true);
    expect(customer.body.facts.eventCounts.page_view).toBe(1);
  });

  it('refuses a message without a user and a batch that is too large', async () => {
    const anonymous = await t.call('POST', '/v1/track', { key: t.keys.ingest, body: { event: 'x' } });
    expect(anonymous.status).toBe(400);
    expect(anonymous.body.error.path).toBe('body.userId');
    const big = { batch: Array.from({ length: 501 }, (_, i) => ({ type: 'track', userId: 'u', event: 'e', messageId: `big-${i}` })) };
    expect((await t.call('POST', '/v1/batch', { key: t.keys.ingest, body: big })).status).toBe(400);
  });
});

describe('customers', () => {
  it('shows profile, facts and the journeys the customer is in', async () => {
    const res = await t.call('GET', '/v1/customers/c1', { key: t.keys.viewer });
    expect(res.status).toBe(200);
    expect(res.body.profile).toMatchObject({ name: '王女士', city: 'Hangzhou' });
    expect(res.body.journeys).toEqual([expect.objectContaining({ journeyId: 'onboarding', node: 'w_call', status: 'active', stage: 'fresh' })]);
    expect((await t.call('GET', '/v1/customers/nobody')).status).toBe(404);
  });

  it('pages the timeline, newest first', async () => {
    const page = await t.call('GET', '/v1/customers/c1/timeline?limit=2');
    expect(page.status).toBe(200);
    expect(page.body.entries).toHaveLength(2);
    expect(page.body.next).not.toBeNull();
    const all = await t.call('GET', '/v1/customers/c1/timeline?limit=1000');
    const kinds = all.body.entries.map((e: { kind: string; effect?: { kind: string } }) => e.effect?.kind ?? e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['input', 'entered', 'stage', 'action', 'task']));
    expect((await t.call('GET', '/v1/customers/nobody/timeline')).status).toBe(404);
  });
});

describe('webhooks', () => {
  it('delivers once after two failures, with the same Idempotency-Key on all three tries', async () => {
    await until(async () => receiver.received.length >= 3);
    await new Promise((r) => setTimeout(r, 200));
    expect(receiver.received).toHaveLength(3);
    const keys = new Set(receiver.received.map((r) => r.key));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toBe(receiver.received[0]?.body.id);
    expect(receiver.received[0]?.body).toMatchObject({ customerId: 'c1', journeyId: 'onboarding', node: 'a_hook', payload: { reason: 'welcome' } });
    expect((await t.call('GET', '/v1/webhooks/dead-letters')).body.deadLetters).toEqual([]);
  });

  it('lists a delivery that never succeeds as a dead letter, and can queue it again', async () => {
    const dead = onboardingJourney('http://127.0.0.1:9/refused', 'dead-hook', 'trial_booked');
    await t.call('POST', '/v1/journeys', { body: { document: dead } });
    await t.call('POST', '/v1/journeys/dead-hook/publish', { body: { policy: 'finish' } });
    await t.call('POST', '/v1/track', { key: t.keys.ingest, body: { userId: 'c-dead', event: 'trial_booked', messageId: 'dead-1' } });
    await until(async () => (await t.call('GET', '/v1/webhooks/dead-letters')).body.deadLetters.length > 0);
    const letters = (await t.call('GET', '/v1/webhooks/dead-letters', { key: t.keys.viewer })).body.deadLetters;
    expect(letters[0]).toMatchObject({ customerId: 'c-dead', attempts: 5, url: 'http://127.0.0.1:9/refused' });
    expect(letters[0].lastError).toBeTruthy();
    const retried = await t.call('POST', `/v1/webhooks/dead-letters/${letters[0].id}/retry`, { key: t.keys.operator });
    expect(retried.body.status).toBe('pending');
    expect((await t.call('POST', '/v1/webhooks/dead-letters/nope/retry')).status).toBe(404);
  });
});

describe('tasks, goals and stats', () => {
  it('postpones, then completes a task, which moves the customer on to the goal', async () => {
    const [task] = (await t.call('GET', '/v1/tasks?assignee=alice&status=open&customerId=c1', { key: t.keys.viewer })).body.tasks;
    expect(task).toMatchObject({ title: 'Call the new customer', assignee: 'alice', status: 'open' });
    const later = await t.call('POST', `/v1/tasks/${task.id}/postpone`, { key: t.keys.operator, body: { by: '2d' } });
    expect(later.status).toBe(200);
    expect(Date.parse(later.body.postponedUntil)).toBeGreaterThan(Date.now() + 86_400_000);
    expect((await t.call('POST', `/v1/tasks/${task.id}/postpone`, { body: { until: '2001-01-01T00:00:00Z' } })).status).toBe(400);
    expect((await t.call('POST', `/v1/tasks/${task.id}/complete`, { key: t.keys.viewer })).status).toBe(403);
    const done = await t.call('POST', `/v1/tasks/${task.id}/complete`, { key: t.keys.operator });
    expect(done.body.status).toBe('done');
    expect((await t.call('POST', `/v1/tasks/${task.id}/complete`)).body.status).toBe('done');
    const customer = await t.call('GET', '/v1/customers/c1');
    expect(customer.body.journeys[0]).toMatchObject({ status: 'exited', stage: 'active', node: 'x_done' });
    const timeline = await t.call('GET', '/v1/customers/c1/timeline?limit=1000');
    const completions = timeline.body.entries.filter((e: { input?: { event?: string } }) => e.input?.event === 'task_completed');
    expect(completions).toHaveLength(1);
    expect(completions[0].input.properties.taskId).toBe(task.id);
    expect((await t.call('POST', '/v1/tasks/nope/complete')).status).toBe(404);
  });

  it('counts per node, stages now and per day, transitions and goal conversions', async () => {
    await t.call('POST', '/v1/track', { key: t.keys.ingest, body: { userId: 'c2', event: 'signup', messageId: 'c2-signup' } });
    const res = await t.call('GET', '/v1/journeys/onboarding/stats?days=3', { key: t.keys.viewer });
    expect(res.status).toBe(200);
    const stats = res.body;
    expect(stats.customers).toEqual({ entered: 2, active: 1 });
    expect(stats.nodes.s_fresh).toMatchObject({ entered: 2 });
    expect(stats.nodes.w_call).toMatchObject({ entered: 2, waiting: 1 });
    expect(stats.nodes.g_onboarded).toMatchObject({ entered: 1, converted: 1 });
    expect(stats.nodes.x_done).toMatchObject({ exited: 1 });
    expect(stats.stages.now).toEqual({ fresh: 1, active: 1 });
    expect(stats.stages.daily).toHaveLength(3);
    expect(stats.transitions).toEqual(
      expect.arrayContaining([
        { from: null, to: 'fresh', count: 2, rate: 1 },
        { from: 'fresh', to: 'active', count: 1, rate: 0.5 },
      ]),
    );
    expect(stats.goals).toEqual([{ goal: 'onboarded', node: 'g_onboarded', converted: 1, rate: 0.5 }]);
  });
});

describe('the actions outbox', () => {
  it('pulls with a cursor and acknowledges by cursor or by ids', async () => {
    const first = await t.call('GET', '/v1/actions?consumer=crm&limit=1', { key: t.keys.viewer });
    expect(first.body.actions).toHaveLength(1);
    const next = await t.call('GET', `/v1/actions?consumer=crm&cursor=${first.body.cursor}`);
    expect(next.body.actions.every((a: { seq: number }) => a.seq > first.body.cursor)).toBe(true);
    expect((await t.call('POST', '/v1/actions/ack', { key: t.keys.viewer, body: { consumer: 'crm', cursor: first.body.cursor } })).status).toBe(403);
    const acked = await t.call('POST', '/v1/actions/ack', { key: t.keys.operator, body: { consumer: 'crm', cursor: first.body.cursor } });
    expect(acked.body.cursor).toBe(first.body.cursor);
    const rest = (await t.call('GET', '/v1/actions?consumer=crm')).body.actions;
    expect(rest[0].seq).toBeGreaterThan(first.body.cursor);
    const ids = rest.map((a: { id: string }) => a.id);
    const gap = await t.call('POST', '/v1/actions/ack', { body: { consumer: 'crm', ids: ids.slice(1) } });
    expect(gap.body).toMatchObject({ acknowledged: 0, pending: ids.slice(1) });
    const all = await t.call('POST', '/v1/actions/ack', { body: { consumer: 'crm', ids } });
    expect(all.body).toMatchObject({ acknowledged: ids.length, pending: [] });
    expect((await t.call('GET', '/v1/actions?consumer=crm')).body.actions).toEqual([]);
  });
});
