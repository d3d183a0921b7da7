/** Health, /me, API keys and the role matrix, through the real server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './server-harness.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

describe('health and identity', () => {
  it('answers /v1/health without a key', async () => {
    const res = await t.call('GET', '/v1/health', { key: null });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok' });
  });

  it('tells a key its role', async () => {
    for (const role of ['admin', 'operator', 'viewer', 'ingest'] as const) {
      const res = await t.call('GET', '/v1/me', { key: t.keys[role] });
      expect(res.status).toBe(200);
      expect(res.body.role).toBe(role);
      expect(typeof res.body.keyId).toBe('string');
    }
  });
});

describe('the role matrix', () => {
  it('refuses a missing key and a wrong key with 401 JSON', async () => {
    for (const key of [null, 'ls_000000000000_not-a-real-key-at-all-xxxxxxxxxxxxxxxxxxxxxxx', 'garbage']) {
      const res = await t.call('GET', '/v1/journeys', { key });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    }
  });

  it('lets viewers read but not publish; operators publish', async () => {
    expect((await t.call('GET', '/v1/journeys', { key: t.keys.viewer })).status).toBe(200);
    const denied = await t.call('POST', '/v1/journeys/dormancy-ladder/publish', { key: t.keys.viewer, body: { policy: 'finish' } });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('forbidden');
    const published = await t.call('POST', '/v1/journeys/dormancy-ladder/publish', { key: t.keys.operator, body: { policy: 'finish' } });
    expect(published.status).toBe(200);
    expect(published.body.version).toBe(1);
  });

  it('lets ingest keys ingest and nothing else', async () => {
    const track = await t.call('POST', '/v1/track', { key: t.keys.ingest, body: { userId: 'u-ingest', event: 'page_view', messageId: 'acc-1' } });
    expect(track.status).toBe(200);
    for (const [method, path] of [
      ['GET', '/v1/journeys'],
      ['GET', '/v1/customers/u-ingest'],
      ['GET', '/v1/actions'],
      ['GET', '/v1/tasks'],
      ['GET', '/v1/templates'],
      ['GET', '/v1/keys'],
    ] as const) {
      expect((await t.call(method, path, { key: t.keys.ingest })).status, path).toBe(403);
    }
  });

  it('keeps key management to admins', async () => {
    for (const role of ['operator', 'viewer'] as const) {
      expect((await t.call('GET', '/v1/keys', { key: t.keys[role] })).status).toBe(403);
      expect((await t.call('POST', '/v1/keys', { key: t.keys[role], body: { name: 'x', role: 'admin' } })).status).toBe(403);
    }
  });
});

describe('keys', () => {
  it('lists keys without their secrets, and a revoked key stops working', async () => {
    const created = await t.call('POST', '/v1/keys', { body: { name: 'temporary', role: 'viewer' } });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^ls_[0-9a-f]{12}_/);
    const list = await t.call('GET', '/v1/keys');
    expect(list.body.keys.some((k: { id: string }) => k.id === created.body.id)).toBe(true);
    expect(list.text).not.toContain(created.body.key);
    expect((await t.call('GET', '/v1/me', { key: created.body.key })).status).toBe(200);
    const revoked = await t.call('DELETE', `/v1/keys/${created.body.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    expect((await t.call('GET', '/v1/me', { key: created.body.key })).status).toBe(401);
    expect((await t.call('DELETE', '/v1/keys/nope')).status).toBe(404);
  });
});
