/** Writing a snapshot file (checksummed lines between a header and an end line) and making files and renames durable. */
import { open } from 'node:fs/promises';
import { checksummedLines, writeAll } from './journal.ts';

/**
 * The snapshot format this version writes. 2: no states, timelines in history files. 3: the same snapshot, over
 * journal and history files whose records are `step` lines (effects encoded), which a format-2 store would pass
 * over: the number tells such a store to refuse the directory instead.
 */
export const SNAPSHOT_FORMAT = 3;

/** The format before, still read: its snapshot is the same, its records are `record` lines. */
export const PREVIOUS_SNAPSHOT_FORMAT = 2;

/**
 * Writes `lines` to `file` as a snapshot: a header line with the format and the journal seq it covers, one checksummed
 * line each, an end line with their count; written in 1 MB pieces and fsynced. Returns the size written, in bytes.
 *
 * @example
 * const size = await writeSnapshotFile('/data/snapshot.ndjson.tmp', 42, model.captureSnapshot());
 */
export async function writeSnapshotFile(file: string, journalSeq: number, lines: Iterable<string>): Promise<number> {
  const handle = await open(file, 'w');
  try {
    let count = 0;
    let size = 0;
    let piece = [JSON.stringify({ t: 'header', format: SNAPSHOT_FORMAT, journalSeq })];
    let chars = piece[0]!.length;
    const write = async (): Promise<void> => {
      const bytes = checksummedLines(piece);
      size += bytes.length;
      await writeAll(handle, `snapshot ${file}`, bytes);
      piece = [];
      chars = 0;
    };
    for (const line of lines) {
      piece.push(line);
      chars += line.length;
      count++;
      if (chars > 1 << 20) await write();
    }
    piece.push(JSON.stringify({ t: 'end', lines: count }));
    await write();
    await handle.sync();
    return size;
  } finally {
    await handle.close();
  }
}

/**
 * fsyncs a file, or a directory so that the entries renamed or created in it are durable.
 *
 * @example
 * await rename(temp, final);
 * await syncPath(dir);
 */
export async function syncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
