/** Embedded store: a data directory written by the previous store format (format 1) is upgraded in place, with a backup, and reports what the old store did. */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { identifiedEffect, newCustomerState } from '../../../runtime/engine/index.ts';
import { EmbeddedStore } from '../../../runtime/store/embedded.ts';
import { checksummedLine, JournalCorruptError } from '../../../runtime/store/journal.ts';
import type { TimelineEntry } from '../../../runtime/store/types.ts';

/**
 * fixtures/format-1 was written by the store of release a12affc (the last to write format 1): two
 * packs' journeys, customers along the dormancy ladder and the K12 journey, an acknowledged outbox,
 * a completed and a postponed staff task, a webhook delivery with a failed attempt, a snapshot and a
 * journal tail after it. expected.json is what that store reported when it reopened the directory.
 * fixtures/format-1/README.md has the script that made both.
 */
const FIXTURE = join(import.meta.dirname, 'fixtures', 'format-1');
const expected = JSON.parse(readFileSync(join(FIXTURE, 'expected.json'), 'utf8'));
const T0 = Date.UTC(2025, 2, 1, 8);
const DAY = 86_400_000;

const root = mkdtempSync(join(tmpdir(), 'ls-upgrade-'));
let count = 0;
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A fresh copy of the format-1 directory. */
function format1Copy(): string {
  const dir = join(root, `d${++count}`);
  cpSync(FIXTURE, dir, { recursive: true, filter: (source) => !source.endsWith('expected.json') && !source.endsWith('README.md') });
  return dir;
}

/** A timeline entry as the API shows it: effects with their ids, as expected.json has them. */
const asPublished = (entry: TimelineEntry): unknown => (entry.kind === 'effect' ? { ...entry, effect: identifiedEffect(entry.effect) } : entry);

/** What the store reports, in the shape of expected.json. */
async function report(store: EmbeddedStore): Promise<unknown> {
  const ids = (await store.listCustomers({ limit: 1000 })).items.map((c) => c.customerId);
  const inputIds = ['d1', 'd2', 'd3', 'd4', 'd5', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'h1', 'n1', 'never-sent'];
  return JSON.parse(
    JSON.stringify({
      customers: await Promise.all(ids.map(async (id) => ({ id, stored: await store.getCustomer(id), timeline: (await store.timeline(id, { limit: 1000 })).items.map(asPublished) }))),
      count: await store.countCustomers(),
      outbox: await store.pull({ consumer: 'crm', limit: 1000 }),
      outboxFromStart: await store.pull({ consumer: 'audit', after: 0, limit: 1000 }),
      cursor: await store.cursor('crm'),
      tasks: (await store.listTasks({ limit: 1000 })).items,
      deliveries: (await store.listDeliveries({ limit: 1000 })).items,
      counters: { 'dormancy-ladder': await store.journeyCounters('dormancy-ladder'), 'k12-five-stage': await store.journeyCounters('k12-five-stage') },
      daily: await store.dailyStages('dormancy-ladder', { from: T0, until: T0 + 55 * DAY }),
      stageChanges: (await store.stageChanges({ limit: 1000 })).items,
      distribution: await store.stageDistribution('dormancy-ladder', T0 + 50 * DAY),
      dueTimers: await store.dueTimers(T0 + 400 * DAY, 1000),
      nextTimerAt: await store.nextTimerAt(),
      seen: [...(await store.seenInputs(inputIds))].sort(),
    }),
  );
}

