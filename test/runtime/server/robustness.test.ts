/** Bad input never causes a 500, the OpenAPI document is valid and complete, templates, and the editor page. */
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './server-harness.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

describe('bad input', () => {
  it('answers malformed JSON, wrong types, unknown routes and oversized bodies with 4xx JSON, and keeps serving', async () => {
    const cases: [string, string, { body?: unknown; headers?: Record<string, string> }, number][] = [
      ['POST', '/v1/track', { body: '{"event": "x", ', headers: { 'content-type': 'application/json' } }, 400],
      ['POST', '/v1/journeys', { body: '{not json', headers: { 'content-type': 'application/json' } }, 400],
      ['POST', '/v1/track', { body: { userId: 'u', event: 42 } }, 400],
      ['POST', '/v1/batch', { body: { batch: 'nope' } }, 400],
      ['POST', '/v1/batch', { body: [1, 2] }, 400],
      ['PUT', '/v1/journeys/dormancy-ladder/draft', { body: { document: 'x', baseRevision: 'one' } }, 400],
      ['POST', '/v1/journeys/dormancy-ladder/publish', { body: { policy: 'sometimes' } }, 400],
      ['POST', '/v1/journeys', { body: 'x', headers: { 'content-type': 'application/xml' } }, 415],
      ['GET', '/v1/journeys/Bad..Id', {}, 400],
      ['GET', '/v1/journeys/unknown-journey', {}, 404],
      ['GET', '/v1/customers/unknown', {}, 404],
      ['GET', '/v1/no-such-route', {}, 404],
      ['GET', '/v1/actions?limit=-5', {}, 400],
      ['POST', '/v1/track', { body: JSON.stringify({ userId: 'u', event: 'e', properties: { blob: 'x'.repeat(6 * 1024 * 1024) } }), headers: { 'content-type': 'application/json' } }, 413],
    ];
    for (const [method, path, options, status] of cases) {
      const res = await t.call(method, path, options);
      expect(res.status, `${method} ${path}`).toBe(status);
      expect(res.body?.error?.code, `${method} ${path}: ${res.text.slice(0, 200)}`).toEqual(expect.any(String));
      expect(typeof res.body.error.message).toBe('string');
    }
    expect((await t.call('GET', '/v1/health', { key: null })).status).toBe(200);
  });

  it('points at the field that is wrong', async () => {
    const res = await t.call('POST', '/v1/batch', { key: t.keys.ingest, body: { batch: [{ type: 'track', userId: 'u', event: 'ok' }, { type: 'track', userId: 'u' }] } });
    expect(res.status).toBe(400);
    expect(res.body.error.path).toBe('body.batch[1].event');
  });

  it('keeps __proto__ keys inert', async () => {
    const body = '{"userId":"proto","event":"e","messageId":"p1","properties":{"__proto__":{"polluted":true}}}';
    const res = await t.call('POST', '/v1/track', { key: t.keys.ingest, body, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('OpenAPI', () => {
  it('is a valid OpenAPI 3.1 document that lists every route', async () => {
    const res = await t.call('GET', '/v1/openapi.json', { key: null });
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const result = await new Validator().validate(res.body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const routes = Object.entries(res.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes.sort()).toEqual(
      [
        'GET /v1/health',
        'GET /v1/me',
        'GET /v1/keys',
        'POST /v1/keys',
        'DELETE /v1/keys/{keyId}',
        'POST /v1/track',
        'POST /v1/identify',
        'POST /v1/batch',
        'GET /v1/journeys',
        'POST /v1/journeys',
        'GET /v1/journeys/{id}',
        'PUT /v1/journeys/{id}/draft',
        'POST /v1/journeys/{id}/validate',
        'POST /v1/journeys/{id}/publish',
        'POST /v1/journeys/{id}/pause',
        'POST /v1/journeys/{id}/resume',
        'POST /v1/journeys/{id}/archive',
        'POST /v1/journeys/{id}/duplicate',
        'GET /v1/journeys/{id}/versions',
        'GET /v1/journeys/{id}/versions/{v}',
        'GET /v1/journeys/{id}/diff',
        'GET /v1/journeys/{id}/stats',
        'GET /v1/customers/{id}',
        'GET /v1/customers/{id}/timeline',
        'GET /v1/actions',
        'POST /v1/actions/ack',
        'GET /v1/webhooks/dead-letters',
        'POST /v1/webhooks/dead-letters/{id}/retry',
        'GET /v1/tasks',
        'POST /v1/tasks/{id}/complete',
        'POST /v1/tasks/{id}/postpone',
        'GET /v1/templates',
        'GET /v1/templates/{id}',
        'GET /v1/templates/{id}/cohort',
        'GET /v1/templates/{id}/export',
        'POST /v1/templates/import',
      ].sort(),
    );
    expect(res.body.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});

describe('templates', () => {
  it('lists packs and shows one with notes, params and journeys', async () => {
    const list = await t.call('GET', '/v1/templates', { key: t.keys.viewer });
    expect(list.body.templates.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining(['k12-five-stage', 'aarrr', 'dormancy-ladder']));
    const one = await t.call('GET', '/v1/templates/dormancy-ladder');
    expect(one.body.stages.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining(['active', 'silent', 'sleeping', 'lost']));
    expect(one.body.notes.silent.purpose.zh).toEqual(expect.any(String));
    expect(one.body.params.silentAfterDays.default).toBe(45);
    expect(one.body.documents[0].id).toBe('dormancy-ladder');
    expect((await t.call('GET', '/v1/templates/nope')).status).toBe(404);
  });

  it('exports one file and previews, then installs, an import without overwriting', async () => {
    const exported = await t.call('GET', '/v1/templates/aarrr/export');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toContain('attachment');
    expect(exported.body.format).toBe('lifecycle-studio/pack');
    const preview = await t.call('POST', '/v1/templates/import', { key: t.keys.operator, body: exported.body });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ dryRun: true, installed: [], preview: { added: [{ journeyId: 'aarrr', version: 1 }] } });
    expect((await t.call('GET', '/v1/journeys/aarrr')).body.liveVersion).toBeNull();
    const installed = await t.call('POST', '/v1/templates/import?dryRun=false', { body: exported.body });
    expect(installed.body.installed).toEqual([{ journeyId: 'aarrr', version: 1 }]);
    expect((await t.call('GET', '/v1/journeys/aarrr')).body).toMatchObject({ status: 'paused', liveVersion: 1 });
    const again = await t.call('POST', '/v1/templates/import', { body: exported.body });
    expect(again.body.preview.unchanged).toEqual([{ journeyId: 'aarrr', version: 1 }]);
    expect((await t.call('POST', '/v1/templates/import', { key: t.keys.viewer, body: exported.body })).status).toBe(403);
  });

  it('refuses a tampered pack with 422 and says why', async () => {
    const exported = (await t.call('GET', '/v1/templates/dormancy-ladder/export')).body;
    exported.pack.description.en = 'tampered';
    const res = await t.call('POST', '/v1/templates/import', { body: exported });
    expect(res.status).toBe(422);
    expect(res.body.error.diagnostics.length).toBeGreaterThan(0);
  });
});

describe('the editor page', () => {
  it('serves a page at / with a strict Content-Security-Policy, and the API stays JSON', async () => {
    const res = await fetch(`${t.base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const deep = await fetch(`${t.base}/journeys/dormancy-ladder`);
    expect(deep.status).toBe(200);
    const api = await fetch(`${t.base}/v1/nothing-here`);
    expect(api.headers.get('content-type')).toContain('application/json');
  });
});
