/** GET /v1/templates/:id/cohort through the real server: on by default, bounded, validated, deterministic. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCohort } from '../../../templates/cohort.ts';
import { startTestServer, type TestServer } from './server-harness.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

describe('sample cohorts', () => {
  it('serves a pack cohort as Segment-style events, the same for the same size, seed and start', async () => {
    const res = await t.call('GET', '/v1/templates/dormancy-ladder/cohort?size=12&seed=7&start=2025-03-01', { key: t.keys.viewer });
    expect(res.status).toBe(200);
    expect(res.body.events).toEqual(JSON.parse(JSON.stringify(generateCohort('dormancy-ladder', { size: 12, seed: 7, start: '2025-03-01' }))));
    expect(res.body.events.length).toBeGreaterThan(0);
    const customers = new Set(res.body.events.map((e: { userId: string }) => e.userId));
    expect(customers.size).toBeLessThanOrEqual(12);
    for (const event of res.body.events) {
      expect(['track', 'identify']).toContain(event.type);
      expect(Date.parse(event.timestamp)).toBeGreaterThanOrEqual(Date.UTC(2025, 2, 1));
    }
    const again = await t.call('GET', '/v1/templates/dormancy-ladder/cohort?size=12&seed=7&start=2025-03-01', { key: t.keys.viewer });
    expect(again.body).toEqual(res.body);
    const other = await t.call('GET', '/v1/templates/dormancy-ladder/cohort?size=12&seed=8&start=2025-03-01', { key: t.keys.viewer });
    expect(other.body).not.toEqual(res.body);
  });

  it("defaults to the pack's seed and a window ending today", async () => {
    const res = await t.call('GET', '/v1/templates/aarrr/cohort?size=5', { key: t.keys.viewer });
    expect(res.status).toBe(200);
    const last = Math.max(...res.body.events.map((e: { timestamp: string }) => Date.parse(e.timestamp)));
    expect(last).toBeLessThan(Date.now() + 86_400_000);
    expect(last).toBeGreaterThan(Date.now() - 400 * 86_400_000);
  });

  it('refuses sizes out of range, bad seeds and dates, unknown packs and missing keys', async () => {
    for (const query of ['size=0', 'size=5001', 'size=abc', 'seed=-1', 'start=2025-13-01', 'start=yesterday']) {
      const res = await t.call('GET', `/v1/templates/aarrr/cohort?${query}`, { key: t.keys.viewer });
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    expect((await t.call('GET', '/v1/templates/nope/cohort', { key: t.keys.viewer })).status).toBe(404);
    expect((await t.call('GET', '/v1/templates/aarrr/cohort', { key: null })).status).toBe(401);
    expect((await t.call('GET', '/v1/templates/aarrr/cohort', { key: t.keys.ingest })).status).toBe(403);
  });
});
