/** The append-only journal: checksummed NDJSON records, group-committed (one fsync per batch). */
import { readSync } from 'node:fs';
import { open, readFile, stat, truncate, type FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';

/**
 * One record per line: `<crc32 of the JSON, 8 hex digits> <JSON>\n`, the JSON being `{"seq":n,"op":…}`.
 * A line is whole only with its newline and a matching checksum.
 */
export interface JournalRecord<T> {
  seq: number;
  op: T;
}

/** A record as read back, with the byte offset of its line in the file (what history indexes point at). */
export interface PlacedRecord<T> extends JournalRecord<T> {
  offset: number;
}

export class JournalCorruptError extends Error {
  override readonly name = 'JournalCorruptError';
}

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
  records: PlacedRecord<T>[];
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
  const records: PlacedRecord<T>[] = [];
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
      records.push({ seq: record.seq, op: record.op, offset });
    }
    offset = end + 1;
  }
  const goodLength = damagedAt ?? bytes.length;
  return { records, goodLength, size: bytes.length };
}

/**
 * Reads the one record whose line starts at `offset` of an open file (a history lookup). Throws with the
 * file and offset when no whole, checksummed record starts there.
 *
 * @example
 * const record = await readRecordAt(handle, '/data/history-000000000001.ndjson', 0);
 */
export async function readRecordAt<T>(handle: FileHandle, file: string, offset: number): Promise<JournalRecord<T>> {
  for (let size = FIRST_READ; ; size *= 4) {
    const buffer = Buffer.allocUnsafe(size);
    const { bytesRead } = await handle.read(buffer, 0, size, offset);
    const found = recordInRead<T>(buffer, bytesRead);
    if (found === 'read more') continue;
    if (found === undefined) throw noRecordAt(file, offset);
    return found;
  }
}

/**
 * {@link readRecordAt} for a caller that cannot wait: one positioned read of an open file descriptor
 * (a few KB, normally from the page cache).
 *
 * @example
 * const record = readRecordAtSync(fd, '/data/history-000000000001.ndjson', 0);
 */
export function readRecordAtSync<T>(fd: number, file: string, offset: number): JournalRecord<T> {
  for (let size = FIRST_READ; ; size *= 4) {
    const buffer = Buffer.allocUnsafe(size);
    const found = recordInRead<T>(buffer, readSync(fd, buffer, 0, size, offset));
    if (found === 'read more') continue;
    if (found === undefined) throw noRecordAt(file, offset);
    return found;
  }
}

/** Most records fit in the first read; a longer line is read again with four times the room. */
const FIRST_READ = 4096;

/** The record on the first line of a positioned read; 'read more' when the buffer filled before the line ended. */
function recordInRead<T>(buffer: Buffer, bytesRead: number): JournalRecord<T> | 'read more' | undefined {
  const newline = buffer.subarray(0, bytesRead).indexOf(10);
  if (newline !== -1) return decodeLine<T>(buffer.toString('utf8', 0, newline));
  return bytesRead === buffer.length ? 'read more' : undefined;
}

const noRecordAt = (file: string, offset: number): JournalCorruptError =>
  new JournalCorruptError(`journal ${file}: no intact record at byte ${offset} (the history index points there); the data directory is damaged — restore it from a backup`);

/** One checksummed line of text: `<crc32 of the text's UTF-8, 8 hex digits> <text>\n`, the line format of journals and snapshots (checksummedLines writes many at once). */
export const checksummedLine = (text: string): string => `${crc32(text).toString(16).padStart(8, '0')} ${text}\n`;

/** A line's bytes besides its text: 8 hex digits of checksum, a space, the newline. */
const LINE_FRAME = 10;
const SPACE = 0x20;
const NEWLINE = 0x0a;
const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');

/**
 * {@link checksummedLine}s of several texts, encoded into one buffer: each text's UTF-8 is written once, straight
 * into the buffer, and its checksum computed on those bytes (joining the lines into one string first cost a copy of
 * them all, a large flat string, and a second encoding for the checksums). `starts`, when given, gets where each
 * line begins in the buffer.
 *
 * @example
 * await handle.write(checksummedLines(['{"t":"seq","seq":1}', '{"t":"end","lines":1}'])); // the bytes of checksummedLine of each, in order
 */
