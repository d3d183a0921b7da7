/** An append-only list that a snapshot stores in chunk lines and a restart keeps as text until someone reads it. */

const CHUNK = 1000;

/**
 * Why: stage changes and the outbox grow with the whole history, but a restart should not parse them
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
  /** Chunk lines from a snapshot, not parsed yet; they hold the oldest items. */
  private texts: string[] = [];
  private items: T[] = [];

  constructor(readonly kind: string) {}

  /** Whether a snapshot line is one of this log's chunks (checked without parsing it). */
  owns(text: string): boolean {
    return text.startsWith(`{"t":"${this.kind}",`);
  }

  /** Keeps a chunk line of a snapshot as it is, to be parsed on first read. */
  restoreChunk(text: string): void {
    this.texts.push(text);
  }

  push(item: T): void {
    this.items.push(item);
  }

  /** Every item, oldest first (parses the snapshot's chunks on the first call). */
  all(): readonly T[] {
    if (this.texts.length > 0) {
      const parsed: T[] = [];
      for (const text of this.texts) for (const item of (JSON.parse(text) as { items: T[] }).items) parsed.push(item);
      for (const item of this.items) parsed.push(item);
      this.items = parsed;
      this.texts = [];
    }
    return this.items;
  }

  /** The log as it is now, as snapshot lines: the unparsed chunks verbatim, then the rest in chunks. */
  capture(): Iterable<string> {
    const texts = this.texts.slice();
    const items = this.items;
    const count = items.length;
    const kind = this.kind;
    return {
      *[Symbol.iterator]() {
        yield* texts;
        for (let i = 0; i < count; i += CHUNK) yield JSON.stringify({ t: kind, items: items.slice(i, Math.min(count, i + CHUNK)) });
      },
    };
  }
}
