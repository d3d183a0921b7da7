/** Starts the real server on a loopback port for API tests, with keys for every role and a small fetch wrapper. */
import { startServer, type RunningServer, type StartOptions } from '../../../runtime/server/start.ts';
import type { Role } from '../../../runtime/server/auth/api-key.ts';

export interface TestServer {
  server: RunningServer;
  base: string;
  keys: Record<Role, string>;
  /** Sends a request; `body` objects go as JSON, strings as they are. */
  call(method: string, path: string, options?: { key?: string | null; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any; text: string; headers: Headers }>;
  close(): Promise<void>;
}

/**
 * @example
 * const t = await startTestServer();
 * const res = await t.call('GET', '/v1/journeys', { key: t.keys.viewer });
 */
export async function startTestServer(options: Partial<StartOptions> = {}): Promise<TestServer> {
  const errors: unknown[] = [];
  const server = await startServer({
    port: 0,
    editorDir: '/nonexistent-editor-dist',
    log: (message, error) => errors.push({ message, error }),
    ...options,
  });
  const base = `http://127.0.0.1:${server.port}`;
  const admin = server.adminKey?.key;
  if (admin === undefined) throw new Error('the test server did not create an admin key');
  const call: TestServer['call'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    const key = opts.key === undefined ? admin : opts.key;
    if (key !== null) headers['authorization'] = `Bearer ${key}`;
    let body: string | undefined;
    if (typeof opts.body === 'string') body = opts.body;
    else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: res.status, body: parsed, text, headers: res.headers };
  };
  const keys = { admin } as Record<Role, string>;
  for (const role of ['operator', 'viewer', 'ingest'] as const) {
    const res = await call('POST', '/v1/keys', { body: { name: `${role} key`, role } });
    if (res.status !== 201) throw new Error(`could not create a ${role} key: ${res.text}`);
    keys[role] = res.body.key;
  }
  return {
    server,
    base,
    keys,
    call,
    close: async () => {
      await server.close();
      // Bugs are logged with the error that caused them; notices (a webhook moved to dead letters) come without.
      const bugs = errors.filter((e) => (e as { error?: unknown }).error !== undefined);
      if (bugs.length > 0) throw new Error(`the server logged errors: ${JSON.stringify(bugs, (_k, v) => (v instanceof Error ? v.stack : v))}`);
    },
  };
}
