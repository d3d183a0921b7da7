/** The embedded default store: a data directory with a group-committed journal, state snapshots and lowdb definitions. */
import { closeSync, existsSync, openSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { DefinitionBook, emptyDefinitions, type DefinitionsData } from './definitions.ts';
import { upgradeFormat1 } from './format-1.ts';
import { PREVIOUS_SNAPSHOT_FORMAT, SNAPSHOT_FORMAT, syncPath, writeSnapshotFile } from './snapshot-file.ts';
import { forEachCheckedLine, JournalCorruptError, JournalWriter, readJournal, readRecordAt, readRecordAtSync, truncateJournal, type CheckedLine } from './journal.ts';
import { ModelStore } from './model-store.ts';
import { StateModel, timelineEntriesOf, timelinePage, type HistoryPlace, type StoreOp } from './state-model.ts';
import { commitLines, isRecordLine, recordOf, stateOf, type JournalLine } from './record-encoding.ts';
import { StoreUnavailableError, type CommitRecord, type Page, type PageQuery, type TimelineEntry } from './types.ts';
import type { CustomerState } from '../engine/types.ts';

export interface EmbeddedStoreOptions {
  /** The data directory; created when missing. */
  dir: string;
  /** Take a snapshot once this many journal records (or as many as there are customers, if more) follow the last one. Default 20,000. */
  snapshotEvery?: number;
  /** Told about recoveries worth knowing (a torn journal tail that was cut off, a format-1 directory upgraded). Default: stderr. */
  onWarning?: (message: string) => void;
  /** Write a snapshot on close, so the next start reads no journal. Default true; false closes faster. */
  snapshotOnClose?: boolean;
}

const SNAPSHOT = 'snapshot.ndjson';
const DEFINITIONS = 'definitions.json';
const LOCK = 'LOCK';
const segmentName = (firstSeq: number): string => `journal-${String(firstSeq).padStart(12, '0')}.ndjson`;
const historyName = (firstSeq: number): string => `history-${String(firstSeq).padStart(12, '0')}.ndjson`;
const SEGMENT = /^journal-(\d{12})\.ndjson$/;
const HISTORY = /^history-(\d{12})\.ndjson$/;

/**
 * Durability point: an operation is answered only after its journal lines are fsynced; lines
 * arriving together share one write and one fsync. The journal holds each step's result (the input,
 * the new customer state and the effects, one line per record), so recovery needs no engine and cannot
 * diverge from what was acknowledged.
 *
 * Files (format 3; format 2, still read, wrote each record whole as a `record` line):
 * - `journal-<first seq>.ndjson`: the journal since the last snapshot (see journal.ts for the line format);
 *   a record is a `step` line, its effects without what they share with the record (record-encoding.ts).
 * - `snapshot.ndjson`: header, then customers in blocks: revisions, pending timers and history indexes
 *   (where each of a customer's records sits in the journal: seq, byte offset, first timeline seq; no
 *   states: a customer's state is the one its latest record committed), the seen input ids, stage
 *   changes, outbox, cursors, tasks, deliveries and the journey counters; an end line counts the lines.
 *   Written now and then (temp file, fsync, rename); a restart reads it plus the short journal tail.
 * - `history-<first seq>.ndjson`: journal segments a snapshot covers are renamed, not deleted: they are
 *   the customers' timelines, read on demand through the history index (never at start).
 *
 * Costs: an ingested event costs one journal line plus an amortised share of a snapshot; snapshots are
 * spaced at least as many records apart as there are customers, and hold no timelines, so the share
 * stays constant however long the history grows.
 *
 * @example
 * const store = await EmbeddedStore.open({ dir: './data' });
 * const runtime = createRuntime({ store, clock: new RealClock() });
 */
export class EmbeddedStore extends ModelStore {
  protected readonly definitions: DefinitionBook;
  private writer!: JournalWriter<JournalLine>;
  /** The writer of the segment before the current one, until the snapshot that switched away from it is done. */
  private previousWriter: JournalWriter<JournalLine> | undefined;
  /** Every journal and history segment by first seq, ascending: where a history place's seq is found. */
  private segments: number[] = [];
  /** Open descriptors of segments that states are read from (customers restored from a snapshot), by first seq. */
  private readonly stateFiles = new Map<number, { fd: number; file: string }>();

  /** The state a record committed, read synchronously from its segment (see StateModel's DiskCustomer). */
  private readonly readStateSync = (seq: number, offset: number): CustomerState => {
    const segment = this.segmentOf(seq);
    let reader = this.stateFiles.get(segment);
    if (reader === undefined) {
      reader = openSegmentSync(this.options.dir, segment);
      this.stateFiles.set(segment, reader);
    }
    const line = readRecordAtSync<JournalLine>(reader.fd, reader.file, offset);
    if (line.seq !== seq || !isRecordLine(line.op)) throw new JournalCorruptError(`journal ${reader.file}: the record at byte ${offset} is not record ${seq}; the data directory is damaged`);
    return stateOf(line.op);
  };
  private recordsSinceSnapshot = 0;
  /** Size of the last snapshot written or read, in bytes. */
  private lastSnapshotSize = 0;
  /** The format of the snapshot found at start (undefined: none). */
  private snapshotFormat: number | undefined;
  /** The snapshot being written, if any (ingestion goes on meanwhile). */
  private snapshotWriting: Promise<void> | undefined;
  private readonly snapshotEvery: number;
  private failure: unknown;
  private healing: Promise<void> | undefined;
  private lastHealAttempt = 0;

  private constructor(
    private readonly options: EmbeddedStoreOptions,
    private readonly db: Low<DefinitionsData>,
  ) {
    super();
    this.model = new StateModel(this.readStateSync);
    this.snapshotEvery = options.snapshotEvery ?? 20_000;
    this.definitions = new DefinitionBook(db.data, () => db.write());
  }

  /** Opens (or creates) the data directory and recovers its state. */
  static async open(options: EmbeddedStoreOptions): Promise<EmbeddedStore> {
    await mkdir(options.dir, { recursive: true });
    await takeLock(options.dir);
    const db = new Low<DefinitionsData>(new JSONFile<DefinitionsData>(join(options.dir, DEFINITIONS)), emptyDefinitions());
    try {
      await db.read();
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      throw new JournalCorruptError(`definitions ${join(options.dir, DEFINITIONS)}: not valid JSON (${error.message}); refusing to start — restore it from a backup`);
    }
    db.data = { ...emptyDefinitions(), ...db.data };
    const store = new EmbeddedStore(options, db);
    try {
      // A directory written by the previous store format is rewritten in this one first (old files kept in a backup).
      await upgradeFormat1(options.dir, options.onWarning ?? ((message: string) => process.stderr.write(`warning: ${message}\n`)));
      await store.recover();
      // The directory is marked with this format before the first record is written in it: a store of the format
      // before (which would pass over its records) then refuses it.
      if (store.snapshotFormat !== SNAPSHOT_FORMAT) await store.snapshot();
    } catch (error) {
      await rm(join(options.dir, LOCK), { force: true });
      throw error;
    }
    return store;
  }

  /** Writes a snapshot now and drops the journal before it (also done automatically, and on close). */
  async snapshot(): Promise<void> {
    while (this.snapshotWriting !== undefined) await this.snapshotWriting.catch(() => undefined);
    while (this.writesPaused !== undefined) await this.writesPaused.catch(() => undefined);
    // Writes wait only while the journal moves to a fresh segment and the model is captured (references,
    // not JSON): a large snapshot is then written while ingestion goes on.
    let captured!: { lines: Iterable<string>; journalSeq: number; previous: JournalWriter<JournalLine> };
    this.writesPaused = this.switchSegment()
      .then((c) => void (captured = c))
      .finally(() => (this.writesPaused = undefined));
    await this.writesPaused;
    this.snapshotWriting = this.writeSnapshot(captured).finally(() => (this.snapshotWriting = undefined));
    await this.snapshotWriting;
  }

  protected override assertOpen(): void {
    super.assertOpen();
    if (this.failure !== undefined) {
      this.heal();
      throw new StoreUnavailableError(`the data directory ${this.options.dir} cannot be written (${String(this.failure)}); writes resume once it can`);
    }
  }

  /**
   * After a failed write the in-memory state may hold changes that never reached the disk, so writes stay
   * refused until the state is rebuilt from the disk. Tried at most once a second, when a write is refused:
   * a probe write checks the directory takes data again, then snapshot + journal are read afresh
   * (a torn tail cut off, as at start).
   */
  private heal(): void {
    if (this.healing !== undefined || Date.now() - this.lastHealAttempt < 1000) return;
    this.lastHealAttempt = Date.now();
    const rebuilt = (async () => {
      const probe = join(this.options.dir, 'write-probe.tmp');
      const handle = await open(probe, 'w');
      try {
        await handle.write(Buffer.alloc(64 * 1024));
        await handle.sync();
      } finally {
        await handle.close();
        await rm(probe, { force: true });
      }
      await this.writer.close().catch(() => undefined);
      const previous = this.model;
      this.model = new StateModel(this.readStateSync);
      this.recordsSinceSnapshot = 0;
      try {
        await this.recover();
      } catch (error) {
        this.model = previous;
        throw error;
      }
      this.failure = undefined;
      (this.options.onWarning ?? ((message: string) => process.stderr.write(`warning: ${message}\n`)))(`data directory ${this.options.dir}: writable again; state reloaded from disk, writes resume`);
    })();
    this.healing = rebuilt.catch(() => undefined).finally(() => (this.healing = undefined));
    this.writesPaused ??= this.healing.finally(() => (this.writesPaused = undefined));
  }

  protected async record(op: StoreOp): Promise<void> {
    // Encoded before the model changes: an op that cannot be encoded (too deep for JSON.stringify) throws here and changes nothing.
    const lines: JournalLine[] = op.op === 'commit' ? commitLines(op.records) : [op];
    const { seqs, offsets, written } = this.writer.appendAll(lines);
    if (seqs.length === lines.length) {
      this.model.apply(op, op.op === 'commit' ? seqs.map((seq, i): HistoryPlace => ({ seq, offset: offsets[i]! })) : undefined);
      this.recordsSinceSnapshot += lines.length;
    }
    // Snapshot only once the journal since the last one weighs at least half of it: then snapshots write at most
    // twice what the journal does, whatever the history size, and a restart replays a bounded tail.
    const due = this.recordsSinceSnapshot >= Math.max(this.snapshotEvery, this.model.customerCount) && this.writer.appended >= this.lastSnapshotSize / 2;
    if (this.snapshotWriting === undefined && due) {
      this.recordsSinceSnapshot = 0;
      void this.snapshot().catch(this.fail);
    }
    try {
      await written;
    } catch (error) {
      this.fail(error);
      throw error;
    }
  }

  private readonly fail = (error: unknown): void => {
    this.failure ??= error;
  };

  protected async release(): Promise<void> {
    try {
      while (this.writesPaused !== undefined) await this.writesPaused.catch(() => undefined);
      while (this.snapshotWriting !== undefined) await this.snapshotWriting.catch(() => undefined);
      if (this.failure === undefined && this.options.snapshotOnClose !== false) await this.snapshot();
      await this.writer.close();
    } finally {
      for (const { fd } of this.stateFiles.values()) closeSync(fd);
      this.stateFiles.clear();
      await rm(join(this.options.dir, LOCK), { force: true });
    }
  }

  private async recover(): Promise<void> {
    const dir = this.options.dir;
    const snapshotSeq = await this.loadSnapshot();
    const names = await readdir(dir);
    const segments = names
      .map((name) => SEGMENT.exec(name))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ file: join(dir, m[0]), firstSeq: Number(m[1]) }))
      .sort((a, b) => a.firstSeq - b.firstSeq);
    const history = names.map((name) => HISTORY.exec(name)).filter((m): m is RegExpExecArray => m !== null).map((m) => Number(m[1]));
    // Known before the journal is replayed: replaying a record may read its customer's state from a history segment.
    this.segments = [...new Set([...history, ...segments.map((segment) => segment.firstSeq)])].sort((a, b) => a - b);
    let lastSeq = snapshotSeq;
    const warn = this.options.onWarning ?? ((message: string) => process.stderr.write(`warning: ${message}\n`));
    for (const [index, segment] of segments.entries()) {
      const isLast = index === segments.length - 1;
      // Wholly covered by the snapshot (the process stopped before renaming it): history already; the next snapshot renames it.
      if (!isLast && segments[index + 1]!.firstSeq <= snapshotSeq + 1) continue;
      const read = await readJournal<JournalLine>(segment.file);
      let goodLength = read.goodLength;
      // The lines of a commit not yet closed by its `end` line, with where each starts.
      let open: { record: CommitRecord; place: HistoryPlace }[] = [];
      const applyFrom = (seq: number): boolean => {
        if (seq <= snapshotSeq) return false;
        if (seq !== lastSeq + 1) throw new JournalCorruptError(`journal ${segment.file}: record ${seq} follows record ${lastSeq}; records are missing — refusing to start`);
        lastSeq = seq;
        this.recordsSinceSnapshot++;
        return true;
      };
      for (const line of read.records) {
        if (isRecordLine(line.op)) {
          open.push({ record: recordOf(line.op), place: { seq: line.seq, offset: line.offset } });
          if (line.op.end !== true) continue;
          const commit = open.filter(({ place }) => applyFrom(place.seq));
          if (commit.length > 0) this.model.apply({ op: 'commit', records: commit.map((c) => c.record) }, commit.map((c) => c.place));
          open = [];
          continue;
        }
        if (open.length > 0) throw new JournalCorruptError(`journal ${segment.file}: the commit starting at byte ${open[0]!.place.offset} has no end line before the record at byte ${line.offset}; refusing to start`);
        if (applyFrom(line.seq)) this.model.apply(line.op);
      }
      // A commit whose last lines never reached the disk was never acknowledged: it is dropped whole, like a torn line.
      if (open.length > 0) goodLength = Math.min(goodLength, open[0]!.place.offset);
      if (goodLength < read.size) {
        if (!isLast) throw new JournalCorruptError(`journal ${segment.file}: damaged record at byte ${goodLength} in a journal segment that is followed by newer ones; refusing to start`);
        warn(`journal ${segment.file}: torn record at byte ${goodLength} (the process stopped while writing it, so it was never acknowledged); truncated to the last good record`);
        await truncateJournal(segment.file, goodLength);
      }
    }
    const live = segments.filter((segment, index) => index === segments.length - 1 || segments[index + 1]!.firstSeq > snapshotSeq + 1);
    const last = live.at(-1);
    const firstSeq = last && last.firstSeq <= lastSeq + 1 ? last.firstSeq : lastSeq + 1;
    this.writer = await JournalWriter.open<JournalLine>(join(dir, segmentName(firstSeq)), lastSeq + 1);
    this.previousWriter = undefined;
    if (!this.segments.includes(firstSeq)) this.segments.push(firstSeq);
  }

  /** The customer's timeline, newest first: its records read back from the journal and history segments. */
  override async timeline(customerId: string, query?: PageQuery): Promise<Page<TimelineEntry>> {
    const index = this.model.historyOf(customerId).slice();
    const entries: TimelineEntry[] = [];
    const handles = new Map<number, { handle: Awaited<ReturnType<typeof open>>; file: string }>();
    try {
      for (let i = 0; i < index.length; i += 3) {
        const seq = index[i]!;
        const segment = this.segmentOf(seq);
        await this.writtenAt(seq);
        let reader = handles.get(segment);
        if (reader === undefined) {
          reader = await this.openSegment(segment);
          handles.set(segment, reader);
        }
        const line = await readRecordAt<JournalLine>(reader.handle, reader.file, index[i + 1]!);
        if (line.seq !== seq || !isRecordLine(line.op)) throw new JournalCorruptError(`journal ${reader.file}: the record at byte ${index[i + 1]} is not record ${seq} of customer ${customerId}; the data directory is damaged`);
        for (const entry of timelineEntriesOf(recordOf(line.op), index[i + 2]!)) entries.push(entry);
      }
    } finally {
      for (const { handle } of handles.values()) await handle.close();
    }
    return timelinePage(entries, query);
  }

  /** The first seq of the segment holding record `seq`. */
  private segmentOf(seq: number): number {
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.segments[mid]! <= seq) lo = mid;
      else hi = mid - 1;
    }
    return this.segments[lo]!;
  }

  /** Waits until record `seq` is in its file (it is in the model as soon as it is appended, and written a moment later). */
  private async writtenAt(seq: number): Promise<void> {
    if (seq >= this.writer.startSeq) await this.writer.whenWritten(seq);
    else if (this.previousWriter !== undefined && seq >= this.previousWriter.startSeq) await this.previousWriter.whenWritten(seq);
  }

  /** Opens a segment for reading, under its journal name or (once a snapshot covers it) its history name. */
  private async openSegment(firstSeq: number): Promise<{ handle: Awaited<ReturnType<typeof open>>; file: string }> {
    const dir = this.options.dir;
    for (const file of [join(dir, segmentName(firstSeq)), join(dir, historyName(firstSeq))]) {
      try {
        return { handle: await open(file, 'r'), file };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    // Renamed between the two tries: it is history now.
    const file = join(dir, historyName(firstSeq));
    return { handle: await open(file, 'r'), file };
  }

  /** Loads the snapshot, if any; returns the journal seq it includes. */
  private async loadSnapshot(): Promise<number> {
    const file = join(this.options.dir, SNAPSHOT);
    if (!existsSync(file)) return 0;
    this.lastSnapshotSize = (await stat(file)).size;
    const damaged = (index: number, offset: number, why: string): JournalCorruptError =>
      new JournalCorruptError(`snapshot ${file}: line ${index + 1} (byte ${offset}) is damaged (${why}); refusing to start — restore the data directory from a backup`);
    type Header = { t?: string; format?: number; journalSeq?: number } | null;
    let header: Header = null;
    // Each line is loaded once the next one has arrived: the last line is the footer, not model data.
    let pending: CheckedLine | undefined;
    let count = 0;
    await forEachCheckedLine(file, (line) => {
      count++;
      if (!line.intact) throw damaged(line.index, line.offset, 'checksum mismatch or cut short');
      if (line.index === 0) {
        header = parseSnapshotJson(line.bytes.toString('utf8', line.start, line.end), () => damaged(0, 0, 'not JSON')) as Header;
        if (header?.t !== 'header' || typeof header.journalSeq !== 'number') throw incomplete(file, 0);
        if (header.format !== SNAPSHOT_FORMAT && header.format !== PREVIOUS_SNAPSHOT_FORMAT) {
          throw new JournalCorruptError(`snapshot ${file}: format ${String(header.format)}, this version reads formats ${PREVIOUS_SNAPSHOT_FORMAT} and ${SNAPSHOT_FORMAT}; refusing to start — open the directory with the version that wrote it`);
        }
        this.snapshotFormat = header.format;
        return;
      }
      if (pending !== undefined) this.loadSnapshotLine(pending, file);
      pending = line;
    });
    const last = pending as CheckedLine | undefined;
    const footer = last === undefined ? null : (parseSnapshotJson(last.bytes.toString('utf8', last.start, last.end), () => incomplete(file, count)) as { t?: string; lines?: number } | null);
    const read = header as Header;
    if (read === null || footer?.t !== 'end' || footer.lines !== count - 2) throw incomplete(file, count);
    return read.journalSeq!;
  }

  private loadSnapshotLine(line: CheckedLine, file: string): void {
    try {
      this.model.loadSnapshotLine(line.bytes, line.start, line.end);
    } catch (error) {
      throw new JournalCorruptError(`snapshot ${file}: line ${line.index + 1} (byte ${line.offset}) cannot be loaded (${error instanceof Error ? error.message : String(error)}); refusing to start — restore the data directory from a backup`);
    }
  }

  /** With writes paused: new records go to a fresh segment from here on, and the model is captured at this instant. */
  private async switchSegment(): Promise<{ lines: Iterable<string>; journalSeq: number; previous: JournalWriter<JournalLine> }> {
    const journalSeq = this.writer.seq - 1;
    const previous = this.writer;
    this.writer = await JournalWriter.open<JournalLine>(join(this.options.dir, segmentName(journalSeq + 1)), journalSeq + 1);
    this.previousWriter = previous;
    if (this.segments.at(-1) !== journalSeq + 1) this.segments.push(journalSeq + 1);
    this.recordsSinceSnapshot = 0;
    return { lines: this.model.captureSnapshot(), journalSeq, previous };
  }

  /** Writes the captured model atomically (temp file + rename), then drops the segments it covers. */
  private async writeSnapshot({ lines, journalSeq, previous }: { lines: Iterable<string>; journalSeq: number; previous: JournalWriter<JournalLine> }): Promise<void> {
    const dir = this.options.dir;
    const temp = join(dir, `${SNAPSHOT}.tmp`);
    // The snapshot covers every record appended to the previous segment, some perhaps still on their way to the
    // disk (their commits not yet answered). It may take their place only once they are there: otherwise a crash
    // leaves a snapshot holding unacknowledged changes and history indexes pointing past the segment's end.
    await previous.durable();
    this.lastSnapshotSize = await writeSnapshotFile(temp, journalSeq, lines);
    await rename(temp, join(dir, SNAPSHOT));
    await syncPath(dir);
    await previous.close();
    if (this.previousWriter === previous) this.previousWriter = undefined;
    // Segments the snapshot covers stop being journal (a restart skips them) and stay as history.
    for (const name of await readdir(dir)) {
      const m = SEGMENT.exec(name);
      if (m !== null && Number(m[1]) <= journalSeq) await rename(join(dir, name), join(dir, historyName(Number(m[1]))));
    }
    await syncPath(dir);
  }
}

const incomplete = (file: string, lines: number): JournalCorruptError =>
  new JournalCorruptError(`snapshot ${file}: incomplete or damaged (expected a header and an end line counting ${Math.max(0, lines - 2)} lines); refusing to start`);

/** Opens a segment for synchronous reads, under its journal name or (once a snapshot covers it) its history name. */
function openSegmentSync(dir: string, firstSeq: number): { fd: number; file: string } {
  const journal = join(dir, segmentName(firstSeq));
  try {
    return { fd: openSync(journal, 'r'), file: journal };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const history = join(dir, historyName(firstSeq));
  return { fd: openSync(history, 'r'), file: history };
}

/** Parses a snapshot line's JSON, or throws what `damaged` makes. */
function parseSnapshotJson(text: string, damaged: () => Error): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw damaged();
  }
}

/** One process per data directory: a LOCK file with the owner's pid; a lock left by a dead process is taken over. */
async function takeLock(dir: string): Promise<void> {
  const file = join(dir, LOCK);
  try {
    await writeFile(file, String(process.pid), { flag: 'wx' });
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const owner = Number(await readFile(file, 'utf8').catch(() => ''));
  if (Number.isSafeInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
    throw new Error(`data directory ${dir} is in use by process ${owner} (remove ${file} if that is wrong)`);
  }
  await writeFile(file, String(process.pid));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
