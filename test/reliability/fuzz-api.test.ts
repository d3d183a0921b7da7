/** The npm-test slice of the API fuzz: every route in process, and a smaller run over a real loopback server. */
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { startServer } from '../../runtime/server/start.ts';
import { issueKey, type Role } from '../../runtime/server/auth/api-key.ts';
import { apiTarget, inProcessApi, seedState, type ApiUnderFuzz } from './fuzz/api-targets.ts';

/** The real server on 127.0.0.1 (memory store), reached with fetch. */
async function loopbackApi(): Promise<ApiUnderFuzz> {
  const loggedErrors: unknown[] = [];
  const server = await startServer({ port: 0, editorDir: '/nonexistent-editor-dist', log: (message, error) => void (error !== undefined && loggedErrors.push({ message, error })) });
  const keys = { admin: server.adminKey!.key } as Record<Role, string>;
  for (const role of ['operator', 'viewer', 'ingest'] as const) {
    const issued = issueKey();
    await server.store.createApiKey({ id: issued.id, name: role, role, hash: issued.hash, createdAt: Date.now() });
    keys[role] = issued.key;
  }
  const base = `http://127.0.0.1:${server.port}`;
  const send = (path: string, init: RequestInit) => fetch(`${base}${path}`, init);
  await seedState(send, keys.admin);
  return { send, keys, loggedErrors, close: () => server.close() };
}

const inProcess = await apiTarget('API routes (in process)', await inProcessApi(), 1);
const loopback = await apiTarget('API routes (loopback)', await loopbackApi(), 1);
afterAll(async () => {
  await inProcess.close?.();
  await loopback.close?.();
});

describe('fuzz slice: API', () => {
  it('every route answers random and near-valid requests with a clear 4xx or a success, never a 500', async () => {
    await fc.assert(inProcess.property(), { numRuns: 1500 });
  });

  it('the same over a real loopback server', async () => {
    await fc.assert(loopback.property(), { numRuns: 200 });
  });
});
