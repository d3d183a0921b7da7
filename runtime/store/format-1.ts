/** Data directories written by the embedded store's format 1 (the release before timelines moved to history files): read them and rewrite them in the current format in place. */
import { createReadStream, existsSync } from 'node:fs';
import { copyFile, link, mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pendingTimers } from '../clock/timer-queue.ts';
import type { IdentifiedEffect } from '../engine/effect-id.ts';
import type { CustomerState, Input, Millis } from '../engine/types.ts';
import { ChunkedLog } from './chunked-log.ts';
import { SNAPSHOT_FORMAT, syncPath, writeSnapshotFile } from './snapshot-file.ts';
import { JournalCorruptError, JournalWriter, readJournal } from './journal.ts';
import { JourneyCounterBook } from './journey-counters.ts';
import { commitLines, withOrdinals, type JournalLine, type StoredRecord } from './record-encoding.ts';
import { blockMembers, type StoreOp } from './state-model.ts';
import type { CommitRecord, OutboxEntry, StaffTask, StageChange, TimelineEntry, WebhookDelivery } from './types.ts';

// The file names of the embedded store (see embedded.ts): format 1 had the snapshot and journal segments, later formats add history files.
const SNAPSHOT = 'snapshot.ndjson';
const SEGMENT = /^journal-(\d{12})\.ndjson$/;
const HISTORY = /^history-(\d{12})\.ndjson$/;
const segmentName = (firstSeq: number): string => `journal-${String(firstSeq).padStart(12, '0')}.ndjson`;
const historyName = (firstSeq: number): string => `history-${String(firstSeq).padStart(12, '0')}.ndjson`;
/** Where the format-1 files go; once it exists, its files are the directory's data until a checksummed (format 2 or later) snapshot is in place. */
const BACKUP = 'format-1-backup';
const STAGING = 'format-2-upgrade.tmp';
/** Customers per snapshot block, as state-model.ts writes and reads them. */
const BLOCK = 1000;

/** A timeline entry as format 1 stored it: effects with their ids (see StoredRecord). */
type Format1TimelineEntry = Exclude<TimelineEntry, { kind: 'effect' }> | { seq: number; at: Millis; kind: 'effect'; effect: IdentifiedEffect };

/** A journal operation as format 1 stored it: commits hold whole records, effects with their ids. */
type Format1Op = Exclude<StoreOp, { op: 'commit' }> | { op: 'commit'; records: StoredRecord[] };

/** A format-1 snapshot line (the whole state: customers with their state and whole timeline). */
type Format1Line =
  | { t: 'seq'; seq: number }
  | { t: 'customer'; revision: number; state: CustomerState; timeline: Format1TimelineEntry[] }
  | { t: 'seen'; ids: string[] }
  | { t: 'stage'; change: StageChange }
  | { t: 'outbox'; entry: OutboxEntry }
  | { t: 'cursor'; consumer: string; cursor: number }
  | { t: 'task'; task: StaffTask }
  | { t: 'delivery'; delivery: WebhookDelivery };

/** What a format-1 directory holds: its snapshot's contents and the journal operations after it. */
interface Format1Image {
  journalSeq: number;
  seq: number;
  customers: Map<string, { state: CustomerState; revision: number; timeline: Format1TimelineEntry[] }>;
  seen: string[];
  stages: StageChange[];
  outbox: OutboxEntry[];
  cursors: Map<string, number>;
  tasks: Map<string, StaffTask>;
  deliveries: Map<string, WebhookDelivery>;
  /** Journal operations after the snapshot, in order (format 1 journaled a commit as one operation). */
  tail: Format1Op[];
  /** A torn last journal line left out (it was never acknowledged). */
  torn?: { file: string; offset: number };
}

/**
 * Upgrades a format-1 data directory to the current format, if it is one; call with the directory locked, before
 * reading it. The old files are first linked into `format-1-backup.tmp`, which is renamed
 * `format-1-backup` once complete; the new files are built in `format-2-upgrade.tmp` and fsynced; then
 * the old journal segments leave the directory, the new history and journal files move in, and the
 * new snapshot is renamed over the old one. That rename is the switch: a start that finds the backup
 * but no checksummed snapshot (a crash before it) upgrades again from the backup, so a crash at any point
 * leaves a directory that opens with the same data. Damaged format-1 files are refused (file and
 * offset named) before anything is written.
 *
 * @example
 * await upgradeFormat1('./data', (message) => console.warn(message));
 */
