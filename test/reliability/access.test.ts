/** Access and hostile input: the role matrix on every route (from the OpenAPI document), key storage, CORS, ingestion rate limit, prototype keys, traversal, size limits, page headers. */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPack } from '../../dsl/pack/index.ts';
import { Pack } from '../../dsl/pack/schema.ts';
import { JourneyDocument } from '../../dsl/schema/document.ts';
import { RealClock } from '../../runtime/clock/clock.ts';
import { createRuntime } from '../../runtime/runtime.ts';
import { hashKey, issueKey, keyMatches, type Role } from '../../runtime/server/auth/api-key.ts';
import { createApp } from '../../runtime/server/app.ts';
import type { EmbeddedStore } from '../../runtime/store/embedded.ts';
import { MemoryStore } from '../../runtime/store/memory.ts';
import { listTemplates } from '../../templates/index.ts';
import { startTestServer, type TestServer } from '../runtime/server/server-harness.ts';
import { operationsOf } from './fuzz/api-targets.ts';

/**
 * The least role each route needs. Every route in the OpenAPI document must be here (and nothing else),
 * so a new route cannot ship without a decision about who may call it.
 */
const REQUIRED: Record<string, Role | 'public'> = {
  'GET /v1/health': 'public',
  'GET /v1/openapi.json': 'public',
  'GET /v1/me': 'ingest',
  'GET /v1/keys': 'admin',
  'POST /v1/keys': 'admin',
  'DELETE /v1/keys/{keyId}': 'admin',
  'POST /v1/track': 'ingest',
  'POST /v1/identify': 'ingest',
  'POST /v1/batch': 'ingest',
  'GET /v1/journeys': 'viewer',
  'POST /v1/journeys': 'operator',
  'GET /v1/journeys/{id}': 'viewer',
  'PUT /v1/journeys/{id}/draft': 'operator',
  'POST /v1/journeys/{id}/validate': 'viewer',
  'POST /v1/journeys/{id}/publish': 'operator',
  'POST /v1/journeys/{id}/pause': 'operator',
  'POST /v1/journeys/{id}/resume': 'operator',
  'POST /v1/journeys/{id}/archive': 'operator',
  'POST /v1/journeys/{id}/duplicate': 'operator',
  'GET /v1/journeys/{id}/versions': 'viewer',
  'GET /v1/journeys/{id}/versions/{v}': 'viewer',
  'GET /v1/journeys/{id}/diff': 'viewer',
  'GET /v1/journeys/{id}/stats': 'viewer',
  'GET /v1/customers/{id}': 'viewer',
  'GET /v1/customers/{id}/timeline': 'viewer',
  'GET /v1/actions': 'viewer',
  'POST /v1/actions/ack': 'operator',
  'GET /v1/webhooks/dead-letters': 'viewer',
  'POST /v1/webhooks/dead-letters/{id}/retry': 'operator',
  'GET /v1/tasks': 'viewer',
  'POST /v1/tasks/{id}/complete': 'operator',
  'POST /v1/tasks/{id}/postpone': 'operator',
  'GET /v1/templates': 'viewer',
  'GET /v1/templates/{id}': 'viewer',
  'GET /v1/templates/{id}/export': 'viewer',
  'GET /v1/templates/{id}/cohort': 'viewer',
  'POST /v1/templates/import': 'operator',
};

const RANK: Record<Role, number> = { ingest: 0, viewer: 1, operator: 2, admin: 3 };

/** Whether a key of `role` may call a route needing `required` (ingest keys only ingest routes). */
function expectedAllowed(role: Role, required: Role | 'public'): boolean {
  if (required === 'public' || required === 'ingest') return true;
  if (role === 'ingest') return false;
  return RANK[role] >= RANK[required];
}

