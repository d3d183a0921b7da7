/** Fuzz targets for every API route: random and near-valid bodies, queries and path params, generated from the OpenAPI document. */
import fc from 'fast-check';
import { issueKey } from '../../../runtime/server/auth/api-key.ts';
import type { Role } from '../../../runtime/server/auth/api-key.ts';
import { createApp } from '../../../runtime/server/app.ts';
import { RealClock } from '../../../runtime/clock/clock.ts';
import { createRuntime } from '../../../runtime/runtime.ts';
import { MemoryStore } from '../../../runtime/store/memory.ts';
import { exportPack } from '../../../dsl/pack/index.ts';
import { JourneyDocument } from '../../../dsl/schema/document.ts';
import { printJourneyText } from '../../../dsl/text/index.ts';
import { listTemplates } from '../../../templates/index.ts';
import { onboardingJourney } from '../../runtime/server/fixture-journey.ts';
import { hostileStringArb, hostileValueArb, mutatedTextArb, mutatedValueArb, toJson } from './mutations.ts';
import { assertNoPollution, HANG_LIMIT_MS, type FuzzTarget } from './target.ts';

/** Sends one request to the server under test (in process or over loopback). */
export type Transport = (path: string, init: RequestInit) => Promise<Response>;

export interface Operation {
  method: string;
  /** OpenAPI path, e.g. `/v1/journeys/{id}`. */
  path: string;
  pathParams: string[];
  queryParams: string[];
}

/** Every operation the OpenAPI document lists. @example operationsOf(await (await app.request('/v1/openapi.json')).json()) */
export function operationsOf(openapi: { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>> }): Operation[] {
  return Object.entries(openapi.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      pathParams: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
      queryParams: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
    })),
  );
}

const templates = listTemplates();
const sampleJourney = onboardingJourney('https://hooks.example.com/x', 'fuzz-journey');
const sampleText = printJourneyText(JourneyDocument.parse(sampleJourney));

/** Near-valid bodies for the routes that take one, keyed by `METHOD path`. */
async function bodySeeds(): Promise<Record<string, unknown[]>> {
  const pack = JSON.parse(await exportPack(templates[0]!)) as unknown;
  const track = { type: 'track', userId: 'u1', event: 'signup', messageId: 'fz-1', timestamp: '2030-01-01T00:00:00Z', properties: { amount: 5 } };
  const identify = { type: 'identify', userId: 'u1', traits: { grade: '3', tags: ['a'] } };
  return {
    'POST /v1/track': [track],
    'POST /v1/identify': [identify],
    'POST /v1/batch': [{ batch: [track, identify] }],
    'POST /v1/keys': [{ name: 'fuzz', role: 'viewer' }],
    'POST /v1/journeys': [{ document: sampleJourney }, { text: sampleText }, { template: 'dormancy-ladder', id: 'copy-1', params: { silentAfterDays: 30 } }],
    'PUT /v1/journeys/{id}/draft': [{ document: sampleJourney, baseRevision: 1 }, { text: sampleText, baseRevision: 0 }],
    'POST /v1/journeys/{id}/validate': [{ document: sampleJourney }, { text: 'journey x version 1' }],
    'POST /v1/journeys/{id}/publish': [{ policy: 'finish' }, { policy: 'migrate', params: { silentAfterDays: '30' }, baseRevision: 1 }],
    'POST /v1/journeys/{id}/duplicate': [{ id: 'dup-1' }],
    'POST /v1/actions/ack': [{ consumer: 'crm', cursor: 3 }, { consumer: 'crm', ids: ['a', 'b'] }],
    'POST /v1/tasks/{id}/complete': [{}, { note: 'done' }],
    'POST /v1/tasks/{id}/postpone': [{ by: '2d' }, { until: '2030-01-01T00:00:00Z' }],
    'POST /v1/templates/import': [pack],
  };
}

/** encodeURIComponent, except that lone surrogates become the bytes of an invalid UTF-8 sequence (hostile input too). */
const encode = (text: string): string => text.split(/([\uD800-\uDFFF])/).map((part, i) => (i % 2 === 1 ? '%ED%A0%80' : encodeURIComponent(part))).join('');

