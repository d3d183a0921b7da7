/** Bodies read straight from Node's request (the server's fast path) get exactly the answers of the web-standard path (`app.request`). */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RealClock } from '../../../runtime/clock/clock.ts';
import { createRuntime, type Runtime } from '../../../runtime/runtime.ts';
import { createApp } from '../../../runtime/server/app.ts';
import { ensureAdminKey } from '../../../runtime/server/auth/first-admin-key.ts';
import { listen, type Listening } from '../../../runtime/server/listen.ts';
import { MemoryStore } from '../../../runtime/store/memory.ts';

const ADMIN_KEY = 'body-test-admin-key-0123456789abcdef';
const MAX_BODY_BYTES = 4096;

interface Answer {
  status: number;
  body: unknown;
  cacheControl: string | null;
  nosniff: string | null;
}

/** One app on its own memory store and runtime, so both paths see the same history. */
async function startApp(): Promise<{ app: ReturnType<typeof createApp>; runtime: Runtime }> {
  const store = new MemoryStore();
  const runtime = createRuntime({ store, clock: new RealClock() });
  await runtime.ready;
  await ensureAdminKey(store, { envKey: ADMIN_KEY, now: Date.now() });
  return { app: createApp({ store, runtime, maxBodyBytes: MAX_BODY_BYTES, log: () => {} }), runtime };
}

let served: Awaited<ReturnType<typeof startApp>>;
let inProcess: Awaited<ReturnType<typeof startApp>>;
let listening: Listening;

beforeAll(async () => {
  served = await startApp();
  inProcess = await startApp();
  listening = await listen(served.app.fetch, { port: 0, hostname: '127.0.0.1' });
});
afterAll(async () => {
  await listening.close();
  await served.runtime.close();
  await inProcess.runtime.close();
});

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** Over loopback; with `chunked`, no Content-Length and the body in the given pieces. */
function overHttp(path: string, contentType: string, pieces: Buffer[], chunked: boolean): Promise<Answer> {
  const body = Buffer.concat(pieces);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: listening.port,
        path,
        method: 'POST',
        headers: { 'content-type': contentType, authorization: `Bearer ${ADMIN_KEY}`, ...(chunked ? {} : { 'content-length': String(body.length) }) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: parse(Buffer.concat(chunks).toString('utf8')),
            cacheControl: (res.headers['cache-control'] as string | undefined) ?? null,
            nosniff: (res.headers['x-content-type-options'] as string | undefined) ?? null,
          }),
        );
      },
    );
    req.on('error', reject);
    for (const piece of chunked ? pieces : [body]) req.write(piece);
    req.end();
  });
}

async function viaAppRequest(path: string, contentType: string, pieces: Buffer[]): Promise<Answer> {
  const res = await inProcess.app.request(path, { method: 'POST', headers: { 'content-type': contentType, authorization: `Bearer ${ADMIN_KEY}` }, body: Buffer.concat(pieces) });
  return { status: res.status, body: parse(await res.text()), cacheControl: res.headers.get('cache-control'), nosniff: res.headers.get('x-content-type-options') };
}

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
const track = (messageId: string, event = 'purchase'): string => JSON.stringify({ userId: 'u1', event, messageId, properties: { amount: 5 } });
/** Splits a body into pieces of `size` bytes (multi-byte characters end up cut in two). */
const cut = (body: Buffer, size: number): Buffer[] => Array.from({ length: Math.ceil(body.length / size) }, (_, i) => body.subarray(i * size, (i + 1) * size));

const CASES: { name: string; path: string; type?: string; pieces: Buffer[]; status: number }[] = [
  { name: 'a valid track', path: '/v1/track', pieces: [utf8(track('a1'))], status: 200 },
  { name: 'a byte-order mark before the JSON', path: '/v1/track', pieces: [Buffer.from([0xef, 0xbb, 0xbf]), utf8(track('a2'))], status: 200 },
  { name: 'a Chinese event name cut inside its characters', path: '/v1/track', pieces: cut(utf8(track('a3', '购买课程')), 3), status: 200 },
  { name: 'bytes that are not UTF-8 inside a string', path: '/v1/track', pieces: [utf8('{"userId":"u1","event":"'), Buffer.from([0xff, 0xfe]), utf8('x","messageId":"a4"}')], status: 200 },
  { name: 'malformed JSON', path: '/v1/track', pieces: [utf8('{"userId":"u1",')], status: 400 },
  { name: 'an empty body', path: '/v1/track', pieces: [], status: 400 },
  { name: 'a body that fails the schema', path: '/v1/batch', pieces: [utf8(JSON.stringify({ batch: [{ type: 'track', userId: 'u1' }] }))], status: 400 },
  { name: 'a body over the limit', path: '/v1/track', pieces: [utf8(track('a5', 'e'.repeat(MAX_BODY_BYTES)))], status: 413 },
  { name: 'nesting deeper than the limit', path: '/v1/identify', pieces: [utf8(`{"userId":"u","traits":{"a":${'['.repeat(80)}${']'.repeat(80)}}}`)], status: 400 },
  { name: 'a JSON body sent as text/plain', path: '/v1/track', type: 'text/plain', pieces: [utf8(track('a6'))], status: 415 },
  { name: 'a JSON type with parameters', path: '/v1/track', type: 'application/json; charset=utf-8', pieces: [utf8(track('a7'))], status: 200 },
];

describe('bodies over real HTTP', () => {
  for (const { name, path, type = 'application/json', pieces, status } of CASES) {
    it(`${name}: the same answer as in process, with and without Content-Length`, async () => {
      const expected = await viaAppRequest(path, type, pieces);
      expect(expected.status).toBe(status);
      const sized = await overHttp(path, type, pieces, false);
      // The in-process app has seen this message once now, like the served one after its first answer.
      const chunked = await overHttp(path, type, pieces.length === 0 ? [] : pieces, true);
      expect(sized).toEqual(expected);
      expect(chunked.status).toBe(status === 200 ? 200 : expected.status);
      if (status !== 200) expect(chunked).toEqual(expected);
      else expect(chunked.body).toEqual({ success: true, accepted: 0, deduplicated: 1 });
    });
  }

  it('refuses a chunked body once it grows past the limit, without a Content-Length to go by', async () => {
    const big = utf8(track('b1', 'e'.repeat(MAX_BODY_BYTES * 2)));
    const answer = await overHttp('/v1/track', 'application/json', cut(big, 1000), true);
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('marks every API answer, success and error, as not cacheable and not to be sniffed', async () => {
    for (const pieces of [[utf8(track('c1'))], [utf8('{')]]) {
      const answer = await overHttp('/v1/track', 'application/json', pieces, false);
      expect(answer.cacheControl).toBe('no-store');
      expect(answer.nosniff).toBe('nosniff');
    }
  });
});
