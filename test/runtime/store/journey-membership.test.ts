/** Listing customers by journey after a restart: answered from the snapshot's per-block journey members, reading only the states it returns. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newCustomerState } from '../../../runtime/engine/index.ts';
import type { CustomerState, JourneyInstance } from '../../../runtime/engine/types.ts';
import { EmbeddedStore } from '../../../runtime/store/embedded.ts';
import { blockMembers, StateModel } from '../../../runtime/store/state-model.ts';
import type { CommitRecord } from '../../../runtime/store/types.ts';

const root = mkdtempSync(join(tmpdir(), 'ls-members-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const instance = (journeyId: string): JourneyInstance => ({ journeyId, version: 1, status: 'active', node: 'n1', enteredAt: 1000, nodeEnteredAt: 1000, entries: 1, timers: [] });

/** Customer i is in `big`; every tenth also in `small`; every seventh in neither (2,500 customers: three snapshot blocks). */
function stateOf(i: number): CustomerState {
  const state = newCustomerState(`c${i}`);
  if (i % 7 !== 0) state.journeys.big = instance('big');
  if (i % 10 === 0) state.journeys.small = instance('small');
  return state;
}
const CUSTOMERS = 2500;
const records = (): CommitRecord[] =>
  Array.from({ length: CUSTOMERS }, (_, i) => ({ input: { type: 'event', id: `m${i}`, customerId: `c${i}`, event: 'visit', at: 1000 + i, properties: {} }, state: stateOf(i), effects: [], baseRevision: 0 }));
const expectedIds = (journeyId: string): string[] =>
  Array.from({ length: CUSTOMERS }, (_, i) => i)
    .filter((i) => Object.hasOwn(stateOf(i).journeys, journeyId))
    .map((i) => `c${i}`);

async function allPages(list: (cursor?: string) => Promise<{ items: CustomerState[]; next?: string }>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    ids.push(...page.items.map((c) => c.customerId));
    cursor = page.next;
  } while (cursor !== undefined);
  return ids;
}

describe('customers by journey after a restart', () => {
  it('blockMembers lists each journey with the indexes of the customers in it', () => {
    expect(blockMembers([['big'], [], ['big', 'small']])).toEqual({ big: [0, 2], small: [2] });
    expect(Object.keys(blockMembers([['__proto__']]))).toEqual(['__proto__']);
  });

  it('lists the same customers by journey before and after a reopen of the embedded store', async () => {
    const dir = join(root, 'embedded');
    let store = await EmbeddedStore.open({ dir });
    await store.commit(records());
    const list = (journeyId?: string) => (cursor?: string) => store.listCustomers({ limit: 300, ...(journeyId ? { journeyId } : {}), ...(cursor ? { cursor } : {}) });
    for (const journeyId of ['small', 'big', 'missing']) expect(await allPages(list(journeyId))).toEqual(expectedIds(journeyId));
    await store.close();
    store = await EmbeddedStore.open({ dir });
    for (const journeyId of ['small', 'big', 'missing']) expect(await allPages(list(journeyId))).toEqual(expectedIds(journeyId));
    // A customer stepped after the restart answers from its new state, not from the snapshot's members.
    const moved = { ...stateOf(3), journeys: { small: instance('small') } };
    await store.commit([{ input: { type: 'event', id: 'm-moved', customerId: 'c3', event: 'visit', at: 9000, properties: {} }, state: moved, effects: [], baseRevision: 1 }]);
    expect(await allPages(list('small'))).toEqual(['c0', 'c3', ...expectedIds('small').slice(1)]);
    expect(await allPages(list('big'))).not.toContain('c3');
    await store.close();
  });

  it('reads only the states of the customers it returns, not those it skips', () => {
    const states = new Map<number, CustomerState>();
    const writer = new StateModel(() => {
      throw new Error('the writing model reads no state');
    });
    const batch = records();
    const { accepted } = writer.prepareCommit(batch);
    accepted.forEach((record, i) => states.set(i + 1, record.state));
    writer.apply({ op: 'commit', records: accepted }, accepted.map((_, i) => ({ seq: i + 1, offset: i * 100 })));

    let reads = 0;
    const reader = new StateModel((seq) => {
      reads++;
      return states.get(seq)!;
    });
    for (const line of writer.captureSnapshot()) {
      const bytes = Buffer.from(line);
      reader.loadSnapshotLine(bytes, 0, bytes.length);
    }
    const small = reader.listCustomers({ journeyId: 'small', limit: 1000 });
    expect(small.items.map((c) => c.customerId)).toEqual(expectedIds('small'));
    expect(reads).toBe(expectedIds('small').length);
  });
});
