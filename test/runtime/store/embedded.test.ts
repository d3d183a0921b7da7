/** The embedded store passes the store conformance suite, with every case also checked after a reopen. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { EmbeddedStore } from '../../../runtime/store/embedded.ts';
import type { RuntimeStore } from '../../../runtime/store/types.ts';
import { storeConformance } from './store.case.ts';

const root = mkdtempSync(join(tmpdir(), 'ls-embedded-'));
let count = 0;
const dirs = new WeakMap<RuntimeStore, string>();

async function openIn(dir: string): Promise<RuntimeStore> {
  // A tiny snapshot interval, so reopening exercises snapshot + journal tail, not the journal alone.
  const store = await EmbeddedStore.open({ dir, snapshotEvery: 3 });
  dirs.set(store, dir);
  return store;
}

storeConformance('embedded', {
  open: () => openIn(join(root, `case-${++count}`)),
  reopen: async (store) => {
    await store.close();
    return openIn(dirs.get(store)!);
  },
});

afterAll(() => rmSync(root, { recursive: true, force: true }));