export async function upgradeFormat1(dir: string, warn: (message: string) => void): Promise<void> {
  const source = await format1Source(dir);
  if (source === undefined) return;
  const image = await readFormat1(source);
  const backup = join(dir, BACKUP);
  if (source === dir) await backUp(dir, backup);
  const staging = join(dir, STAGING);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging);
  const written = await writeCurrentFormat(image, staging);
  await syncPath(staging);
  for (const name of await readdir(dir)) if (SEGMENT.test(name) || HISTORY.test(name)) await rm(join(dir, name));
  for (const name of await readdir(staging)) if (name !== SNAPSHOT) await rename(join(staging, name), join(dir, name));
  await syncPath(dir);
  await rename(join(staging, SNAPSHOT), join(dir, SNAPSHOT));
  await syncPath(dir);
  await rm(staging, { recursive: true, force: true });
  const torn = image.torn === undefined ? '' : `; a torn last journal line (${image.torn.file} at byte ${image.torn.offset}, never acknowledged) was left out`;
  warn(
    `data directory ${dir}: upgraded from store format 1 to format ${SNAPSHOT_FORMAT} (${image.customers.size} customers and ${written.historyRecords} timeline records from the snapshot, ${image.tail.length} journal operations after it)${torn}; the format-1 files are kept in ${backup}`,
  );
}

/** The directory to read format-1 files from (the data directory, or the backup of an upgrade that stopped), or undefined when there is nothing to upgrade. */
async function format1Source(dir: string): Promise<string | undefined> {
  const snapshot = await snapshotHeader(join(dir, SNAPSHOT));
  if (snapshot === 'checksummed') return undefined;
  if (existsSync(join(dir, BACKUP))) return join(dir, BACKUP);
  if (snapshot === 'format-1') return dir;
  const names = await readdir(dir);
  if (names.some((name) => HISTORY.test(name))) return undefined;
  // No snapshot: only the journal tells. Format 1 journaled a commit as one `commit` line, later formats as a line per record.
  for (const name of names.filter((n) => SEGMENT.test(n)).sort()) {
    const kind = await firstCommitKind(join(dir, name));
    if (kind === 'commit') return dir;
    if (kind === 'record') return undefined;
  }
  return undefined;
}

/**
 * The kind of the first commit-like line of a journal segment (`commit` in format 1, `record` after it),
 * reading only as far as that line: the whole segment is read once, by the recovery that follows. Lines
 * that do not parse are passed over here; recovery judges them.
 */
async function firstCommitKind(file: string): Promise<'commit' | 'record' | undefined> {
  const input = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of lines) {
      let op: unknown;
      try {
        op = (JSON.parse(line.slice(9)) as { op?: { op?: unknown } }).op?.op;
      } catch {
        continue;
      }
      if (op === 'commit') return op;
      // Format 2 wrote `record` lines, format 3 writes `step` lines: neither is format 1.
      if (op === 'record' || op === 'step') return 'record';
    }
    return undefined;
  } finally {
    lines.close();
    input.destroy();
  }
}

/** Whether a snapshot file is absent, format 1 (plain JSON lines) or a later format (checksummed lines, checked when loaded). */
async function snapshotHeader(file: string): Promise<'absent' | 'format-1' | 'checksummed'> {
  if (!existsSync(file)) return 'absent';
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(1), 0, 1, 0);
    // A format-1 line is JSON; a later format's line starts with its checksum.
    return bytesRead === 1 && buffer[0] === 0x7b ? 'format-1' : 'checksummed';
  } finally {
    await handle.close();
  }
}

/** Reads a format-1 directory the way its store did at a start: the snapshot, then the journal after it. */
async function readFormat1(dir: string): Promise<Format1Image> {
  const image: Format1Image = { journalSeq: 0, seq: 0, customers: new Map(), seen: [], stages: [], outbox: [], cursors: new Map(), tasks: new Map(), deliveries: new Map(), tail: [] };
  if (existsSync(join(dir, SNAPSHOT))) await readSnapshot(join(dir, SNAPSHOT), image);
  const segments = (await readdir(dir))
    .map((name) => SEGMENT.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ file: join(dir, m[0]), firstSeq: Number(m[1]) }))
    .sort((a, b) => a.firstSeq - b.firstSeq);
  let lastSeq = image.journalSeq;
  for (const [index, segment] of segments.entries()) {
    const read = await readJournal<Format1Op>(segment.file);
    if (read.goodLength < read.size) {
      if (index !== segments.length - 1) throw new JournalCorruptError(`journal ${segment.file}: damaged record at byte ${read.goodLength} in a journal segment that is followed by newer ones; refusing to start`);
      image.torn = { file: segment.file, offset: read.goodLength };
    }
    for (const record of read.records) {
      if (record.seq <= image.journalSeq) continue;
      if (record.seq !== lastSeq + 1) throw new JournalCorruptError(`journal ${segment.file}: record ${record.seq} follows record ${lastSeq}; records are missing — refusing to start`);
      image.tail.push(record.op);
      lastSeq = record.seq;
    }
  }
  return image;
}