let t: TestServer;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ls-access-'));
  t = await startTestServer({ dataDir });
});
afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the role matrix, generated from the OpenAPI document', () => {
  it('lists every route in the table above, and every non-public route declares the Bearer scheme and a 401', async () => {
    const doc = (await t.call('GET', '/v1/openapi.json', { key: null })).body;
    const routes = operationsOf(doc).map((op) => `${op.method} ${op.path}`);
    const documented = new Set([...routes, 'GET /v1/openapi.json']);
    expect([...documented].filter((r) => REQUIRED[r] === undefined), 'routes missing from the role table').toEqual([]);
    // The cohort route exists only when the server is given a cohort generator.
    expect(Object.keys(REQUIRED).filter((r) => !documented.has(r) && r !== 'GET /v1/templates/{id}/cohort')).toEqual([]);
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>)) {
      for (const [method, op] of Object.entries(ops)) {
        if (REQUIRED[`${method.toUpperCase()} ${path}`] === 'public') continue;
        expect(op.security, `${method} ${path}`).toEqual([{ bearerAuth: [] }]);
        expect(Object.keys(op.responses), `${method} ${path}`).toContain('401');
      }
    }
  });

  it('answers 401 without a key or with a bad one, and 403 exactly where the role is too weak — on every route', async () => {
    const doc = (await t.call('GET', '/v1/openapi.json', { key: null })).body;
    const badKeys = [null, 'garbage', `${t.keys.admin.slice(0, -2)}xx`, t.keys.admin.toUpperCase(), `${t.keys.admin}x`];
    const failures: string[] = [];
    for (const op of operationsOf(doc)) {
      const name = `${op.method} ${op.path}`;
      const required = REQUIRED[name]!;
      // Ids that do not exist: an allowed call then ends in 404/400, never in a change.
      let path = op.path;
      for (const p of op.pathParams) path = path.replace(`{${p}}`, p === 'v' ? '1' : 'no-such-thing');
      const body = op.method === 'GET' || op.method === 'DELETE' ? undefined : {};
      for (const key of badKeys) {
        const res = await t.call(op.method, path, { key, ...(body ? { body } : {}) });
        const expected = required === 'public' ? [200] : [401];
        if (!expected.includes(res.status)) failures.push(`${name} with key ${JSON.stringify(key?.slice(0, 6))}: ${res.status}`);
        if (res.status === 401 && res.body?.error?.code !== 'unauthorized') failures.push(`${name}: 401 without the unauthorized code`);
      }
      for (const role of ['ingest', 'viewer', 'operator', 'admin'] as const) {
        const res = await t.call(op.method, path, { key: t.keys[role], ...(body ? { body } : {}) });
        const allowed = expectedAllowed(role, required);
        if (allowed ? res.status === 403 || res.status === 401 : res.status !== 403) failures.push(`${name} as ${role}: ${res.status} (${allowed ? 'should pass auth' : 'should be 403'})`);
        if (res.status >= 500) failures.push(`${name} as ${role}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('API keys at rest', () => {
  it('stores only a SHA-256 hash: neither the store nor any file in the data directory holds a key', async () => {
    const created = await t.call('POST', '/v1/keys', { body: { name: 'at-rest', role: 'viewer' } });
    const key: string = created.body.key;
    const records = await t.server.store.listApiKeys();
    const record = records.find((r) => r.id === created.body.id)!;
    expect(record.hash).toBe(hashKey(key));
    expect(JSON.stringify(records)).not.toContain(key);
    for (const k of Object.values(t.keys)) expect(JSON.stringify(records)).not.toContain(k);
    await (t.server.store as EmbeddedStore).snapshot();
    for (const file of readdirSync(dataDir)) {
      const text = readFileSync(join(dataDir, file), 'utf8');
      for (const k of [key, ...Object.values(t.keys)]) expect(text.includes(k), `${file} holds a key`).toBe(false);
    }
  });

  it('compares in constant time: hashes are compared with timingSafeEqual, never with ===', () => {
    const source = readFileSync(join(import.meta.dirname, '../../runtime/server/auth/api-key.ts'), 'utf8');
    const body = source.slice(source.indexOf('export function keyMatches'));
    expect(body.slice(0, body.indexOf('\n}'))).toMatch(/timingSafeEqual\(/);
    const { key, hash } = issueKey();
    expect(keyMatches(key, hash)).toBe(true);
    expect(keyMatches(`${key.slice(0, -1)}${key.endsWith('a') ? 'b' : 'a'}`, hash)).toBe(false);
    expect(keyMatches(key, 'not-hex')).toBe(false);
  });
});

/** An app on a memory store whose clock the test moves. */
async function appWith(options: Partial<Parameters<typeof createApp>[0]>, clock = { now: 1_900_000_000_000 }) {
  const store = new MemoryStore();
  const runtime = createRuntime({ store, clock: new RealClock(), onError: () => {} });
  await runtime.ready;
  const keys = {} as Record<Role, string>;
  for (const role of ['admin', 'ingest'] as const) {
    const issued = issueKey();
    await store.createApiKey({ id: issued.id, name: role, role, hash: issued.hash, createdAt: 0 });
    keys[role] = issued.key;
  }
  const app = createApp({ store, runtime, log: () => {}, now: () => clock.now, ...options });
  return { app, keys, clock, close: () => runtime.close() };
}

describe('CORS', () => {
  it('is off unless configured: no Access-Control-Allow-Origin for any origin', async () => {
    const preflight = await fetch(`${t.base}/v1/journeys`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const get = await fetch(`${t.base}/v1/health`, { headers: { origin: 'https://evil.example' } });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('when configured, answers the listed origins only', async () => {
    const { app, close } = await appWith({ corsOrigins: ['https://crm.example.com'] });
    const ok = await app.request('/v1/journeys', { method: 'OPTIONS', headers: { origin: 'https://crm.example.com', 'access-control-request-method': 'GET' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://crm.example.com');
    expect(ok.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const other = await app.request('/v1/journeys', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    await close();
  });
});

describe('ingestion rate limit per key', () => {
  it('answers 429 with Retry-After once a key exceeds its rate, leaves other keys alone, and lets it in again later', async () => {
    const { app, keys, clock, close } = await appWith({ ingestRateLimit: { perSecond: 2, burst: 3 } });
    const track = (key: string, n: number) =>
      app.request('/v1/track', { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ userId: 'u', event: 'e', messageId: `rl-${key.slice(3, 9)}-${n}` }) });
    const statuses = [];
    for (let n = 0; n < 4; n++) statuses.push((await track(keys.ingest, n)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await track(keys.ingest, 9);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await limited.json()).error.code).toBe('rate_limited');
    expect((await track(keys.admin, 1)).status).toBe(200);
    clock.now += 1000;
    expect((await track(keys.ingest, 10)).status).toBe(200);
    await close();
  });

  it('is on by default in the server, and set (or turned off) from the environment of `serve`', async () => {
    const { DEFAULT_INGEST_RATE_LIMIT } = await import('../../runtime/server/start.ts');
    const { limitsFromEnv } = await import('../../runtime/cli/serve.ts');
    expect(DEFAULT_INGEST_RATE_LIMIT.perSecond).toBeGreaterThan(0);
    expect(limitsFromEnv({})).toEqual({});
    expect(limitsFromEnv({ LIFECYCLE_INGEST_RATE: '100' })).toEqual({ ingestRateLimit: { perSecond: 100, burst: 200 } });
    expect(limitsFromEnv({ LIFECYCLE_INGEST_RATE: '0' })).toEqual({ ingestRateLimit: false });
    expect(limitsFromEnv({ LIFECYCLE_CORS_ORIGINS: 'https://a.example, https://b.example' })).toEqual({ corsOrigins: ['https://a.example', 'https://b.example'] });
  });
});

describe('hostile keys stay inert', () => {
  const polluted = (): unknown => ({} as Record<string, unknown>)['polluted'] ?? (Object.prototype as Record<string, unknown>)['polluted'];

  it('__proto__, constructor and prototype in events, traits, documents and packs change no prototype', async () => {
    const hostile = '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}},"prototype":{"polluted":3}}';
    const requests: [string, string, string][] = [
      ['POST', '/v1/track', `{"userId":"p1","event":"signup","messageId":"hp1","properties":${hostile}}`],
      ['POST', '/v1/identify', `{"userId":"p1","messageId":"hp2","traits":${hostile}}`],
      ['POST', '/v1/batch', `{"batch":[{"type":"identify","userId":"p2","traits":${hostile}}],"context":${hostile}}`],
      ['POST', '/v1/journeys', `{"document":{"id":"hostile","name":{"zh":"x","en":"x"},"version":1,"__proto__":{"polluted":1},"params":${hostile},"entry":{"trigger":{"type":"event","event":"x"},"next":"e"},"nodes":[{"id":"e","kind":"exit","constructor":{"prototype":{"polluted":1}}}]}}`],
      ['POST', '/v1/journeys/dormancy-ladder/validate', `{"document":${hostile}}`],
      ['POST', '/v1/templates/import', hostile],
      ['POST', '/v1/actions/ack', `{"consumer":"x","cursor":0,"__proto__":{"polluted":1}}`],
    ];
    for (const [method, path, body] of requests) {
      const res = await t.call(method, path, { body, headers: { 'content-type': 'application/json' } });
      expect(res.status, `${path}: ${res.text.slice(0, 200)}`).toBeLessThan(500);
      expect(polluted(), path).toBeUndefined();
    }
    const customer = await t.call('GET', '/v1/customers/p1');
    expect(customer.status).toBe(200);
    expect(Object.getPrototypeOf(customer.body)).toBe(Object.prototype);
    const exported = JSON.parse(await exportPack(listTemplates()[0]!)) as Record<string, unknown>;
    // Directly in the pack section the digests do not cover it: the importer must still refuse it.
    const tampered = JSON.stringify(exported).replace('"pack":{', '"pack":{"__proto__":{"polluted":1},');
    const imported = await t.call('POST', '/v1/templates/import', { body: tampered, headers: { 'content-type': 'application/json' } });
    expect(imported.status).toBe(422);
    expect(imported.body.error.diagnostics[0].code).toBe('reserved-key');
    expect(polluted()).toBeUndefined();
  });
});

describe('path traversal', () => {
  it('journey, template, customer and version ids that climb out are refused, and the editor serves no file outside its folder', async () => {
    for (const path of ['/v1/journeys/..%2F..%2Fpackage.json', '/v1/journeys/%2e%2e', '/v1/templates/..%2Fpackage.json', '/v1/templates/..%2F..%2Fpackage.json/export', '/v1/journeys/dormancy-ladder/versions/..%2F1']) {
      const res = await t.call('GET', path);
      expect([400, 404], path).toContain(res.status);
      expect(res.text).not.toContain('"devDependencies"');
    }
    const create = await t.call('POST', '/v1/journeys', { body: { document: { ...JSON.parse(JSON.stringify(listTemplates()[0]!.journeys[0])), id: '../../evil' } } });
    expect([400, 422]).toContain(create.status);
    expect(JourneyDocument.safeParse({ ...listTemplates()[0]!.journeys[0], id: '../x' }).success).toBe(false);
    expect(Pack.safeParse({ ...listTemplates()[0]!, id: '../../x' }).success).toBe(false);

    const dist = mkdtempSync(join(tmpdir(), 'ls-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>editor</title>');
    writeFileSync(join(dist, '..', 'secret-outside-dist.txt'), 'TOP SECRET');
    const { mountEditorPage } = await import('../../runtime/server/editor-page.ts');
    const { app, close } = await appWith({});
    mountEditorPage(app, dist);
    for (const path of ['/../secret-outside-dist.txt', '/%2e%2e/secret-outside-dist.txt', '/assets/..%2f..%2fsecret-outside-dist.txt', '/..%5csecret-outside-dist.txt']) {
      const res = await app.request(path);
      expect(await res.text(), path).not.toContain('TOP SECRET');
    }
    await close();
    rmSync(join(dist, '..', 'secret-outside-dist.txt'), { force: true });
    rmSync(dist, { recursive: true, force: true });
  });
});

describe('size limits', () => {
  it('refuses a body over the limit with 413 and a batch over 500 messages with 400, naming the limit', async () => {
    const big = await t.call('POST', '/v1/batch', { key: t.keys.ingest, body: JSON.stringify({ batch: [{ type: 'track', userId: 'u', event: 'e', properties: { x: 'y'.repeat(5 * 1024 * 1024) } }] }), headers: { 'content-type': 'application/json' } });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('payload_too_large');
    const many = await t.call('POST', '/v1/batch', { key: t.keys.ingest, body: { batch: Array.from({ length: 501 }, (_, i) => ({ type: 'track', userId: 'u', event: 'e', messageId: `big-${i}` })) } });
    expect(many.status).toBe(400);
    expect(many.body.error.message).toMatch(/500/);
    const full = await t.call('POST', '/v1/batch', { key: t.keys.ingest, body: { batch: Array.from({ length: 500 }, (_, i) => ({ type: 'track', userId: 'u', event: 'e', messageId: `ok-${i}` })) } });
    expect(full.status).toBe(200);
  });

  it('refuses bodies nested deeper than the limit (they would overflow recursive code) with 400', async () => {
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    for (const [path, body] of [
      ['/v1/track', `{"userId":"u","event":"e","properties":{"a":${deep(100_000)}}}`],
      ['/v1/identify', `{"userId":"u","traits":{"a":${deep(65)}}}`],
      ['/v1/journeys/dormancy-ladder/validate', `{"document":${deep(10_000)}}`],
      ['/v1/templates/import', `{"pack":${deep(1_000)}}`],
    ] as const) {
      const res = await t.call('POST', path, { body, headers: { 'content-type': 'application/json' } });
      expect(res.status, path).toBe(400);
      expect(res.body.error.message).toMatch(/64 levels/);
    }
    const fine = await t.call('POST', '/v1/identify', { key: t.keys.ingest, body: `{"userId":"u","traits":{"a":${deep(60)}}}`, headers: { 'content-type': 'application/json' } });
    expect(fine.status).toBe(200);
  });
});

describe('the editor page headers', () => {
  it('sends a Content-Security-Policy without inline or eval script, no framing, no sniffing, no referrer', async () => {
    const res = await fetch(`${t.base}/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values] as const));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });
});