export function checksummedLines(texts: readonly string[], starts?: number[]): Buffer {
  // Room for every line as ASCII; a line that may need more (characters beyond ASCII) is measured first.
  let room = 0;
  for (const text of texts) room += text.length + LINE_FRAME;
  let buffer = Buffer.allocUnsafe(room);
  /** The lines after the current one, as ASCII. */
  let rest = room;
  let end = 0;
  for (const text of texts) {
    rest -= text.length + LINE_FRAME;
    if (buffer.length - end - LINE_FRAME < text.length * 3) {
      const needed = end + Buffer.byteLength(text, 'utf8') + LINE_FRAME + rest;
      if (needed > buffer.length) {
        const larger = Buffer.allocUnsafe(needed);
        buffer.copy(larger, 0, 0, end);
        buffer = larger;
      }
    }
    const length = buffer.write(text, end + 9, 'utf8');
    writeHex32(buffer, end, crc32(buffer.subarray(end + 9, end + 9 + length)));
    buffer[end + 8] = SPACE;
    buffer[end + 9 + length] = NEWLINE;
    starts?.push(end);
    end += length + LINE_FRAME;
  }
  return end === buffer.length ? buffer : buffer.subarray(0, end);
}

/** Writes `value` (an unsigned 32-bit number) at `offset` as 8 lowercase hex digits, as `toString(16).padStart(8, '0')` spells it. */
function writeHex32(buffer: Buffer, offset: number, value: number): void {
  for (let digit = 0; digit < 8; digit++) buffer[offset + digit] = HEX_DIGITS[(value >>> (28 - 4 * digit)) & 15]!;
}

/**
 * Writes all of `bytes` at the file's current position: a write may be short (a nearly full disk takes what fits),
 * so it goes on until all is written or the disk says why not.
 */
export async function writeAll(handle: FileHandle, file: string, bytes: Buffer): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    if (bytesWritten <= 0) throw new Error(`${file}: the write made no progress`);
    offset += bytesWritten;
  }
}

/**
 * A checksummed line as read back: 0-based line number, byte offset in the file, and where its text
 * sits in `bytes` (`[start, end)`, after the checksum); `intact` is false when the checksum does not match.
 * The text is not decoded: the reader decides what to turn into strings.
 */
export interface CheckedLine {
  intact: boolean;
  index: number;
  offset: number;
  bytes: Buffer;
  start: number;
  end: number;
}

/**
 * Reads a file of {@link checksummedLine}s in large chunks (no per-line stream overhead; a file may be
 * larger than the longest string V8 can hold) and hands each line to `onLine` in order. Checksums are
 * checked on the bytes, before any text is decoded. A last line without its newline comes as damaged.
 *
 * @example
 * await forEachCheckedLine('/data/snapshot.ndjson', ({ intact, index, offset, bytes, start, end }) => console.log(index, offset, intact && bytes.toString('utf8', start, end)));
 */
export async function forEachCheckedLine(file: string, onLine: (line: CheckedLine) => void): Promise<void> {
  const handle = await open(file, 'r');
  try {
    const CHUNK = 16 * 1024 * 1024;
    let carry = Buffer.alloc(0);
    let position = 0;
    let index = 0;
    /** File offset of `carry[0]`. */
    let base = 0;
    for (;;) {
      // A fresh buffer each time (readers may keep parts of it); the unfinished line of the last one goes first.
      const chunk = Buffer.allocUnsafe(carry.length + CHUNK);
      carry.copy(chunk, 0);
      const { bytesRead } = await handle.read(chunk, carry.length, CHUNK, position);
      position += bytesRead;
      const bytes = chunk.subarray(0, carry.length + bytesRead);
      let start = 0;
      for (let newline = bytes.indexOf(10, start); newline !== -1; newline = bytes.indexOf(10, start)) {
        onLine({ intact: isIntact(bytes, start, newline), index: index++, offset: base + start, bytes, start: start + 9, end: newline });
        start = newline + 1;
      }
      base += start;
      carry = Buffer.from(bytes.subarray(start));
      if (bytesRead === 0) break;
    }
    if (carry.length > 0) onLine({ intact: false, index, offset: base, bytes: carry, start: 0, end: carry.length });
  } finally {
    await handle.close();
  }
}

