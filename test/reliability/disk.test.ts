/**
 * Full and read-only data directories, for real: a small tmpfs is mounted (needs root; skipped otherwise), filled with a
 * file until the kernel says ENOSPC, then emptied. Ingestion answers 503 while it is full, never 500; acknowledged events
 * survive; the store heals by itself once space returns; a read-only or full directory is a clear error at start.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, rmSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../runtime/server/start.ts';
import { EmbeddedStore } from '../../runtime/store/embedded.ts';

const root = mkdtempSync(join(tmpdir(), 'ls-disk-'));
const mounts: string[] = [];

function mountTmpfs(name: string, options: string): string | undefined {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  mounts.push(dir);
  return dir;
}

const canMount = (() => {
  const probe = mountTmpfs('probe', 'size=64k');
  return probe !== undefined;
})();

afterAll(() => {
  for (const dir of mounts.reverse()) execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
  rmSync(root, { recursive: true, force: true });
});

/** Writes zeros into `file` until the file system is full. */
function fillUp(file: string): void {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
}

const ADMIN = 'disk-test-admin-key-0123456789abcdef';
const headers = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };

describe.skipIf(!canMount)('a data directory that fills up (tmpfs, really full)', () => {
  it('answers 503 with Retry-After while full, keeps serving reads, loses nothing acknowledged, and resumes when space returns', async () => {
    const dir = mountTmpfs('full', 'size=8m')!;
    const logged: string[] = [];
    const server = await startServer({ port: 0, dataDir: join(dir, 'data'), adminKey: ADMIN, editorDir: '/nonexistent', ingestRateLimit: false, log: (m) => logged.push(m), webhooks: { pollMs: 60_000 } });
    const base = `http://127.0.0.1:${server.port}`;
    const acked: string[] = [];
    const statuses: number[] = [];
    const send = async (n: number): Promise<number> => {
      const batch = Array.from({ length: 10 }, (_, i) => ({ type: 'track', userId: `d${(n * 10 + i) % 37}`, event: 'page_view', messageId: `disk-${n}-${i}`, properties: { pad: 'x'.repeat(200) } }));
      const res = await fetch(`${base}/v1/batch`, { method: 'POST', headers, body: JSON.stringify({ batch }) });
      const body = (await res.json()) as { error?: { code: string } };
      statuses.push(res.status);
      if (res.status === 200) acked.push(...batch.map((m) => m.messageId));
      if (res.status === 503) {
        expect(body.error?.code).toBe('unavailable');
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      return res.status;
    };
    let n = 0;
    for (; n < 20; n++) expect(await send(n)).toBe(200);

    const filler = join(dir, 'filler.bin');
    fillUp(filler);
    const whileFull: number[] = [];
    for (let i = 0; i < 10; i++, n++) whileFull.push(await send(n));
    expect(whileFull.filter((s) => s === 503).length).toBeGreaterThan(0);
    expect(whileFull.every((s) => s === 200 || s === 503)).toBe(true);
    const read = await fetch(`${base}/v1/customers/d1`, { headers });
    expect(read.status).toBe(200);

    rmSync(filler);
    let resumed = false;
    for (let tries = 0; tries < 60 && !resumed; tries++, n++) {
      resumed = (await send(n)) === 200;
      if (!resumed) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(resumed).toBe(true);
    for (let i = 0; i < 5; i++, n++) expect(await send(n)).toBe(200);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    await server.close();

    const store = await EmbeddedStore.open({ dir: join(dir, 'data'), onWarning: (m) => logged.push(m) });
    const seen = await store.seenInputs(acked.map((id) => `m:${id}`));
    expect(acked.filter((id) => !seen.has(`m:${id}`))).toEqual([]);
    await store.close();
    console.log(`disk full: ${statuses.length} batches, ${statuses.filter((s) => s === 503).length} answered 503 while full, 0 answered 500, acknowledged ${acked.length} vs found ${seen.size}, resumed after space returned`);
  });

  it('refuses to start on a full or read-only directory with an error naming the file and the reason', async () => {
    const full = mountTmpfs('start-full', 'size=256k')!;
    fillUp(join(full, 'filler.bin'));
    await expect(startServer({ port: 0, dataDir: join(full, 'data'), adminKey: ADMIN, editorDir: '/nonexistent' })).rejects.toThrow(/ENOSPC|no space left/);
    const readOnly = mountTmpfs('start-ro', 'size=256k,ro')!;
    const opening = startServer({ port: 0, dataDir: readOnly, adminKey: ADMIN, editorDir: '/nonexistent' });
    await expect(opening).rejects.toThrow(new RegExp(`(EROFS|read-only).*${readOnly.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });
});