describe('embedded store: format-1 directories', () => {
  it('upgrades in place, keeps the old files in format-1-backup, warns once, and reports what the old store did, before and after a reopen', async () => {
    const dir = format1Copy();
    const oldFiles = readdirSync(dir).filter((name) => name !== 'definitions.json').sort();
    const originals = new Map(oldFiles.map((name) => [name, readFileSync(join(dir, name))]));
    const warnings: string[] = [];
    const store = await EmbeddedStore.open({ dir, onWarning: (message) => warnings.push(message) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('format 1');
    expect(warnings[0]).toContain(join(dir, 'format-1-backup'));
    expect(readdirSync(join(dir, 'format-1-backup')).sort()).toEqual(oldFiles);
    for (const [name, bytes] of originals) expect(readFileSync(join(dir, 'format-1-backup', name)).equals(bytes), name).toBe(true);
    expect(readdirSync(dir).some((name) => name.startsWith('history-'))).toBe(true);
    expect(readFileSync(join(dir, 'snapshot.ndjson'), 'utf8')).toMatch(/^[0-9a-f]{8} \{"t":"header","format":3,/);
    expect(await report(store)).toEqual(expected);
    // A duplicate of an input the old store committed is still refused.
    const dirk = await store.getCustomer('dirk');
    const duplicate = await store.commit([{ input: { type: 'event', id: 'd4', customerId: 'dirk', event: 'purchase', at: T0 + 60 * DAY, properties: {} }, state: dirk!.state, effects: [], baseRevision: dirk!.revision }]);
    expect(duplicate).toEqual({ committed: [], duplicates: ['d4'] });
    await store.close();

    const again: string[] = [];
    const reopened = await EmbeddedStore.open({ dir, onWarning: (message) => again.push(message) });
    expect(again).toEqual([]);
    expect(await report(reopened)).toEqual(expected);
    // Writes go on from where the old store stopped.
    const fresh = await reopened.commit([{ input: { type: 'event', id: 'd6', customerId: 'dirk', event: 'purchase', at: T0 + 60 * DAY, properties: {} }, state: dirk!.state, effects: [], baseRevision: dirk!.revision }]);
    expect(fresh.committed).toEqual(['d6']);
    expect((await reopened.getCustomer('dirk'))!.revision).toBe(dirk!.revision + 1);
    await reopened.close();
    const last = await EmbeddedStore.open({ dir });
    expect((await last.getCustomer('dirk'))!.revision).toBe(dirk!.revision + 1);
    expect((await last.timeline('kim', { limit: 1000 })).items.map(asPublished)).toEqual(expected.customers.find((c: { id: string }) => c.id === 'kim').timeline);
    await last.close();
  });

  it('finishes an upgrade that stopped before its new snapshot was in place, from the backup', async () => {
    const dir = format1Copy();
    const first = await EmbeddedStore.open({ dir, onWarning: () => undefined });
    await first.close();
    // As if the process had stopped after the backup was made and the old journal left, before the new snapshot's rename.
    const interrupted = format1Copy();
    cpSync(join(dir, 'format-1-backup'), join(interrupted, 'format-1-backup'), { recursive: true });
    for (const name of readdirSync(interrupted)) if (name.startsWith('journal-')) rmSync(join(interrupted, name));
    for (const name of readdirSync(dir)) if (name.startsWith('history-')) cpSync(join(dir, name), join(interrupted, name));
    const warnings: string[] = [];
    const store = await EmbeddedStore.open({ dir: interrupted, onWarning: (message) => warnings.push(message) });
    expect(warnings).toHaveLength(1);
    expect(await report(store)).toEqual(expected);
    await store.close();
  });

  it('tells the two formats apart by the journal when there is no snapshot', async () => {
    // Format 1 without a snapshot (a store that never took one): an acknowledgement, then a commit line holding its records.
    const old = join(root, `d${++count}`);
    mkdirSync(old);
    const record = { input: { type: 'event', id: 'o1', customerId: 'olga', event: 'purchase', at: T0, properties: {} }, state: newCustomerState('olga'), effects: [], baseRevision: 0 };
    writeFileSync(
      join(old, 'journal-000000000001.ndjson'),
      checksummedLine(JSON.stringify({ seq: 1, op: { op: 'ack', consumer: 'crm', cursor: 0 } })) + checksummedLine(JSON.stringify({ seq: 2, op: { op: 'commit', records: [record] } })),
    );
    const oldWarnings: string[] = [];
    const upgraded = await EmbeddedStore.open({ dir: old, onWarning: (message) => oldWarnings.push(message) });
    expect(oldWarnings.join('\n')).toMatch(/upgraded from store format 1/);
    expect(existsSync(join(old, 'format-1-backup'))).toBe(true);
    expect((await upgraded.getCustomer('olga'))?.revision).toBe(1);
    await upgraded.close();

    // Format 2 without a snapshot (closed without one): an acknowledgement, then the commit's `record` line. It is
    // opened as it is, and marked format 3 at once (a snapshot), before anything is written in the new line form.
    const current = join(root, `d${++count}`);
    mkdirSync(current);
    const nora = { input: { type: 'event', id: 'n1', customerId: 'nora', event: 'purchase', at: T0, properties: {} }, state: newCustomerState('nora'), effects: [], baseRevision: 0 };
    writeFileSync(
      join(current, 'journal-000000000001.ndjson'),
      checksummedLine(JSON.stringify({ seq: 1, op: { op: 'ack', consumer: 'crm', cursor: 0 } })) + checksummedLine(JSON.stringify({ seq: 2, op: { op: 'record', record: nora, end: true } })),
    );
    const warnings: string[] = [];
    const reopened = await EmbeddedStore.open({ dir: current, onWarning: (message) => warnings.push(message) });
    expect(warnings).toEqual([]);
    expect(existsSync(join(current, 'format-1-backup'))).toBe(false);
    expect(readFileSync(join(current, 'snapshot.ndjson'), 'utf8')).toMatch(/^[0-9a-f]{8} \{"t":"header","format":3,/);
    expect((await reopened.getCustomer('nora'))?.revision).toBe(1);
    expect((await reopened.timeline('nora')).items.map((entry) => entry.kind)).toEqual(['input']);
    await reopened.close();
  });

  it('refuses a damaged format-1 snapshot or journal, naming file and offset, and changes nothing', async () => {
    const snapshotDir = format1Copy();
    const snapshot = join(snapshotDir, 'snapshot.ndjson');
    const text = readFileSync(snapshot, 'utf8');
    const third = text.indexOf('\n', text.indexOf('\n') + 1) + 1;
    writeFileSync(snapshot, `${text.slice(0, third + 5)}#${text.slice(third + 6)}`);
    const opening = EmbeddedStore.open({ dir: snapshotDir });
    await expect(opening).rejects.toThrow(JournalCorruptError);
    await expect(opening).rejects.toThrow(`snapshot ${snapshot}: line 3 (byte ${Buffer.byteLength(text.slice(0, third))})`);
    expect(existsSync(join(snapshotDir, 'format-1-backup'))).toBe(false);
    expect(existsSync(join(snapshotDir, 'LOCK'))).toBe(false);

    const journalDir = format1Copy();
    const journalName = readdirSync(journalDir).find((name) => name.startsWith('journal-'))!;
    const journal = join(journalDir, journalName);
    const lines = readFileSync(journal, 'utf8');
    const second = lines.indexOf('\n') + 1;
    writeFileSync(journal, `${lines.slice(0, second + 20)}X${lines.slice(second + 21)}`);
    const reading = EmbeddedStore.open({ dir: journalDir });
    await expect(reading).rejects.toThrow(JournalCorruptError);
    await expect(reading).rejects.toThrow(`journal ${journal}: damaged record at byte ${Buffer.byteLength(lines.slice(0, second))}`);
    expect(existsSync(join(journalDir, 'format-1-backup'))).toBe(false);
    expect(readdirSync(journalDir).some((name) => name.startsWith('history-'))).toBe(false);
  });
});
