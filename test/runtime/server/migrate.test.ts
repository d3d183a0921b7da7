/** Publishing with `migrate` and `finish` through the real server: where customers end up, the mapping checks, and the stats that follow. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onboardingJourney } from './fixture-journey.ts';
import { startTestServer, type TestServer } from './server-harness.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

const HOOK = 'http://127.0.0.1:9/hook';

async function placeOf(customerId: string, journeyId: string) {
  const res = await t.call('GET', `/v1/customers/${customerId}`, { key: t.keys.viewer });
  expect(res.status).toBe(200);
  return (res.body.journeys as { journeyId: string; version: number; node: string; status: string }[]).filter((j) => j.journeyId === journeyId);
}

async function saveDraft(id: string, document: unknown) {
  const revision = (await t.call('GET', `/v1/journeys/${id}`)).body.draft.revision as number;
  expect((await t.call('PUT', `/v1/journeys/${id}/draft`, { key: t.keys.operator, body: { document, baseRevision: revision } })).status).toBe(200);
}

describe('publish policies', () => {
  it('migrate: kept nodes keep their customers, removed ones go where the mapping says; finish leaves customers on their version', async () => {
    const v1 = onboardingJourney(HOOK, 'mig', 'signup_mig');
    expect((await t.call('POST', '/v1/journeys', { key: t.keys.operator, body: { document: v1 } })).status).toBe(201);
    expect((await t.call('POST', '/v1/journeys/mig/publish', { key: t.keys.operator, body: { policy: 'finish' } })).status).toBe(200);
    for (const id of ['m1', 'm2']) {
      expect((await t.call('POST', '/v1/track', { key: t.keys.ingest, body: { userId: id, event: 'signup_mig', messageId: `${id}-signup` } })).status).toBe(200);
    }
    expect(await placeOf('m1', 'mig')).toEqual([expect.objectContaining({ version: 1, node: 'w_call', status: 'active' })]);

    // Version 2 replaces the 7-day wait w_call by a 3-day wait w_short.
    const v2 = {
      ...v1,
      nodes: v1.nodes.flatMap((n): Record<string, unknown>[] =>
        n.id === 'w_call' ? [{ ...n, id: 'w_short', timeout: '3d' }] : n.id === 't_call' ? [{ ...n, next: 'w_short' }] : [n],
      ),
    };
    await saveDraft('mig', v2);
    const unmapped = await t.call('POST', '/v1/journeys/mig/publish', { key: t.keys.operator, body: { policy: 'migrate' } });
    expect(unmapped.status).toBe(400);
    expect(unmapped.body.error).toMatchObject({ code: 'validation_failed', path: 'body.migrate' });
    expect(unmapped.body.error.message).toContain('"w_call"');
    const wrongTarget = await t.call('POST', '/v1/journeys/mig/publish', { key: t.keys.operator, body: { policy: 'migrate', migrate: { w_call: 'nowhere' } } });
    expect(wrongTarget.status).toBe(400);
    expect(wrongTarget.body.error.path).toBe('body.migrate.w_call');
    const wrongSource = await t.call('POST', '/v1/journeys/mig/publish', { key: t.keys.operator, body: { policy: 'migrate', migrate: { w_call: 'w_short', ghost: 'w_short' } } });
    expect(wrongSource.status).toBe(400);
    expect((await t.call('POST', '/v1/journeys/mig/publish', { key: t.keys.viewer, body: { policy: 'migrate', migrate: { w_call: 'w_short' } } })).status).toBe(403);

    const published = await t.call('POST', '/v1/journeys/mig/publish', { key: t.keys.operator, body: { policy: 'migrate', migrate: { w_call: 'w_short' } } });
    expect(published.status).toBe(200);
    for (const id of ['m1', 'm2']) expect(await placeOf(id, 'mig')).toEqual([expect.objectContaining({ version: 2, node: 'w_short', status: 'active' })]);
    const versions = await t.call('GET', '/v1/journeys/mig/versions', { key: t.keys.viewer });
    expect(versions.body.versions.map((v: { version: number; policy: string }) => [v.version, v.policy])).toEqual([
      [1, 'finish'],
      [2, 'migrate'],
    ]);
    const stats = (await t.call('GET', '/v1/journeys/mig/stats', { key: t.keys.viewer })).body;
    expect(stats.customers).toEqual({ entered: 2, active: 2 });
    expect(stats.nodes.w_short).toMatchObject({ entered: 2, waiting: 2 });
    expect(stats.nodes.w_call).toMatchObject({ entered: 2, waiting: 0 });

    // The moved customers' task completion now follows version 2.
    const tasks = (await t.call('GET', '/v1/tasks?customerId=m1&status=open', { key: t.keys.viewer })).body.tasks;
    expect((await t.call('POST', `/v1/tasks/${tasks[0].id}/complete`, { key: t.keys.operator })).status).toBe(200);
    expect(await placeOf('m1', 'mig')).toEqual([expect.objectContaining({ version: 2, node: 'x_done', status: 'exited' })]);

    // Version 3 with finish: m2 stays on version 2, a newcomer enters version 3.
    await saveDraft('mig', { ...v2, name: { zh: '新客引导 3', en: 'Onboarding 3' } });
    expect((await t.call('POST', '/v1/journeys/mig/publish', { key: t.keys.operator, body: { policy: 'finish' } })).status).toBe(200);
    expect((await t.call('POST', '/v1/track', { key: t.keys.ingest, body: { userId: 'm3', event: 'signup_mig', messageId: 'm3-signup' } })).status).toBe(200);
    expect(await placeOf('m2', 'mig')).toEqual([expect.objectContaining({ version: 2, node: 'w_short', status: 'active' })]);
    expect(await placeOf('m3', 'mig')).toEqual([expect.objectContaining({ version: 3, node: 'w_short', status: 'active' })]);
  });

  it('documents both policies and the mapping in OpenAPI', async () => {
    const doc = (await t.call('GET', '/v1/openapi.json', { key: null })).body;
    const request = doc.components.schemas.PublishJourney;
    expect(request.properties.policy.enum).toEqual(['finish', 'migrate']);
    expect(request.properties.migrate.description).toMatch(/old node id → new node id/);
  });
});