/** Reads a format-1 snapshot (header, lines, end line counting them) into `image`. */
async function readSnapshot(file: string, image: Format1Image): Promise<void> {
  const damaged = (index: number, offset: number): JournalCorruptError =>
    new JournalCorruptError(`snapshot ${file}: line ${index + 1} (byte ${offset}) is damaged (not JSON); refusing to start — restore the data directory from a backup`);
  const incomplete = (lines: number): JournalCorruptError =>
    new JournalCorruptError(`snapshot ${file}: incomplete or damaged (expected a header and an end line counting ${Math.max(0, lines - 2)} lines); refusing to start`);
  const parse = (text: string, index: number, offset: number): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      throw damaged(index, offset);
    }
  };
  type Header = { t?: string; journalSeq?: number } | null;
  let header: Header = null;
  // Each line is loaded once the next one has arrived: the last line is the end line, not data.
  let pending: { text: string; index: number; offset: number } | undefined;
  let index = 0;
  let offset = 0;
  for await (const text of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    if (index === 0) {
      header = parse(text, 0, 0) as Header;
      if (header?.t !== 'header' || typeof header.journalSeq !== 'number') throw incomplete(index);
    } else {
      if (pending !== undefined) loadLine(parse(pending.text, pending.index, pending.offset) as Format1Line, image);
      pending = { text, index, offset };
    }
    offset += Buffer.byteLength(text, 'utf8') + 1;
    index++;
  }
  const end = pending === undefined ? null : (parse(pending.text, pending.index, pending.offset) as { t?: string; lines?: number } | null);
  const read = header as Header;
  if (read === null || end?.t !== 'end' || end.lines !== index - 2) throw incomplete(index);
  image.journalSeq = read.journalSeq!;
}

function loadLine(line: Format1Line, image: Format1Image): void {
  switch (line.t) {
    case 'seq':
      image.seq = line.seq;
      return;
    case 'customer':
      image.customers.set(line.state.customerId, { state: line.state, revision: line.revision, timeline: line.timeline });
      return;
    case 'seen':
      for (const id of line.ids) image.seen.push(id);
      return;
    case 'stage':
      image.stages.push(line.change);
      return;
    case 'outbox':
      image.outbox.push(line.entry);
      return;
    case 'cursor':
      image.cursors.set(line.consumer, line.cursor);
      return;
    case 'task':
      image.tasks.set(line.task.id, line.task);
      return;
    case 'delivery':
      image.deliveries.set(line.delivery.id, line.delivery);
      return;
  }
}

/** Links (or, where links are not possible, copies) the format-1 files into the backup directory, made complete before it gets its name. */
async function backUp(dir: string, backup: string): Promise<void> {
  const temp = `${backup}.tmp`;
  await rm(temp, { recursive: true, force: true });
  await mkdir(temp);
  const files = (await readdir(dir)).filter((name) => name === SNAPSHOT || SEGMENT.test(name));
  for (const name of files) {
    try {
      await link(join(dir, name), join(temp, name));
    } catch {
      await copyFile(join(dir, name), join(temp, name));
      await syncPath(join(temp, name));
    }
  }
  await syncPath(temp);
  await rename(temp, backup);
  await syncPath(dir);
}

/**
 * Writes the image in the current format into `staging`: a history file with each customer's timeline
 * as records, a snapshot pointing at them, and the format-1 journal tail as a journal segment
 * (replayed by the store at its start, as any journal is).
 */
