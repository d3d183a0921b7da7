/** `lifecycle-studio serve` as a real process: banner and admin key, the key works, data persists, SIGTERM exits 0; plus the built editor. */
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../../runtime/cli/serve.ts';
import { startTestServer } from './server-harness.ts';

const ROOT = join(import.meta.dirname, '../../..');

/** Starts the CLI and resolves with its first lines once it prints the banner. */
function serve(dataDir: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['bin/lifecycle-studio.js', 'serve', '--port', '0', '--data', dataDir], {
    cwd: ROOT,
    env: { ...process.env, ...env, LIFECYCLE_ADMIN_KEY: env['LIFECYCLE_ADMIN_KEY'] ?? '' },
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      if (/data: /.test(out) && /admin key/.test(out)) {
        clearInterval(timer);
        resolve(out);
      }
    }, 50);
    void exited.then(() => {
      clearInterval(timer);
      reject(new Error(`serve exited early: ${out}`));
    });
  });
  return { child, ready, exited, output: () => out };
}

describe('serve', () => {
  it('prints the URL and an admin key that works; a restart keeps data and keys; SIGTERM exits 0', async () => {
    const data = mkdtempSync(join(tmpdir(), 'ls-serve-'));
    const first = serve(data);
    const banner = await first.ready;
    const url = /running at (http:\/\/localhost:\d+)\//.exec(banner)?.[1] as string;
    const key = /admin key: (\S+)/.exec(banner)?.[1] as string;
    expect(banner).toContain(`${url}/?key=`);
    expect((await fetch(`${url}/v1/health`)).status).toBe(200);
    const me = await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${key}` } });
    expect(await me.json()).toMatchObject({ role: 'admin' });
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('stopped.');

    const second = serve(data);
    const banner2 = await second.ready;
    expect(banner2).not.toContain(key);
    const url2 = /running at (http:\/\/localhost:\d+)\//.exec(banner2)?.[1] as string;
    expect((await fetch(`${url2}/v1/me`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('adopts LIFECYCLE_ADMIN_KEY', async () => {
    const data = mkdtempSync(join(tmpdir(), 'ls-serve-'));
    const chosen = 'automation-admin-key-0123456789abcdef';
    const run = serve(data, { LIFECYCLE_ADMIN_KEY: chosen });
    const banner = await run.ready;
    const url = /running at (http:\/\/localhost:\d+)\//.exec(banner)?.[1] as string;
    expect(banner).toContain('from LIFECYCLE_ADMIN_KEY');
    expect((await fetch(`${url}/v1/keys`, { headers: { authorization: `Bearer ${chosen}` } })).status).toBe(200);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('reads --port, --data and PORT, and rejects bad flags', () => {
    expect(parseServeArgs(['--port', '9000', '--data', 'd'], {}, '/x')).toMatchObject({ port: 9000, dataDir: '/x/d' });
    expect(parseServeArgs([], { PORT: '7000' }, '/x')).toMatchObject({ port: 7000, dataDir: '/x/data' });
    expect(parseServeArgs(['--port=7001'], { PORT: '7000' }, '/x')).toMatchObject({ port: 7001 });
    expect(parseServeArgs(['--port', 'abc'], {}, '/x')).toEqual(expect.stringContaining('--port'));
    expect(parseServeArgs(['--bogus'], {}, '/x')).toEqual(expect.stringContaining('unknown option'));
    expect(parseServeArgs([], { PORT: '99999' }, '/x')).toEqual(expect.stringContaining('PORT'));
  });
});

describe('the built editor', () => {
  it('serves files from editor/dist with immutable assets and falls back to index.html for app routes', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'ls-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>editor</title><script type="module" src="/assets/app.js"></script>');
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
    const t = await startTestServer({ editorDir: dist });
    try {
      const page = await fetch(`${t.base}/journeys/x?key=abc`);
      expect(await page.text()).toContain('<title>editor</title>');
      expect(page.headers.get('content-security-policy')).toContain("worker-src 'self' blob:");
      const asset = await fetch(`${t.base}/assets/app.js`);
      expect(asset.headers.get('content-type')).toContain('javascript');
      expect(asset.headers.get('cache-control')).toContain('immutable');
      for (const path of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2fetc%2fpasswd']) {
        expect(await (await fetch(`${t.base}${path}`)).text(), path).not.toContain('root:');
      }
    } finally {
      await t.close();
    }
  });
});
