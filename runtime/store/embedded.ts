/** The embedded default store: a data directory with a group-committed journal, state snapshots and lowdb definitions. */
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { DefinitionBook, emptyDefinitions, type DefinitionsData } from './definitions.ts';
import { JournalCorruptError, JournalWriter, readJournal, truncateJournal } from './journal.ts';
import { ModelStore } from './model-store.ts';
import { StateModel, type SnapshotLine, type StoreOp } from './state-model.ts';
import { StoreUnavailableError } from './types.ts';

export interface EmbeddedStoreOptions {
  /** The data directory; created when missing. */
  dir: string;
  /** Take a snapshot once this many journal records (or as many as there are customers, if more) follow the last one. Default 20,000. */
  snapshotEvery?: number;
  /** Told about recoveries worth knowing (a torn journal tail that was cut off). Default: stderr. */
  onWarning?: (message: string) => void;
  /** Write a snapshot on close, so the next start reads no journal. Default true; false closes faster. */
  snapshotOnClose?: boolean;
}

const SNAPSHOT = 'snapshot.ndjson';
const DEFINITIONS = 'definitions.json';
const LOCK = 'LOCK';
const segmentName = (firstSeq: number): string => `journal-${String(firstSeq).padStart(12, '0')}.ndjson`;
const SEGMENT = /^journal-(\d{12})\.ndjson$/;

/**
 * Durability point: an operation is answered only after its journal record is fsynced; records
 * arriving together share one fsync. The working state lives in memory; a snapshot of it is written
 * now and then (temp file, fsync, rename) and the journal restarts after it, so a restart reads the
 * snapshot plus a short journal tail. The journal holds each step's result (new customer state and
 * effects), so recovery needs no engine and cannot diverge from what was acknowledged.
 *
 * Costs: an ingested event costs one journal line plus an amortised share of a snapshot; snapshots
 * are spaced at least as many records apart as there are customers, so the share stays constant
 * however many customers there are.
 *
 * @example
 * const store = await EmbeddedStore.open({ dir: './data' });
 * const runtime = createRuntime({ store, clock: new RealClock() });
 */
export class EmbeddedStore extends ModelStore {
  protected readonly definitions: DefinitionBook;
  private writer!: JournalWriter<StoreOp>;
  private recordsSinceSnapshot = 0;
  /** Size of the last snapshot written or read, in characters. */
  private lastSnapshotSize = 0;
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
      await store.recover();
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
    let captured!: { lines: Iterable<string>; journalSeq: number; previous: JournalWriter<StoreOp> };
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
      this.model = new StateModel();
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