/** Whether the checksummed line in `bytes[start, end)` matches its checksum. */
function isIntact(bytes: Buffer, start: number, end: number): boolean {
  if (end - start < 9 || bytes[start + 8] !== 32) return false;
  return crc32(bytes.subarray(start + 9, end)) === Number.parseInt(bytes.toString('latin1', start, start + 8), 16);
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
  /** Encoded groups of lines waiting for the next write, and how many lines they hold. */
  private pending: Buffer[] = [];
  private pendingLines = 0;
  private waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  private flushing: Promise<void> | undefined;
  private failure: unknown;
  /** How many write + fsync rounds so far (each covers every record appended while the previous one ran). */
  flushes = 0;

  private appendedBytes = 0;

  private constructor(
    private readonly handle: FileHandle,
    readonly file: string,
    private nextSeq: number,
    /** Bytes in the file once everything appended so far is written: where the next line will start. */
    private bytes: number,
  ) {
    this.startSeq = nextSeq;
    this.writtenThrough = nextSeq - 1;
  }

  /** The seq of the first record this writer appends (records before it are in older files, or earlier in this one). */
  readonly startSeq: number;
  /** Every record up to this seq is written (readable from the file). */
  private writtenThrough: number;

  static async open<T>(file: string, nextSeq: number): Promise<JournalWriter<T>> {
    const handle = await open(file, 'a');
    return new JournalWriter<T>(handle, file, nextSeq, (await stat(file)).size);
  }

  /** Resolves once the record `seq` (appended by this writer) is in the file, or once writing stopped (a failure). */
  async whenWritten(seq: number): Promise<void> {
    while (this.writtenThrough < seq && this.flushing !== undefined) await this.flushing;
  }

  /** The seq the next record will get. */
  get seq(): number {
    return this.nextSeq;
  }

  /** How much this writer has been given, in bytes of lines: what a snapshot is weighed against. */
  get appended(): number {
    return this.appendedBytes;
  }

  /** Queues a record; resolves once it is fsynced. Records are numbered in call order. */
  append(op: T): Promise<void> {
    return this.appendAll([op]).written;
  }

  /**
   * Queues records that belong together (they go into the same write and fsync). Encodes them at once,
   * so an op that cannot be encoded throws here and nothing is queued. Returns where each line starts
   * (seq and byte offset, for a history index) and a promise that resolves once all are fsynced.
   */
  appendAll(ops: readonly T[]): { seqs: number[]; offsets: number[]; written: Promise<void> } {
    if (this.failure !== undefined) return { seqs: [], offsets: [], written: Promise.reject(this.failure) };
    const texts: string[] = new Array<string>(ops.length);
    for (let i = 0; i < ops.length; i++) texts[i] = JSON.stringify({ seq: this.nextSeq + i, op: ops[i] });
    const starts: number[] = [];
    const lines = checksummedLines(texts, starts);
    const seqs: number[] = [];
    const offsets: number[] = [];
    for (let i = 0; i < ops.length; i++) {
      seqs.push(this.nextSeq + i);
      offsets.push(this.bytes + starts[i]!);
    }
    this.nextSeq += ops.length;
    this.bytes += lines.length;
    this.appendedBytes += lines.length;
    this.pending.push(lines);
    this.pendingLines += ops.length;
    const written = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.flushing ??= this.flush();
    return { seqs, offsets, written };
  }

  /** Resolves when everything appended so far is on disk, or writing stopped (see {@link durable}). */
  async drain(): Promise<void> {
    while (this.flushing !== undefined) await this.flushing;
  }

  /** Resolves once everything appended so far is on disk; rejects with the failure when writing stopped before that. */
  async durable(): Promise<void> {
    await this.drain();
    if (this.failure !== undefined) throw this.failure;
  }

  async close(): Promise<void> {
    await this.drain();
    await this.handle.close();
  }

  private async flush(): Promise<void> {
    // Let the appends of this turn of the event loop join the batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.pending.length > 0) {
      const groups = this.pending;
      const lines = this.pendingLines;
      const waiters = this.waiters;
      this.pending = [];
      this.pendingLines = 0;
      this.waiters = [];
      try {
        await writeAll(this.handle, `journal ${this.file}`, groups.length === 1 ? groups[0]! : Buffer.concat(groups));
        this.writtenThrough += lines;
        await this.handle.datasync();
        this.flushes++;
        for (const w of waiters) w.resolve();
      } catch (error) {
        this.failure = error;
        for (const w of [...waiters, ...this.waiters]) w.reject(error);
        this.waiters = [];
        this.pending = [];
        this.pendingLines = 0;
      }
    }
    this.flushing = undefined;
  }
}
