/** The unified diff of printed versions, webhook backoff, and the first admin key. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ensureAdminKey } from '../../../runtime/server/auth/first-admin-key.ts';
import { keyMatches, roleAllows } from '../../../runtime/server/auth/api-key.ts';
import { diffLines, unifiedDiff } from '../../../runtime/server/text-diff.ts';
import { backoffDelay } from '../../../runtime/server/webhooks/webhook-worker.ts';
import { MemoryStore } from '../../../runtime/store/memory.ts';

describe('text diff', () => {
  it('writes unified hunks with context', () => {
    expect(unifiedDiff('a\nb\n', 'a\nc\n', 'v1', 'v2')).toBe('--- v1\n+++ v2\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n');
    expect(unifiedDiff('same\n', 'same\n', 'v1', 'v2')).toBe('');
    expect(unifiedDiff('', 'x\n', 'v1', 'v2')).toBe('--- v1\n+++ v2\n@@ -0,0 +1,1 @@\n+x\n');
  });

  it('always reproduces both sides (property)', () => {
    const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 30 });
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const ops = diffLines(a, b);
        expect(ops.filter((o) => o.op !== 'insert').map((o) => o.text)).toEqual(a);
        expect(ops.filter((o) => o.op !== 'delete').map((o) => o.text)).toEqual(b);
      }),
    );
  });
});

describe('webhook backoff', () => {
  it('doubles from the base delay up to the cap', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, 1000, 5000))).toEqual([1000, 2000, 4000, 5000]);
  });
});

describe('keys and roles', () => {
  it('creates a first admin key only when the store has none, and adopts LIFECYCLE_ADMIN_KEY', async () => {
    const store = new MemoryStore();
    const first = await ensureAdminKey(store, { now: 1 });
    expect(first?.source).toBe('generated');
    expect(await ensureAdminKey(store, { now: 2 })).toBeUndefined();
    expect((await ensureAdminKey(store, { now: 3, renew: true }))?.source).toBe('renewed');
    const stored = await store.listApiKeys();
    expect(stored.every((k) => !JSON.stringify(k).includes(first!.key))).toBe(true);
    expect(keyMatches(first!.key, stored[0]!.hash)).toBe(true);
    expect(keyMatches(`${first!.key}x`, stored[0]!.hash)).toBe(false);
    await expect(ensureAdminKey(store, { now: 4, envKey: 'short' })).rejects.toThrow(/24/);
    const env = await ensureAdminKey(store, { now: 5, envKey: 'an-operator-chosen-key-of-enough-length' });
    expect(env?.source).toBe('env');
    expect((await store.listApiKeys()).filter((k) => k.role === 'admin')).toHaveLength(3);
  });

  it('orders roles and keeps ingest apart', () => {
    expect(roleAllows('admin', 'operator')).toBe(true);
    expect(roleAllows('viewer', 'operator')).toBe(false);
    expect(roleAllows('ingest', 'viewer')).toBe(false);
    expect(roleAllows('viewer', 'ingest')).toBe(true);
  });
});