  protected async persist(op: StoreOp): Promise<void> {
    let written: Promise<void>;
    try {
      written = this.writer.append(op);
    } catch (error) {
      // The op is in the model but cannot be encoded (too deep for JSON.stringify): the model must be rebuilt from disk.
      this.fail(error);
      throw error;
    }
    this.recordsSinceSnapshot++;
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
      await rm(join(this.options.dir, LOCK), { force: true });
    }
  }

  private async recover(): Promise<void> {
    const dir = this.options.dir;
    const snapshotSeq = await this.loadSnapshot();
    const segments = (await readdir(dir))
      .map((name) => SEGMENT.exec(name))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ file: join(dir, m[0]), firstSeq: Number(m[1]) }))
      .sort((a, b) => a.firstSeq - b.firstSeq);
    let lastSeq = snapshotSeq;
    for (const [index, segment] of segments.entries()) {
      const isLast = index === segments.length - 1;
      const read = await readJournal<StoreOp>(segment.file);
      if (read.goodLength < read.size) {
        if (!isLast) throw new JournalCorruptError(`journal ${segment.file}: damaged record at byte ${read.goodLength} in a journal segment that is followed by newer ones; refusing to start`);
        const warn = this.options.onWarning ?? ((message: string) => process.stderr.write(`warning: ${message}\n`));
        warn(`journal ${segment.file}: torn record at byte ${read.goodLength} (the process stopped while writing it, so it was never acknowledged); truncated to the last good record`);
        await truncateJournal(segment.file, read.goodLength);
      }
      for (const record of read.records) {
        if (record.seq <= snapshotSeq) continue;
        if (record.seq !== lastSeq + 1) {
          throw new JournalCorruptError(`journal ${segment.file}: record ${record.seq} follows record ${lastSeq}; records are missing — refusing to start`);
        }
        this.model.apply(record.op);
        lastSeq = record.seq;
        this.recordsSinceSnapshot++;
      }
    }
    const last = segments.at(-1);
    const file = last && last.firstSeq <= lastSeq + 1 ? last.file : join(dir, segmentName(lastSeq + 1));
    this.writer = await JournalWriter.open<StoreOp>(file, lastSeq + 1);
  }

  /** Loads the snapshot, if any; returns the journal seq it includes. */
  private async loadSnapshot(): Promise<number> {
    const file = join(this.options.dir, SNAPSHOT);
    if (!existsSync(file)) return 0;
    this.lastSnapshotSize = (await stat(file)).size;
    // Read line by line: a snapshot of a million customers is larger than the longest string V8 can hold.
    const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    const damaged = (index: number, offset: number): JournalCorruptError =>
      new JournalCorruptError(`snapshot ${file}: line ${index + 1} (byte ${offset}) is damaged (not JSON); refusing to start — restore the data directory from a backup`);
    const parseLine = (text: string, index: number, offset: number): unknown => {
      try {
        return JSON.parse(text);
      } catch {
        throw damaged(index, offset);
      }
    };
    type Header = { t?: string; journalSeq?: number } | null;
    let header: Header = null;
    // Each line is loaded once the next one has arrived: the last line is the footer, not model data.
    let pending: { text: string; index: number; offset: number } | undefined;
    let index = 0;
    let offset = 0;
    for await (const text of lines) {
      if (index === 0) {
        header = parseLine(text, 0, 0) as Header;
        if (header?.t !== 'header' || typeof header.journalSeq !== 'number') throw incomplete(file, index);
      } else {
        if (pending !== undefined) this.loadSnapshotLine(pending.text, pending.index, pending.offset, file, parseLine);
        pending = { text, index, offset };
      }
      offset += Buffer.byteLength(text, 'utf8') + 1;
      index++;
    }
    const footer = pending === undefined ? null : (parseLine(pending.text, pending.index, pending.offset) as { t?: string; lines?: number } | null);
    if (header === null || footer?.t !== 'end' || footer.lines !== index - 2) throw incomplete(file, index);
    return header.journalSeq!;
  }

  private loadSnapshotLine(text: string, index: number, offset: number, file: string, parseLine: (text: string, index: number, offset: number) => unknown): void {
    const line = parseLine(text, index, offset) as SnapshotLine;
    try {
      this.model.loadSnapshotLine(line);
    } catch (error) {
      throw new JournalCorruptError(`snapshot ${file}: line ${index + 1} (byte ${offset}) cannot be loaded (${error instanceof Error ? error.message : String(error)}); refusing to start`);
    }
  }


  /** With writes paused: new records go to a fresh segment from here on, and the model is captured at this instant. */
  private async switchSegment(): Promise<{ lines: Iterable<string>; journalSeq: number; previous: JournalWriter<StoreOp> }> {
    const journalSeq = this.writer.seq - 1;
    const previous = this.writer;
    this.writer = await JournalWriter.open<StoreOp>(join(this.options.dir, segmentName(journalSeq + 1)), journalSeq + 1);
    this.recordsSinceSnapshot = 0;
    return { lines: this.model.captureSnapshot(), journalSeq, previous };
  }

  /** Writes the captured model atomically (temp file + rename), then drops the segments it covers. */
  private async writeSnapshot({ lines, journalSeq, previous }: { lines: Iterable<string>; journalSeq: number; previous: JournalWriter<StoreOp> }): Promise<void> {
    const dir = this.options.dir;
    const temp = join(dir, `${SNAPSHOT}.tmp`);
    const handle = await open(temp, 'w');
    try {
      let count = 0;
      let size = 0;
      let chunk = `${JSON.stringify({ t: 'header', format: 1, journalSeq })}\n`;
      for (const line of lines) {
        chunk += `${line}\n`;
        count++;
        if (chunk.length > 1 << 20) {
          size += chunk.length;
          await handle.write(chunk);
          chunk = '';
        }
      }
      const end = `${chunk}${JSON.stringify({ t: 'end', lines: count })}\n`;
      size += end.length;
      await handle.write(end);
      await handle.sync();
      this.lastSnapshotSize = size;
    } finally {
      await handle.close();
    }
    await rename(temp, join(dir, SNAPSHOT));
    await syncDirectory(dir);
    await previous.close();
    for (const name of await readdir(dir)) {
      const m = SEGMENT.exec(name);
      if (m !== null && Number(m[1]) <= journalSeq) await rm(join(dir, name), { force: true });
    }
  }
}

/** Makes a rename durable: fsync the directory entry. */
const incomplete = (file: string, lines: number): JournalCorruptError =>
  new JournalCorruptError(`snapshot ${file}: incomplete or damaged (expected a header and an end line counting ${Math.max(0, lines - 2)} lines); refusing to start`);

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
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
