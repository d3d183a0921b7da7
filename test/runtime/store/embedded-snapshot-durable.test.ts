/** Embedded store: a snapshot takes its place only once the segment it covers is on disk, shown with a journal flush held mid-way and a crash copied from the directory. */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newCustomerState } from '../../../runtime/engine/index.ts';
import type { CustomerState } from '../../../runtime/engine/types.ts';
import { EmbeddedStore } from '../../../runtime/store/embedded.ts';
import { JournalWriter } from '../../../runtime/store/journal.ts';
import type { CommitRecord } from '../../../runtime/store/types.ts';

const root = mkdtempSync(join(tmpdir(), 'ls-snapshot-durable-'));
let count = 0;
const freshDir = (): string => join(root, `d${++count}`);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const stateOf = (customerId: string, visits: number): CustomerState => ({ ...newCustomerState(customerId), profile: { visits } });
const rec = (inputId: string, customerId: string, baseRevision: number): CommitRecord => ({
  input: { type: 'event', id: inputId, customerId, event: 'visit', at: 1000, properties: {} },
  state: stateOf(customerId, baseRevision + 1),
  effects: [],
  baseRevision,
});

/** Where the flush of the journal group is held: before its bytes reach the file, or after, before its datasync. */
type HeldStep = 'write' | 'datasync';

interface HeldFlush {
  /** Resolves once the flush is held. */
  held: Promise<void>;
  /** Resolves once something waits for `segment`'s writer to finish (the snapshot, through durable() or close()). */
  waitedFor: Promise<void>;
  /** Lets the held call go on. */
  release: () => void;
  /** Puts the patched methods back. */
  restore: () => void;
}

type Method = (this: unknown, ...args: unknown[]) => Promise<unknown>;

/**
 * Holds the journal flush of the group whose bytes contain `marker`, at `step`. The interception is below the store, on
 * the prototype of Node's FileHandle, so the store runs its own code unchanged. Only the first write whose bytes hold
 * the marker is held (snapshot files are written as Buffers too): in these tests the journal's, whose commit starts
 * before the snapshot is asked for; the checks below fail if the held write were the snapshot's.
 */
async function holdFlush(step: HeldStep, marker: string, segment: string): Promise<HeldFlush> {
  const probe = await open(join(root, 'probe'), 'w');
  const fileHandle = Object.getPrototypeOf(probe) as Record<'write' | 'datasync', Method>;
  await probe.close();
  const writer = JournalWriter.prototype as unknown as Record<'drain', Method>;
  const original = { write: fileHandle.write, datasync: fileHandle.datasync, drain: writer.drain };

  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let onHeld!: () => void;
  const held = new Promise<void>((resolve) => (onHeld = resolve));
  let onWaitedFor!: () => void;
  const waitedFor = new Promise<void>((resolve) => (onWaitedFor = resolve));
  let marked: unknown;
  let holding = false;
  const hold = (call: () => Promise<unknown>): Promise<unknown> => {
    holding = true;
    onHeld();
    return gate.then(call);
  };

  fileHandle.write = function (...args) {
    if (marked === undefined && Buffer.isBuffer(args[0]) && args[0].includes(marker)) {
      marked = this;
      if (step === 'write') return hold(() => original.write.apply(this, args));
    }
    return original.write.apply(this, args);
  };
  fileHandle.datasync = function (...args) {
    if (step === 'datasync' && this === marked && !holding) return hold(() => original.datasync.apply(this, args));
    return original.datasync.apply(this, args);
  };
  // Where a snapshot stops while the flush is held, whichever order it takes: waiting before its rename (durable()),
  // or, had it renamed first, closing the writer (close()); both drain it. Waiting for that point, not for a while,
  // makes the check of the snapshot file a fact rather than a timing.
  writer.drain = function (...args) {
    if ((this as JournalWriter<unknown>).file === segment) onWaitedFor();
    return original.drain.apply(this, args);
  };
  return {
    held,
    waitedFor,
    release,
    restore: () => {
      fileHandle.write = original.write;
      fileHandle.datasync = original.datasync;
      writer.drain = original.drain;
    },
  };
}

describe('embedded store snapshot and the flush of the segment it covers', () => {
  it.each<HeldStep>(['write', 'datasync'])(
    'keeps the previous snapshot in place while the last group of the covered segment is held at its %s; a crash then holds only acknowledged records',
    async (step) => {
      const dir = freshDir();
      const store = await EmbeddedStore.open({ dir, snapshotEvery: 1_000_000 });
      await store.commit([rec('m0', 'a', 0)]);
      // The snapshot a crash must fall back to, and a journal segment after it holding acknowledged records.
      await store.snapshot();
      await store.commit([rec('m1', 'a', 1), rec('m2', 'b', 0)]);
      const journals = readdirSync(dir).filter((name) => name.startsWith('journal-'));
      expect(journals).toHaveLength(1);
      const segment = journals[0]!;
      const durableSize = statSync(join(dir, segment)).size;
      const snapshotBefore = readFileSync(join(dir, 'snapshot.ndjson'), 'utf8');

      const crashed = freshDir();
      const flush = await holdFlush(step, 'held-m3', join(dir, segment));
      try {
        let acknowledged = false;
        // Changes one acknowledged customer and adds another; never acknowledged before the crash below.
        const held = store.commit([rec('held-m3', 'a', 2), rec('held-m4', 'h', 0)]).then(() => void (acknowledged = true));
        const snapshot = store.snapshot();
        const finishedEarly = snapshot.then(() => {
          throw new Error('the snapshot finished while the last group of the segment it covers was held');
        });
        await Promise.race([Promise.all([flush.held, flush.waitedFor]), finishedEarly]);
        expect(acknowledged).toBe(false);
        expect(readFileSync(join(dir, 'snapshot.ndjson'), 'utf8'), 'the snapshot was renamed into place before the records it covers were durable').toEqual(snapshotBefore);

        // The crash: the directory as it is now is what a SIGKILL leaves (held write); with the datasync held, a power
        // loss also takes the bytes written since the last datasync.
        cpSync(dir, crashed, { recursive: true });
        if (step === 'datasync') truncateSync(join(crashed, segment), durableSize);

        flush.release();
        await Promise.all([held, snapshot]);
        expect(acknowledged).toBe(true);
        expect(readFileSync(join(dir, 'snapshot.ndjson'), 'utf8')).not.toEqual(snapshotBefore);
      } finally {
        flush.release();
        flush.restore();
        await store.close();
      }

      const reopened = await EmbeddedStore.open({ dir: crashed, onWarning: () => undefined });
      try {
        expect(await reopened.countCustomers()).toBe(2);
        expect(await reopened.getCustomer('h')).toBeUndefined();
        expect(await reopened.getCustomer('a')).toEqual({ state: stateOf('a', 2), revision: 2 });
        expect(await reopened.getCustomer('b')).toEqual({ state: stateOf('b', 1), revision: 1 });
        expect(await reopened.seenInputs(['m0', 'm1', 'm2', 'held-m3', 'held-m4'])).toEqual(new Set(['m0', 'm1', 'm2']));
        // Each timeline entry is read through a history index: one past a file's end throws here.
        const inputsOf = async (customerId: string): Promise<string[]> => (await reopened.timeline(customerId)).items.flatMap((entry) => (entry.kind === 'input' ? [entry.input.id] : []));
        expect(await inputsOf('a')).toEqual(['m1', 'm0']);
        expect(await inputsOf('b')).toEqual(['m2']);
      } finally {
        await reopened.close();
      }
    },
  );
});
