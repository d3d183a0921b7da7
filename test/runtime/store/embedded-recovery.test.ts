/** Embedded store recovery: torn journal tails are cut with a message, damage in the middle refuses to start, one process per directory. */
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { open } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { newCustomerState } from '../../../runtime/engine/index.ts';
import { EmbeddedStore } from '../../../runtime/store/embedded.ts';
import { checksummedLine, JournalCorruptError, JournalWriter, readJournal, readRecordAt } from '../../../runtime/store/journal.ts';
import type { CommitRecord } from '../../../runtime/store/types.ts';

const root = mkdtempSync(join(tmpdir(), 'ls-recovery-'));
let count = 0;
const freshDir = (): string => join(root, `d${++count}`);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const rec = (i: number, customerId = `c${i}`): CommitRecord => ({
  input: { type: 'event', id: `m${i}`, customerId, event: 'visit', at: 1000 + i, properties: {} },
  state: newCustomerState(customerId),
  effects: [],
  baseRevision: 0,
});

/** Writes `n` records (one commit each) without a snapshot, then "crashes" (no close). */
async function writeAndAbandon(dir: string, n: number): Promise<string> {
  const store = await EmbeddedStore.open({ dir, snapshotEvery: 1_000_000 });
  for (let i = 0; i < n; i++) await store.commit([rec(i)]);
  rmSync(join(dir, 'LOCK'));
  const journal = readdirSync(dir).find((f) => f.startsWith('journal-'))!;
  return join(dir, journal);
}

describe('embedded store recovery', () => {
  it('truncates a torn last record, says where, and keeps every whole one', async () => {
    const dir = freshDir();
    const journal = await writeAndAbandon(dir, 3);
    const goodSize = statSync(journal).size;
    appendFileSync(journal, '1234abcd {"seq":4,"op":{"op":"commit","rec');
    const warnings: string[] = [];
    const store = await EmbeddedStore.open({ dir, onWarning: (m) => warnings.push(m) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(journal);
    expect(warnings[0]).toContain(`byte ${goodSize}`);
    expect(statSync(journal).size).toBe(goodSize);
    expect(await store.countCustomers()).toBe(3);
    await store.commit([rec(9)]);
    await store.close();
    const reopened = await EmbeddedStore.open({ dir });
    expect(await reopened.countCustomers()).toBe(4);
    await reopened.close();
  });

  it('refuses to start when a damaged record is followed by intact ones, naming file and offset', async () => {
    const dir = freshDir();
    const journal = await writeAndAbandon(dir, 3);
    const text = readFileSync(journal, 'utf8');
    const secondLine = text.indexOf('\n') + 1;
    // Flip one character inside the second record's JSON: its checksum no longer matches.
    const damaged = `${text.slice(0, secondLine + 20)}X${text.slice(secondLine + 21)}`;
    writeFileSync(journal, damaged);
    const opening = EmbeddedStore.open({ dir });
    await expect(opening).rejects.toBeInstanceOf(JournalCorruptError);
    await expect(EmbeddedStore.open({ dir })).rejects.toThrow(new RegExp(`${journal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: damaged record at byte ${secondLine}`));
  });

  it('snapshots, drops the journal before the snapshot, and restarts from snapshot + tail', async () => {
    const dir = freshDir();
    const store = await EmbeddedStore.open({ dir, snapshotEvery: 5 });
    for (let i = 0; i < 12; i++) await store.commit([rec(i)]);
    // Snapshots are spaced at least as many records as there are customers (12 here).
    await store.snapshot();
    await store.commit([rec(100)]);
    const files = readdirSync(dir).sort();
    expect(files).toContain('snapshot.ndjson');
    expect(files.filter((f) => f.startsWith('journal-'))).toHaveLength(1);
    rmSync(join(dir, 'LOCK'));
    const reopened = await EmbeddedStore.open({ dir });
    expect(await reopened.countCustomers()).toBe(13);
    expect(await reopened.seenInputs(['m0', 'm11', 'm100', 'm50'])).toEqual(new Set(['m0', 'm11', 'm100']));
    await reopened.close();
  });

  it('lets one process at a time use a data directory', async () => {
    const dir = freshDir();
    const store = await EmbeddedStore.open({ dir });
    writeFileSync(join(dir, 'LOCK'), String(process.ppid));
    await expect(EmbeddedStore.open({ dir })).rejects.toThrow(/in use by process/);
    writeFileSync(join(dir, 'LOCK'), String(process.pid));
    await store.close();
  });

  it('shares one write and fsync among records appended together', async () => {
    const file = join(freshDir(), 'journal.ndjson');
    mkdirSync(dirname(file), { recursive: true });
    const writer = await JournalWriter.open<{ n: number }>(file, 1);
    await Promise.all(Array.from({ length: 50 }, (_, n) => writer.append({ n })));
    expect(writer.flushes).toBe(1);
    await writer.append({ n: 50 });
    expect(writer.flushes).toBe(2);
    await writer.close();
    const read = await readJournal<{ n: number }>(file);
    expect(read.records.map((r) => [r.seq, r.op.n])).toEqual(Array.from({ length: 51 }, (_, n) => [n + 1, n]));
  });

  it('writes each line as a checksummed line of its JSON, at the offset it reports, whatever its characters', async () => {
    const file = join(freshDir(), 'journal.ndjson');
    mkdirSync(dirname(file), { recursive: true });
    const writer = await JournalWriter.open<{ text: string }>(file, 1);
    // ASCII lines first, then lines of 2-, 3- and 4-byte characters that outgrow the room an ASCII line would take.
    const ops = ['plain', 'é'.repeat(40), '漢字'.repeat(300), '😀'.repeat(500), 'plain again', 'ü€😀'].map((text) => ({ text }));
    const { seqs, offsets, written } = writer.appendAll(ops);
    await written;
    await writer.close();
    const expected = ops.map((op, i) => checksummedLine(JSON.stringify({ seq: i + 1, op })));
    expect(readFileSync(file)).toEqual(Buffer.from(expected.join(''), 'utf8'));
    expect(writer.appended).toBe(statSync(file).size);
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6]);
    const handle = await open(file, 'r');
    try {
      for (const [i, offset] of offsets.entries()) expect((await readRecordAt<{ text: string }>(handle, file, offset)).op).toEqual(ops[i]);
    } finally {
      await handle.close();
    }
  });
});
