/** Embedded store history on disk: timelines read back from journal and history segments, customers kept unparsed across restarts, torn commits dropped whole. */
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newCustomerState } from '../../../runtime/engine/index.ts';
import type { CustomerState } from '../../../runtime/engine/types.ts';
import { EmbeddedStore } from '../../../runtime/store/embedded.ts';
import type { CommitRecord } from '../../../runtime/store/types.ts';

const root = mkdtempSync(join(tmpdir(), 'ls-history-'));
let count = 0;
const freshDir = (): string => join(root, `d${++count}`);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const stateOf = (customerId: string, visits: number): CustomerState => ({ ...newCustomerState(customerId), profile: { visits, name: 'Zoë\t"q"' } });
const rec = (i: number, customerId: string, baseRevision: number): CommitRecord => ({
  input: { type: 'event', id: `m${i}`, customerId, event: 'visit', at: 1000 + i, properties: { i } },
  state: stateOf(customerId, baseRevision + 1),
  effects: [],
  baseRevision,
});

describe('embedded store history on disk', () => {
  it('reads timelines back from history and journal segments after snapshots and restarts', async () => {
    const dir = freshDir();
    let store = await EmbeddedStore.open({ dir });
    await store.commit([rec(0, 'a', 0), rec(1, 'b', 0)]);
    await store.snapshot();
    await store.commit([rec(2, 'a', 1)]);
    const before = await store.timeline('a');
    expect(before.items.map((e) => (e.kind === 'input' ? e.input.id : e.kind))).toEqual(['m2', 'm0']);
    await store.close();
    expect(readdirSync(dir).filter((f) => f.startsWith('history-')).length).toBeGreaterThan(0);
    store = await EmbeddedStore.open({ dir });
    expect(await store.timeline('a')).toEqual(before);
    expect((await store.timeline('b')).items.map((e) => e.seq)).toEqual([2]);
    await store.close();
  });

  it('keeps untouched customers exactly as they were through restarts that never read them', async () => {
    const dir = freshDir();
    let store = await EmbeddedStore.open({ dir });
    await store.commit([rec(0, 'a', 0), rec(1, 'b', 0)]);
    await store.close();
    // Two restarts: 'b' is never read, so the second snapshot writes its unparsed state back.
    store = await EmbeddedStore.open({ dir });
    await store.commit([rec(2, 'a', 1)]);
    await store.close();
    store = await EmbeddedStore.open({ dir });
    expect(await store.getCustomer('b')).toEqual({ state: stateOf('b', 1), revision: 1 });
    expect(await store.getCustomer('a')).toEqual({ state: stateOf('a', 2), revision: 2 });
    expect((await store.listCustomers()).items.map((c) => c.customerId)).toEqual(['a', 'b']);
    await store.close();
  });

  it('drops a commit whose end line never reached the disk, whole, and says where', async () => {
    const dir = freshDir();
    const store = await EmbeddedStore.open({ dir, snapshotEvery: 1_000_000 });
    await store.commit([rec(0, 'a', 0)]);
    await store.commit([rec(1, 'b', 0), rec(2, 'c', 0)]);
    rmSync(join(dir, 'LOCK'));
    const journal = join(dir, readdirSync(dir).find((f) => f.startsWith('journal-'))!);
    // Keep the first commit and only the first line of the second (as if the process died mid-write).
    const lines = readFileSync(journal, 'utf8').split('\n');
    const kept = `${lines[0]}\n${lines[1]}\n`;
    writeFileSync(journal, kept);
    appendFileSync(journal, 'ab');
    const cut = Buffer.byteLength(`${lines[0]}\n`);
    const warnings: string[] = [];
    const reopened = await EmbeddedStore.open({ dir, onWarning: (m) => warnings.push(m) });
    expect(warnings).toEqual([expect.stringContaining(`journal ${journal}: torn record at byte ${cut}`)]);
    expect(statSync(journal).size).toBe(cut);
    expect(await reopened.seenInputs(['m0', 'm1', 'm2'])).toEqual(new Set(['m0']));
    expect(await reopened.countCustomers()).toBe(1);
    await reopened.close();
  });
});