const PATH_VALUES = ['dormancy-ladder', 'aarrr', 'k12-five-stage', 'fuzz-journey', 'u1', '1', '2', 'draft', 'none', '0', '-1', '99999999999999999999'];

const pathValueArb = fc.oneof(
  fc.constantFrom(...PATH_VALUES).map(encode),
  hostileStringArb.map(encode),
  fc.constantFrom('..', '%2e%2e', '..%2f..%2fetc%2fpasswd', '%00', '%', '%zz', ' ', 'a/b'),
);

const queryValueArb = fc.oneof(fc.constantFrom('1', '0', '-5', '1000', '1001', 'true', 'false', 'abc', '', '1e3', 'NaN', '2', 'open', 'done'), hostileStringArb);

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

function requestArb(operations: Operation[], seeds: Record<string, unknown[]>, keys: Record<Role, string>): fc.Arbitrary<FuzzRequest> {
  return fc.constantFrom(...operations).chain((op) => {
    const bodySeed = seeds[`${op.method} ${op.path}`];
    const jsonValues = bodySeed ? fc.oneof({ weight: 4, arbitrary: mutatedValueArb(bodySeed) }, fc.constantFrom(...bodySeed), hostileValueArb) : hostileValueArb;
    const bodyArb: fc.Arbitrary<string | undefined> = fc.oneof(
      { weight: 6, arbitrary: jsonValues.map(toJson) },
      { weight: 2, arbitrary: mutatedTextArb(bodySeed ? bodySeed.map(toJson) : ['{}']) },
      { weight: 1, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
    );
    const params = fc.tuple(...op.pathParams.map(() => pathValueArb));
    const query = fc.array(fc.tuple(fc.oneof(op.queryParams.length > 0 ? fc.constantFrom(...op.queryParams) : fc.constant('x'), fc.constantFrom('limit', 'cursor', '__proto__', 'x')), queryValueArb), { maxLength: 3 });
    const keyArb = fc.oneof({ weight: 8, arbitrary: fc.constant(keys.admin) }, fc.constantFrom(keys.operator, keys.viewer, keys.ingest), fc.constant(undefined), fc.constantFrom('garbage', 'ls_x_y', keys.admin.slice(0, -1)));
    const typeArb = fc.oneof({ weight: 8, arbitrary: fc.constant('application/json') }, fc.constantFrom(undefined, 'text/plain', 'application/xml', 'application/json; charset=latin1', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded'));
    const methodArb = fc.oneof({ weight: 12, arbitrary: fc.constant(op.method) }, fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'));
    return fc.record({ params, query, body: bodyArb, key: keyArb, type: typeArb, method: methodArb }).map(({ params, query, body, key, type, method }) => {
      let path = op.path;
      op.pathParams.forEach((name, i) => (path = path.replace(`{${name}}`, params[i]!)));
      if (query.length > 0) path += `?${query.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')}`;
      const headers: Record<string, string> = {};
      if (key !== undefined) headers['authorization'] = `Bearer ${key}`;
      if (type !== undefined) headers['content-type'] = type;
      const withBody = body !== undefined && method !== 'GET' && method !== 'HEAD';
      return { method, path, headers, ...(withBody ? { body } : {}) };
    });
  });
}

const STACK = /\n\s+at .+[:(]\d+:\d+|node_modules|\.ts:\d+/;

/**
 * Throws unless the answer is a clear one: below 500, JSON with `error.code` and `error.message` for every
 * error, no stack trace anywhere, in time.
 */
export async function assertCleanAnswer(request: FuzzRequest, send: Transport): Promise<number> {
  const label = `${request.method} ${request.path}`;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${label}: no answer within ${HANG_LIMIT_MS} ms`)), HANG_LIMIT_MS)));
  try {
    const response = await Promise.race([send(request.path, { method: request.method, headers: request.headers, ...(request.body === undefined ? {} : { body: request.body }) }), timeout]);
    const text = await Promise.race([response.text(), timeout]);
    if (response.status >= 500) throw new Error(`${label}: ${response.status} ${text.slice(0, 300)} (body ${request.body?.slice(0, 200)})`);
    if (STACK.test(text)) throw new Error(`${label}: a stack trace in the answer: ${text.slice(0, 300)}`);
    if (response.status >= 400 && request.method !== 'HEAD') {
      let body: { error?: { code?: unknown; message?: unknown } } | undefined;
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        throw new Error(`${label}: ${response.status} without a JSON body: ${text.slice(0, 200)}`);
      }
      if (typeof body?.error?.code !== 'string' || typeof body.error.message !== 'string' || body.error.message === '') {
        throw new Error(`${label}: ${response.status} without error.code and error.message: ${text.slice(0, 200)}`);
      }
    }
    return response.status;
  } finally {
    clearTimeout(timer);
  }
}

export interface ApiUnderFuzz {
  send: Transport;
  /** Answers seen, by status: shows the fuzz reaches handlers (2xx) and not only validation (4xx). */
  statuses?: Map<number, number>;
  keys: Record<Role, string>;
  /** Bugs the server logged (every client mistake is answered without logging). */
  loggedErrors: unknown[];
  close(): Promise<void>;
}

/** The app in process, on a memory store, with a key per role and a few journeys and customers. @example const api = await inProcessApi(); */
export async function inProcessApi(): Promise<ApiUnderFuzz> {
  const store = new MemoryStore();
  const runtime = createRuntime({ store, clock: new RealClock(), onError: () => {} });
  await runtime.ready;
  const loggedErrors: unknown[] = [];
  const app = createApp({ store, runtime, log: (message, error) => void (error !== undefined && loggedErrors.push({ message, error })) });
  const keys = {} as Record<Role, string>;
  for (const role of ['admin', 'operator', 'viewer', 'ingest'] as const) {
    const issued = issueKey();
    await store.createApiKey({ id: issued.id, name: role, role, hash: issued.hash, createdAt: Date.now() });
    keys[role] = issued.key;
  }
  for (const pack of templates) for (const journey of pack.journeys) await store.saveDraft(journey.id, journey, { expectedRevision: 0 });
  const send: Transport = (path, init) => Promise.resolve(app.request(path, init));
  await seedState(send, keys.admin);
  return { send, keys, loggedErrors, close: () => runtime.close() };
}

/** A live journey, customers with timelines and tasks, so that reads and task routes reach their handlers with real data. */
export async function seedState(send: Transport, adminKey: string): Promise<void> {
  const headers = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' };
  const post = async (path: string, body: unknown) => {
    const res = await send(path, { method: 'POST', headers, body: JSON.stringify(body) });
    if (res.status >= 300) throw new Error(`seeding ${path}: ${res.status} ${await res.text()}`);
  };
  await post('/v1/journeys', { document: sampleJourney });
  await post('/v1/journeys/fuzz-journey/publish', { policy: 'finish' });
  await post('/v1/journeys/dormancy-ladder/publish', { policy: 'finish' });
  await post('/v1/batch', { batch: Array.from({ length: 5 }, (_, i) => ({ type: 'track', userId: `u${i}`, event: 'signup', messageId: `seed-${i}` })) });
}

/** The API target over a transport. @example apiTarget('API routes (in process)', await inProcessApi(), operations) */
export async function apiTarget(name: string, api: ApiUnderFuzz, weight: number): Promise<FuzzTarget> {
  const openapi = (await (await api.send('/v1/openapi.json', {})).json()) as Parameters<typeof operationsOf>[0];
  const operations = operationsOf(openapi);
  const seeds = await bodySeeds();
  return {
    name,
    weight,
    property: () =>
      fc.asyncProperty(requestArb(operations, seeds, api.keys), async (request) => {
        const status = await assertCleanAnswer(request, api.send);
        api.statuses?.set(status, (api.statuses.get(status) ?? 0) + 1);
        if (api.loggedErrors.length > 0) throw new Error(`${request.method} ${request.path}: the server logged ${JSON.stringify(api.loggedErrors.splice(0), (_k, v) => (v instanceof Error ? v.stack : v))}`);
        assertNoPollution(`${request.method} ${request.path}`);
        return true;
      }),
    close: () => api.close(),
  };
}
