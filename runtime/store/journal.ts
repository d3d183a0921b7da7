/** The append-only journal: checksummed NDJSON records, group-committed (one fsync per batch). */
import { open, readFile, truncate, type FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';

/**
 * One record per line: `<crc32 of the JSON, 8 hex digits> <JSON>\n`, the JSON being `{"seq":n,"op":…}`.
 * A line is whole only with its newline and a matching checksum.
 */
export interface JournalRecord<T> {
  seq: number;
  op: T;
}

export class JournalCorruptError extends Error {
  override readonly name = 'JournalCorruptError';
}

const encodeLine = (seq: number, op: unknown): string => {
  const json = JSON.stringify({ seq, op });
  return `${crc32(json).toString(16).padStart(8, '0')} ${json}\n`;
};

/** Parses one line (without its newline); undefined when it is damaged. */
function decodeLine<T>(line: string): JournalRecord<T> | undefined {
  if (line.length < 10 || line[8] !== ' ') return undefined;
  const json = line.slice(9);
  if (crc32(json).toString(16).padStart(8, '0') !== line.slice(0, 8)) return undefined;
  try {
    const parsed = JSON.parse(json) as JournalRecord<T>;
    return typeof parsed.seq === 'number' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export interface ReadJournal<T> {
  records: JournalRecord<T>[];
  /** Bytes of whole records; a torn tail starts here. */
  goodLength: number;
  /** Size of the file as found. */
  size: number;
}

/**
 * Reads a journal file. A damaged record at the very end (a write torn by a crash) ends the good
 * part; a damaged record followed by good ones is corruption and throws with the file and offset.
 *
 * @example
 * const { records, goodLength, size } = await readJournal('/data/journal-000000000001.ndjson');
 */
export async function readJournal<T>(file: string): Promise<ReadJournal<T>> {
  const bytes = await readFile(file);
  const records: JournalRecord<T>[] = [];
  let offset = 0;
  let damagedAt: number | undefined;
  while (offset < bytes.length) {
    const newline = bytes.indexOf(10, offset);
    const end = newline === -1 ? bytes.length : newline;
    const record = newline === -1 ? undefined : decodeLine<T>(bytes.toString('utf8', offset, end));
    if (record === undefined) {
      damagedAt ??= offset;
    } else if (damagedAt !== undefined) {
      throw new JournalCorruptError(
        `journal ${file}: damaged record at byte ${damagedAt}, followed by intact records (the next at byte ${offset}); refusing to start — restore the data directory from a backup, or truncate the file at byte ${damagedAt} to drop everything after it`,
      );
    } else {
      records.push(record);
    }
    offset = end + 1;
  }
  const goodLength = damagedAt ?? bytes.length;
  return { records, goodLength, size: bytes.length };
}

/** Cuts a torn tail off a journal file. */
export async function truncateJournal(file: string, length: number): Promise<void> {
  await truncate(file, length);
}

/**
 * Appends records to one journal file. Appends made while a write is in flight are gathered and
 * written (and fsynced) together: the promise of each append resolves once its record is on disk.
 *
 * @example
 * const writer = await JournalWriter.open('/data/journal-000000000001.ndjson', 1);
 * await writer.append({ op: 'ack', consumer: 'crm', cursor: 12 }); // durable now
 */
export class JournalWriter<T> {
  private pending: string[] = [];
  private waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  private flushing: Promise<void> | undefined;
  private failure: unknown;
  /** How many write + fsync rounds so far (each covers every record appended while the previous one ran). */
  flushes = 0;

  private appendedChars = 0;

  private constructor(
    private readonly handle: FileHandle,
    readonly file: string,
    private nextSeq: number,
  ) {}

  static async open<T>(file: string, nextSeq: number): Promise<JournalWriter<T>> {
    return new JournalWriter<T>(await open(file, 'a'), file, nextSeq);
  }

  /** The seq the next record will get. */
  get seq(): number {
    return this.nextSeq;
  }

  /** How much this writer has been given, in characters of JSON lines (about bytes): what a snapshot is weighed against. */
  get appended(): number {
    return this.appendedChars;
  }

  /** Queues a record; resolves once it is fsynced. Records are numbered in call order. */
  append(op: T): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const line = encodeLine(this.nextSeq++, op);
    this.appendedChars += line.length;
    this.pending.push(line);
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.flushing ??= this.flush();
    return done;
  }

  /** Resolves when everything appended so far is on disk. */
  async drain(): Promise<void> {
    while (this.flushing !== undefined) await this.flushing;
  }

  async close(): Promise<void> {
    await this.drain();
    await this.handle.close();
  }

  /** A write may be short (a nearly full disk takes what fits): keep writing until all is written or the disk says why not. */
  private async writeAll(bytes: Buffer): Promise<void> {
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await this.handle.write(bytes, offset, bytes.length - offset);
      if (bytesWritten <= 0) throw new Error(`journal ${this.file}: the write made no progress`);
      offset += bytesWritten;
    }
  }

  private async flush(): Promise<void> {
    // Let the appends of this turn of the event loop join the batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.pending.length > 0) {
      const lines = this.pending;
      const waiters = this.waiters;
      this.pending = [];
      this.waiters = [];
      try {
        await this.writeAll(Buffer.from(lines.join(''), 'utf8'));
        await this.handle.datasync();
        this.flushes++;
        for (const w of waiters) w.resolve();
      } catch (error) {
        this.failure = error;
        for (const w of [...waiters, ...this.waiters]) w.reject(error);
        this.waiters = [];
        this.pending = [];
      }
    }
    this.flushing = undefined;
  }
}
