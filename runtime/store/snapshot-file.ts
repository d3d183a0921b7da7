/** Writing a snapshot file (checksummed lines between a header and an end line) and making files and renames durable. */
import { open } from 'node:fs/promises';
import { checksummedLine } from './journal.ts';

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
 * line each, an end line with their count; written in 1 MB pieces and fsynced. Returns the size written, in characters.
 *
 * @example
 * const size = await writeSnapshotFile('/data/snapshot.ndjson.tmp', 42, model.captureSnapshot());
 */
export async function writeSnapshotFile(file: string, journalSeq: number, lines: Iterable<string>): Promise<number> {
  const handle = await open(file, 'w');
  try {
    let count = 0;
    let size = 0;
    let chunk = checksummedLine(JSON.stringify({ t: 'header', format: SNAPSHOT_FORMAT, journalSeq }));
    for (const line of lines) {
      chunk += checksummedLine(line);
      count++;
      if (chunk.length > 1 << 20) {
        size += chunk.length;
        await handle.write(chunk);
        chunk = '';
      }
    }
    const end = `${chunk}${checksummedLine(JSON.stringify({ t: 'end', lines: count }))}`;
    size += end.length;
    await handle.write(end);
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
