/** Journey routes through the real server: create (JSON, text, template), drafts with revisions, validate, publish, status, versions, diff. */
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

const doc = onboardingJourney('https://example.invalid/hook', 'welcome');

describe('creating journeys', () => {
  it('creates from a JSON document and shows draft, text and diagnostics', async () => {
    const res = await t.call('POST', '/v1/journeys', { key: t.keys.operator, body: { document: doc } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: 'welcome', status: 'draft', draftRevision: 1, liveVersion: null });
    expect(res.body.draft.text).toContain('journey welcome');
    expect(res.body.draft.diagnostics.filter((d: { severity: string }) => d.severity === 'error')).toEqual([]);
    const again = await t.call('POST', '/v1/journeys', { key: t.keys.operator, body: { document: doc } });
    expect(again.status).toBe(409);
  });

  it('creates from the text form sent as text/plain', async () => {
    const text = (await t.call('GET', '/v1/journeys/welcome')).body.draft.text.replace('journey welcome', 'journey welcome-text');
    const res = await t.call('POST', '/v1/journeys', { body: text, headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(201);
    expect(res.body.id).toBe('welcome-text');
    const broken = await t.call('POST', '/v1/journeys', { body: 'journey ??? {', headers: { 'content-type': 'text/plain' } });
    expect(broken.status).toBe(422);
    expect(broken.body.error.diagnostics[0].span.line).toBe(1);
  });

  it('creates from a template with params', async () => {
    const res = await t.call('POST', '/v1/journeys', { body: { fromTemplate: 'dormancy-ladder', params: { silentAfterDays: 50 }, id: 'ladder-vip' } });
    expect(res.status).toBe(201);
    expect(res.body.draft.document.params.silentAfterDays.default).toBe(50);
    const bad = await t.call('POST', '/v1/journeys', { body: { fromTemplate: 'dormancy-ladder', params: { nope: 1 }, id: 'ladder-x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.path).toBe('body.params.nope');
    expect((await t.call('POST', '/v1/journeys', { body: { fromTemplate: 'no-such-template' } })).status).toBe(404);
  });

  it('lists with search and status filters (templates are preloaded as drafts)', async () => {
    const all = await t.call('GET', '/v1/journeys', { key: t.keys.viewer });
    const ids = all.body.journeys.map((j: { id: string }) => j.id);
    expect(ids).toEqual(expect.arrayContaining(['welcome', 'dormancy-ladder', 'aarrr', 'k12-five-stage']));
    const searched = await t.call('GET', '/v1/journeys?q=onboard');
    expect(searched.body.journeys.map((j: { id: string }) => j.id).sort()).toEqual(['welcome', 'welcome-text']);
    const live = await t.call('GET', '/v1/journeys?status=live');
    expect(live.body.journeys.every((j: { status: string }) => j.status === 'live')).toBe(true);
    expect((await t.call('GET', '/v1/journeys?status=bogus')).status).toBe(400);
  });
});

describe('drafts, validation and publishing', () => {
  it('refuses a save from a stale revision with 409 conflict', async () => {
    const first = await t.call('PUT', '/v1/journeys/welcome/draft', { key: t.keys.operator, body: { document: { ...doc, description: { zh: '一', en: 'one' } }, baseRevision: 1 } });
    expect(first.status).toBe(200);
    expect(first.body.draftRevision).toBe(2);
    const stale = await t.call('PUT', '/v1/journeys/welcome/draft', { key: t.keys.operator, body: { document: doc, baseRevision: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('conflict');
    const wrongId = await t.call('PUT', '/v1/journeys/welcome/draft', { body: { document: { ...doc, id: 'other' }, baseRevision: 2 } });
    expect(wrongId.status).toBe(400);
  });

  it('saves a draft given as text', async () => {
    const current = (await t.call('GET', '/v1/journeys/welcome')).body;
    const res = await t.call('PUT', '/v1/journeys/welcome/draft', { body: { text: current.draft.text, baseRevision: current.draftRevision } });
    expect(res.status).toBe(200);
    expect(res.body.draft.document.id).toBe('welcome');
  });

  it('validates a body or the saved draft', async () => {
    const broken = { ...doc, nodes: doc.nodes.map((n) => (n.id === 's_active' ? { ...n, next: 'missing' } : n)) };
    const res = await t.call('POST', '/v1/journeys/welcome/validate', { key: t.keys.viewer, body: { document: broken } });
    expect(res.status).toBe(200);
    expect(res.body.diagnostics.some((d: { severity: string; nodeId?: string }) => d.severity === 'error' && d.nodeId === 's_active')).toBe(true);
    const saved = await t.call('POST', '/v1/journeys/welcome/validate', { key: t.keys.viewer });
    expect(saved.status).toBe(200);
    expect(saved.body.diagnostics.filter((d: { severity: string }) => d.severity === 'error')).toEqual([]);
  });

  it('publishes numbered versions, refuses drafts with errors (422) and diffs versions', async () => {
    const v1 = await t.call('POST', '/v1/journeys/welcome/publish', { key: t.keys.operator, body: { policy: 'finish' } });
    expect(v1.status).toBe(200);
    expect(v1.body).toMatchObject({ version: 1, journey: { status: 'live', liveVersion: 1 } });

    const current = (await t.call('GET', '/v1/journeys/welcome')).body;
    const broken = { ...doc, nodes: doc.nodes.map((n) => (n.id === 's_active' ? { ...n, next: 'missing' } : n)) };
    const saved = await t.call('PUT', '/v1/journeys/welcome/draft', { body: { document: broken, baseRevision: current.draftRevision } });
    const refused = await t.call('POST', '/v1/journeys/welcome/publish', { body: { policy: 'finish' } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.diagnostics.length).toBeGreaterThan(0);

    const renamed = { ...doc, name: { zh: '欢迎', en: 'Welcome' } };
    await t.call('PUT', '/v1/journeys/welcome/draft', { body: { document: renamed, baseRevision: saved.body.draftRevision } });
    const v2 = await t.call('POST', '/v1/journeys/welcome/publish', { body: { policy: 'migrate', migrate: {} } });
    expect(v2.status).toBe(200);
    expect(v2.body.version).toBe(2);

    const versions = await t.call('GET', '/v1/journeys/welcome/versions', { key: t.keys.viewer });
    expect(versions.body.versions.map((v: { version: number; policy: string }) => [v.version, v.policy])).toEqual([
      [1, 'finish'],
      [2, 'migrate'],
    ]);
    const one = await t.call('GET', '/v1/journeys/welcome/versions/1');
    expect(one.body.document.version).toBe(1);
    expect(one.body.text).toContain('journey welcome');
    expect((await t.call('GET', '/v1/journeys/welcome/versions/9')).status).toBe(404);

    const diff = await t.call('GET', '/v1/journeys/welcome/diff?from=1&to=2');
    expect(diff.status).toBe(200);
    expect(diff.body.format).toBe('text');
    expect(diff.body.diff).toMatch(/^--- welcome v1\n\+\+\+ welcome v2\n@@/);
    expect(diff.body.diff).toContain('+name zh "欢迎" en "Welcome"');
    const same = await t.call('GET', '/v1/journeys/welcome/diff?from=2&to=draft');
    expect(same.body.diff).not.toMatch(/^[+-]name/m);
    expect((await t.call('GET', '/v1/journeys/welcome/diff?from=1')).status).toBe(400);
  });

  it('refuses a migrate mapping that leaves removed nodes unmapped', async () => {
    const current = (await t.call('GET', '/v1/journeys/welcome')).body;
    const shorter = {
      ...doc,
      nodes: doc.nodes.filter((n) => n.id !== 'x_timeout').map((n) => (n.id === 'w_call' ? { ...n, timeoutNext: 'x_done' } : n)),
    };
    await t.call('PUT', '/v1/journeys/welcome/draft', { body: { document: shorter, baseRevision: current.draftRevision } });
    const unmapped = await t.call('POST', '/v1/journeys/welcome/publish', { body: { policy: 'migrate' } });
    expect(unmapped.status).toBe(400);
    expect(unmapped.body.error.message).toContain('x_timeout');
    const badTarget = await t.call('POST', '/v1/journeys/welcome/publish', { body: { policy: 'migrate', migrate: { x_timeout: 'nowhere' } } });
    expect(badTarget.status).toBe(400);
    const ok = await t.call('POST', '/v1/journeys/welcome/publish', { body: { policy: 'migrate', migrate: { x_timeout: 'x_done' } } });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(3);
  });

  it('pauses, resumes, duplicates and archives', async () => {
    expect((await t.call('POST', '/v1/journeys/welcome/resume')).status).toBe(409);
    expect((await t.call('POST', '/v1/journeys/welcome/pause', { key: t.keys.viewer })).status).toBe(403);
    expect((await t.call('POST', '/v1/journeys/welcome/pause', { key: t.keys.operator })).body.status).toBe('paused');
    expect((await t.call('POST', '/v1/journeys/welcome/resume')).body.status).toBe('live');
    const copy = await t.call('POST', '/v1/journeys/welcome/duplicate');
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({ id: 'welcome-copy', status: 'draft' });
    expect(copy.body.name.en).toContain('(copy)');
    const named = await t.call('POST', '/v1/journeys/welcome/duplicate', { body: { id: 'welcome-b' } });
    expect(named.body.id).toBe('welcome-b');
    expect((await t.call('POST', '/v1/journeys/welcome-copy/archive')).body.status).toBe('archived');
    const frozen = await t.call('PUT', '/v1/journeys/welcome-copy/draft', { body: { document: { ...doc, id: 'welcome-copy' }, baseRevision: 1 } });
    expect(frozen.status).toBe(409);
  });

  it('answers 404 for an unknown journey on every journey route', async () => {
    for (const [method, path, body] of [
      ['GET', '/v1/journeys/nope', undefined],
      ['PUT', '/v1/journeys/nope/draft', { document: { id: 'nope' }, baseRevision: 1 }],
      ['POST', '/v1/journeys/nope/validate', undefined],
      ['POST', '/v1/journeys/nope/publish', { policy: 'finish' }],
      ['POST', '/v1/journeys/nope/pause', undefined],
      ['POST', '/v1/journeys/nope/duplicate', undefined],
      ['GET', '/v1/journeys/nope/versions', undefined],
      ['GET', '/v1/journeys/nope/versions/1', undefined],
      ['GET', '/v1/journeys/nope/diff?from=1&to=2', undefined],
      ['GET', '/v1/journeys/nope/stats', undefined],
      ['GET', '/v1/journeys/constructor', undefined],
    ] as const) {
      const res = await t.call(method, path, { body });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
  });
});
