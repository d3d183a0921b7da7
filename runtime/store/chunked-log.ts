/** An append-only list that a snapshot stores in chunk lines and a restart keeps undecoded until someone reads it. */

const CHUNK = 1000;

/**
 * Why: stage changes and the outbox grow with the whole history, but a restart should not decode them
 * before it is ready. Chunks read from a snapshot stay unparsed until the first read; a snapshot
 * writes them back verbatim while they are. Items only ever get appended, and the array is replaced
 * (not changed) when chunks are parsed, so a captured array and length keep describing their instant.
 *
 * @example
 * const log = new ChunkedLog<{ seq: number }>('outbox');
 * log.push({ seq: 1 });
 * [...log.capture()]; // ['{"t":"outbox","items":[{"seq":1}]}']
 */
export class ChunkedLog<T> {
  /** Chunk lines from a snapshot, still in the buffers they were read into (not even decoded); they hold the oldest items. */
  private chunks: { bytes: Buffer; start: number; end: number }[] = [];
  private items: T[] = [];

  constructor(readonly kind: string) {
    this.prefix = Buffer.from(`{"t":${JSON.stringify(kind)},`);
  }

  private readonly prefix: Buffer;

  /** Whether the snapshot line in `bytes[start, end)` is one of this log's chunks (checked without decoding it). */
  owns(bytes: Buffer, start: number, end: number): boolean {
    return end - start >= this.prefix.length && bytes.compare(this.prefix, 0, this.prefix.length, start, start + this.prefix.length) === 0;
  }

  /** Keeps a chunk line of a snapshot where it is, to be decoded and parsed on first read. */
  restoreChunk(bytes: Buffer, start: number, end: number): void {
    this.chunks.push({ bytes, start, end });
  }

  push(item: T): void {
    this.items.push(item);
  }

  /** Every item, oldest first (parses the snapshot's chunks on the first call). */
  all(): readonly T[] {
    if (this.chunks.length > 0) {
      const parsed: T[] = [];
      for (const { bytes, start, end } of this.chunks) for (const item of (JSON.parse(bytes.toString('utf8', start, end)) as { items: T[] }).items) parsed.push(item);
      for (const item of this.items) parsed.push(item);
      this.items = parsed;
      this.chunks = [];
    }
    return this.items;
  }

  /** The log as it is now, as snapshot lines: the unparsed chunks verbatim, then the rest in chunks. */
  capture(): Iterable<string> {
    const chunks = this.chunks.slice();
    const items = this.items;
    const count = items.length;
    const kind = this.kind;
    return {
      *[Symbol.iterator]() {
        for (const { bytes, start, end } of chunks) yield bytes.toString('utf8', start, end);
        for (let i = 0; i < count; i += CHUNK) yield JSON.stringify({ t: kind, items: items.slice(i, Math.min(count, i + CHUNK)) });
      },
    };
  }
}
