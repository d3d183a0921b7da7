/** Publishing a new version while events stream in: every customer ends on exactly one version, as the policy says. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../runtime/server/server-harness.ts';
import { onboardingJourney } from '../runtime/server/fixture-journey.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ ingestRateLimit: false });
});
afterAll(async () => {
  await t.close();
});

interface Timing {
  sentAt: number;
  ackedAt: number;
}

/**
 * Streams one signup per customer (8 requests in flight) and publishes version 2 with `policy` once a third is in.
 * Returns when each signup was sent and acknowledged, and when the publish started and ended.
 */
async function streamAndPublish(journeyId: string, entryEvent: string, policy: 'finish' | 'migrate', customers: number) {
  const v1 = onboardingJourney('http://127.0.0.1:9/hook', journeyId, entryEvent);
  expect((await t.call('POST', '/v1/journeys', { body: { document: v1 } })).status).toBe(201);
  expect((await t.call('POST', `/v1/journeys/${journeyId}/publish`, { body: { policy: 'finish' } })).status).toBe(200);
  const v2 = { ...v1, nodes: v1.nodes.map((n) => (n.id === 't_call' ? { ...n, action: { ...n.action, title: 'Call the new customer (v2)' } } : n)) };

  const timings = new Map<string, Timing>();
  let next = 0;
  let publish: { startedAt: number; endedAt: number; status: number } | undefined;
  const publishing = async (): Promise<void> => {
    const revision = (await t.call('GET', `/v1/journeys/${journeyId}`)).body.draft.revision as number;
    const startedAt = Date.now();
    expect((await t.call('PUT', `/v1/journeys/${journeyId}/draft`, { body: { document: v2, baseRevision: revision } })).status).toBe(200);
    const res = await t.call('POST', `/v1/journeys/${journeyId}/publish`, { body: { policy } });
    publish = { startedAt, endedAt: Date.now(), status: res.status };
  };
  let published: Promise<void> | undefined;
  const worker = async (): Promise<void> => {
    while (next < customers) {
      const n = next++;
      if (n === Math.floor(customers / 3)) published ??= publishing();
      const customerId = `${journeyId}-c${n}`;
      const sentAt = Date.now();
      const res = await t.call('POST', '/v1/batch', { key: t.keys.ingest, body: { batch: [{ type: 'track', userId: customerId, event: entryEvent, messageId: `${customerId}-1` }, { type: 'track', userId: customerId, event: 'page_view', messageId: `${customerId}-2` }] } });
      expect(res.status).toBe(200);
      timings.set(customerId, { sentAt, ackedAt: Date.now() });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  await published;
  expect(publish?.status).toBe(200);
  return { timings, publish: publish! };
}

async function versionsOf(journeyId: string, customerIds: Iterable<string>): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  for (const id of customerIds) {
    const res = await t.call('GET', `/v1/customers/${encodeURIComponent(id)}`);
    expect(res.status).toBe(200);
    out.set(id, (res.body.journeys as { journeyId: string; version: number }[]).filter((j) => j.journeyId === journeyId).map((j) => j.version));
  }
  return out;
}

describe('publishing while events stream in', () => {
  it('policy finish: customers in before the publish stay on version 1, customers after it start on version 2, none on both', async () => {
    const { timings, publish } = await streamAndPublish('stream-finish', 'signup_f', 'finish', 240);
    const versions = await versionsOf('stream-finish', timings.keys());
    let before = 0;
    let after = 0;
    for (const [id, found] of versions) {
      expect(found, id).toHaveLength(1);
      const { sentAt, ackedAt } = timings.get(id)!;
      if (ackedAt < publish.startedAt) {
        expect(found[0], `${id} entered before the publish`).toBe(1);
        before++;
      } else if (sentAt > publish.endedAt) {
        expect(found[0], `${id} entered after the publish`).toBe(2);
        after++;
      } else {
        expect([1, 2]).toContain(found[0]);
      }
    }
    expect(before).toBeGreaterThan(0);
    expect(after).toBeGreaterThan(0);
    console.log(`publish while streaming (finish): ${versions.size} customers, ${before} entered before → v1, ${after} after → v2, ${versions.size - before - after} during → one of them, customers on two versions 0`);
  });

  it('policy migrate: every customer ends on version 2, exactly once', async () => {
    const { timings } = await streamAndPublish('stream-migrate', 'signup_m', 'migrate', 240);
    const versions = await versionsOf('stream-migrate', timings.keys());
    for (const [id, found] of versions) expect(found, id).toEqual([2]);
    console.log(`publish while streaming (migrate): ${versions.size} customers, all on v2, customers on two versions 0`);
  });
});