async function writeCurrentFormat(image: Format1Image, staging: string): Promise<{ historyRecords: number }> {
  const counters = new JourneyCounterBook();
  const history = await JournalWriter.open<JournalLine>(join(staging, historyName(1)), 1);
  const writes: Promise<void>[] = [];
  const places = new Map<string, number[]>();
  for (const [customerId, { state, revision, timeline }] of image.customers) {
    const steps = stepsOf(customerId, state, revision, timeline, image.seq + 1);
    // Format 1 rebuilt the counters from each customer's state and timeline at every start; so does this, once.
    counters.recordStep(undefined, state, steps.flatMap(({ record }) => record.effects));
    // Each step of the old timeline is a commit of its own.
    const { seqs, offsets, written } = history.appendAll(steps.flatMap(({ record }) => commitLines([record])));
    writes.push(written);
    places.set(
      customerId,
      steps.flatMap(({ firstSeq }, i) => [seqs[i]!, offsets[i]!, firstSeq]),
    );
  }
  await Promise.all(writes);
  await history.close();
  const journalSeq = history.seq - 1;
  if (image.tail.length > 0) {
    const journal = await JournalWriter.open<JournalLine>(join(staging, segmentName(journalSeq + 1)), journalSeq + 1);
    const tailWrites = image.tail.map((op) =>
      op.op === 'commit' ? journal.appendAll(commitLines(op.records.map(withOrdinals))).written : journal.append(op),
    );
    await Promise.all(tailWrites);
    await journal.close();
  }
  await writeSnapshotFile(join(staging, SNAPSHOT), journalSeq, snapshotLines(image, places, counters));
  return { historyRecords: journalSeq };
}

/**
 * A customer's format-1 timeline cut into records that give back the same entries (see
 * timelineEntriesOf): a record per input entry with the effects numbered right after it, and per run
 * of effects without one. Format 1 kept neither the inputs of timer, schedule and migration steps
 * (timelines show only events and identifies) nor states before the latest, so those records get a
 * stand-in timer input and every record carries the customer's current state (only the latest
 * record's state is ever read).
 */
function stepsOf(customerId: string, state: CustomerState, revision: number, timeline: readonly Format1TimelineEntry[], nextSeq: number): { record: CommitRecord; firstSeq: number }[] {
  const groups: { input: Input | undefined; effects: IdentifiedEffect[]; firstSeq: number; next: number }[] = [];
  let group: (typeof groups)[number] | undefined;
  for (const entry of timeline) {
    if (entry.kind === 'input' || group === undefined || entry.seq !== group.next) {
      group = { input: entry.kind === 'input' ? entry.input : undefined, effects: [], firstSeq: entry.seq, next: entry.seq };
      groups.push(group);
    }
    if (entry.kind === 'effect') group.effects.push(entry.effect);
    group.next = entry.seq + 1;
  }
  // A customer whose steps left no timeline entry still needs a record to hold its state.
  if (groups.length === 0) groups.push({ input: undefined, effects: [], firstSeq: nextSeq, next: nextSeq });
  return groups.map(({ input, effects, firstSeq }) => ({
    firstSeq,
    record: withOrdinals({
      input: input ?? { type: 'timer', id: `format-1:${customerId}:${firstSeq}`, customerId, journeyId: effects[0]?.journeyId ?? '', at: effects[0]?.at ?? 0 },
      state,
      effects,
      baseRevision: revision - 1,
    }),
  }));
}

/** The snapshot lines of the image (the layout StateModel.captureSnapshot writes). */
function* snapshotLines(image: Format1Image, places: ReadonlyMap<string, number[]>, counters: JourneyCounterBook): Iterable<string> {
  yield JSON.stringify({ t: 'seq', seq: image.seq });
  const customers = [...image.customers];
  for (let from = 0; from < customers.length; from += BLOCK) {
    const block = customers.slice(from, from + BLOCK);
    const timers: (string | number)[] = [];
    block.forEach(([, { state }], index) => {
      for (const t of pendingTimers(state)) timers.push(index, t.journeyId, t.timerId, t.fireAt);
    });
    yield JSON.stringify({
      t: 'customers',
      ids: block.map(([id]) => id),
      revisions: block.map(([, c]) => c.revision),
      timers,
      history: block.map(([id]) => places.get(id)!),
      members: blockMembers(block.map(([, { state }]) => Object.keys(state.journeys))),
    });
  }
  yield* counters.capture();
  for (let i = 0; i < image.seen.length; i += 1000) yield JSON.stringify({ t: 'seen', ids: image.seen.slice(i, i + 1000) });
  const stages = new ChunkedLog<StageChange>('stages');
  for (const change of image.stages) stages.push(change);
  yield* stages.capture();
  const outbox = new ChunkedLog<OutboxEntry>('outbox');
  for (const entry of image.outbox) outbox.push(entry);
  yield* outbox.capture();
  for (const [consumer, cursor] of image.cursors) yield JSON.stringify({ t: 'cursor', consumer, cursor });
  for (const task of image.tasks.values()) yield JSON.stringify({ t: 'task', task });
  for (const delivery of image.deliveries.values()) yield JSON.stringify({ t: 'delivery', delivery });
}

