/** The working state of a store in memory, changed only by applying operations (so a journal can replay them). */
import { effectId } from '../engine/effect-id.ts';
import type { CustomerState, Effect, Millis, Timer } from '../engine/types.ts';
import { TimerQueue, isTimerPending, pendingTimers, type QueuedTimer } from '../clock/timer-queue.ts';
import { ChunkedLog } from './chunked-log.ts';
import { JourneyCounterBook, type CounterLine } from './journey-counters.ts';
import {
  InvalidStateError,
  NotFoundError,
  RevisionConflictError,
  type CommitRecord,
  type CommitResult,
  type DailyStages,
  type DueTimer,
  type JourneyCounters,
  type OutboxEntry,
  type Page,
  type PageQuery,
  type StaffTask,
  type StageChange,
  type StoredCustomer,
  type TimelineEntry,
  type WebhookDelivery,
} from './types.ts';

/** Everything that changes the working state. The embedded store journals exactly these. */
export type StoreOp =
  | { op: 'commit'; records: CommitRecord[] }
  | { op: 'ack'; consumer: string; cursor: number }
  | { op: 'task'; task: StaffTask }
  | { op: 'delivery'; delivery: WebhookDelivery };

const MAX_PAGE = 1000;
const pageSize = (query: PageQuery | undefined): number => Math.max(1, Math.min(query?.limit ?? 100, MAX_PAGE));
const startIndex = (query: PageQuery | undefined): number => {
  const n = Number(query?.cursor ?? 0);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
};

/** Scans `items` from the cursor (an index) and returns one page of those matching. */
function pageOf<T>(items: readonly T[], query: PageQuery | undefined, matches: (item: T) => boolean): Page<T> {
  const limit = pageSize(query);
  const out: T[] = [];
  let i = startIndex(query);
  for (; i < items.length && out.length < limit; i++) if (matches(items[i]!)) out.push(items[i]!);
  return i < items.length ? { items: out, next: String(i) } : { items: out };
}

/**
 * Where a committed record's line sits in the journal (its seq and byte offset): a store that keeps
 * timelines on disk passes one per record to {@link StateModel.apply}.
 */
export interface HistoryPlace {
  seq: number;
  offset: number;
}

/**
 * The timeline entries one committed record adds, numbered from `firstSeq` (the same numbering
 * {@link StateModel.apply} gives them).
 */
export function timelineEntriesOf(record: CommitRecord, firstSeq: number): TimelineEntry[] {
  const { input, effects } = record;
  const entries: TimelineEntry[] = [];
  let seq = firstSeq;
  if (input.type === 'event' || input.type === 'identify') entries.push({ seq: seq++, at: input.at, kind: 'input', input });
  for (const effect of effects) entries.push({ seq: seq++, at: effect.at, kind: 'effect', effect });
  return entries;
}

/**
 * A customer whose state is not in memory is stored as a number: where it sits in the snapshot blocks
 * read at the restart (block number × {@link BLOCK} + position), which hold its revision, pending
 * timers and history index (no object per customer). Its state is the one its latest record committed
 * on disk, read (synchronously: one short positioned read) when first needed.
 */
type DiskCustomer = number;

/**
 * A customer in memory, changed in place so that a commit looks the customer up once: `state` and `revision` are
 * replaced at each commit (readers and snapshots get them as a {@link StoredCustomer} of their own), `history` (with
 * history on disk) only grows. One object per customer, not two: a store of a million customers holds a million.
 */
interface CustomerEntry {
  state: CustomerState;
  revision: number;
  /** Where the customer's records sit in the journal: flat `[journal seq, byte offset, first timeline seq]` triples, oldest first. */
  history: number[];
}

/** The history of every customer of a model that keeps timelines in memory (never added to). */
const NO_HISTORY: number[] = [];

/** Reads the customer state committed by the journal record at (seq, byte offset). */
export type StateReader = (seq: number, offset: number) => CustomerState;

/**
 * A snapshot's block of up to 1,000 customers, in columns (one JSON.parse per block, not per customer):
 * ids, revisions, pending timers and history indexes. No states: each is in its customer's latest record. `timers` is flat: `[index in block, journeyId, timerId, fireAt, …]`.
 */
interface CustomerBlock {
  t: 'customers';
  ids: string[];
  revisions: number[];
  timers: (string | number)[];
  history: number[][];
  /**
   * Which journeys each customer has an instance of: journey id → indexes in the block, ascending. Lets a
   * listing by journey skip customers without reading their states. Snapshots written before it lack it.
   */
  members?: Record<string, number[]>;
}

/**
 * The `members` column of a block: for each customer (by index), the journeys its state has an instance of.
 *
 * @example
 * blockMembers([['dormancy-ladder'], [], ['dormancy-ladder', 'k12']]); // { 'dormancy-ladder': [0, 2], k12: [2] }
 */
export function blockMembers(journeysByIndex: Iterable<Iterable<string>>): Record<string, number[]> {
  const members: Record<string, number[]> = Object.create(null) as Record<string, number[]>;
  let index = 0;
  for (const journeys of journeysByIndex) {
    for (const journeyId of journeys) (members[journeyId] ??= []).push(index);
    index++;
  }
  return members;
}

/** Whether `timers` holds a timer of the same id due at the same time (a plain loop: this runs for every timer of every record). */
function holdsTimer(timers: readonly Timer[], timer: Timer): boolean {
  for (let i = 0; i < timers.length; i++) if (timers[i]!.id === timer.id && timers[i]!.fireAt === timer.fireAt) return true;
  return false;
}

const BLOCK = 1000;

/**
 * A block as read at a restart; `starts` (computed when a snapshot first needs it) is where each customer's timers
 * begin in `timers`, `membership` the `members` column as one flag per customer for each journey asked about.
 */
type RestoredBlock = CustomerBlock & { starts?: Int32Array; membership?: Map<string, Uint8Array> };

/** Whether the block's customer at `index` has an instance of the journey; undefined when the block does not say. */
function isMember(block: RestoredBlock, index: number, journeyId: string): boolean | undefined {
  if (block.members === undefined) return undefined;
  block.membership ??= new Map();
  let flags = block.membership.get(journeyId);
  if (flags === undefined) {
    flags = new Uint8Array(block.ids.length);
    for (const i of Object.hasOwn(block.members, journeyId) ? block.members[journeyId]! : []) flags[i] = 1;
    block.membership.set(journeyId, flags);
  }
  return flags[index] === 1;
}

/** Where each customer's timers begin in the block's flat `timers` (they are in customer order), plus the end. */
function timerStarts(block: RestoredBlock): Int32Array {
  if (block.starts !== undefined) return block.starts;
  const starts = new Int32Array(block.ids.length + 1);
  let i = 0;
  for (let index = 0; index <= block.ids.length; index++) {
    while (i < block.timers.length && (block.timers[i] as number) < index) i += 4;
    starts[index] = i;
  }
  block.starts = starts;
  return starts;
}

/**
 * Timelines are kept one of two ways. In memory (the memory store): every entry. On disk (the embedded
 * store): per customer only where each of its records sits in the journal, as flat triples
 * `[journal seq, byte offset, first timeline seq]`; the store reads the records back on demand.
 *
 * @example
 * const model = new StateModel();
 * const { accepted } = model.prepareCommit(records);
 * model.apply({ op: 'commit', records: accepted });
 */
export class StateModel {
  private readonly customers = new Map<string, CustomerEntry | DiskCustomer>();
  /** The customer blocks of the snapshot read at the restart, for customers still on disk. */
  private readonly restored: RestoredBlock[] = [];
  private readonly customerOrder: string[] = [];
  private readonly seen = new Set<string>();
  /** A customer still as the snapshot left it has exactly the timers the snapshot listed: pending. */
  private readonly timers = new TimerQueue((t) => {
    const customer = this.customers.get(t.customerId);
    return typeof customer === 'number' || isTimerPending(customer?.state, t);
  });
  private readonly stages = new ChunkedLog<StageChange>('stages');
  private readonly timelines = new Map<string, TimelineEntry[]>();
  private readonly outbox = new ChunkedLog<OutboxEntry>('outbox');
  private readonly cursors = new Map<string, number>();
  private readonly tasks = new Map<string, StaffTask>();
  private readonly taskOrder: string[] = [];
  private readonly deliveries = new Map<string, WebhookDelivery>();
  private readonly deliveryOrder: string[] = [];
  private readonly counters = new JourneyCounterBook();
  /** Numbers timeline entries, stage changes and outbox entries; deterministic, so replay renumbers identically. */
  private seq = 0;

  /**
   * @param readState with it, history is on disk: the model keeps only where each record sits in the
   * journal (see {@link HistoryPlace}), not the timeline entries, and customers restored from a snapshot
   * are read back through it.
   */
  constructor(private readonly readState?: StateReader) {
    this.historyOnDisk = readState !== undefined;
  }

  private readonly historyOnDisk: boolean;

  // ------------------------------------------------------------ writes

  /** Splits records into those to commit and duplicates; throws on a revision conflict. Changes nothing. */
  prepareCommit(records: readonly CommitRecord[]): { accepted: CommitRecord[]; result: CommitResult } {
    const accepted: CommitRecord[] = [];
    const committed: string[] = [];
    const duplicates: string[] = [];
    const inBatch = new Set<string>();
    const revisions = new Map<string, number>();
    for (const record of records) {
      const id = record.input.id;
      // One hash operation for the batch's own ids: an id already in it does not grow the set.
      const inBatchBefore = inBatch.size;
      if (this.seen.has(id) || inBatch.add(id).size === inBatchBefore) {
        duplicates.push(id);
        continue;
      }
      const customerId = record.state.customerId;
      const current = revisions.get(customerId) ?? this.revisionOf(customerId);
      if (record.baseRevision !== current) {
        throw new RevisionConflictError(`customer ${customerId}: state is at revision ${current}, the step for input ${id} started from ${record.baseRevision}`);
      }
      revisions.set(customerId, current + 1);
      accepted.push(record);
      committed.push(id);
    }
    return { accepted, result: { committed, duplicates } };
  }

  /** Checks a task operation before it is journaled; returns the task as it will be. */
  prepareTask(id: string, change: (task: StaffTask) => StaffTask): StaffTask {
    const task = this.tasks.get(id);
    if (task === undefined) throw new NotFoundError(`task ${id} does not exist`);
    return change(task);
  }

  prepareDelivery(id: string, change: (delivery: WebhookDelivery) => WebhookDelivery): WebhookDelivery {
    const delivery = this.deliveries.get(id);
    if (delivery === undefined) throw new NotFoundError(`webhook delivery ${id} does not exist`);
    return change(delivery);
  }

  /** Applies an operation; with history on disk, a commit comes with the journal place of each of its records. */
  apply(op: StoreOp, places?: readonly HistoryPlace[]): void {
    switch (op.op) {
      case 'commit':
        if (this.historyOnDisk && places?.length !== op.records.length) throw new Error('a commit with history on disk needs the journal place of every record');
        for (let i = 0; i < op.records.length; i++) this.applyRecord(op.records[i]!, places?.[i]);
        return;
      case 'ack':
        if (op.cursor > (this.cursors.get(op.consumer) ?? 0)) this.cursors.set(op.consumer, op.cursor);
        return;
      case 'task':
        this.putTask(op.task);
        return;
      case 'delivery':
        this.putDelivery(op.delivery);
        return;
    }
  }

  private applyRecord(record: CommitRecord, place: HistoryPlace | undefined): void {
    const { input, state, effects } = record;
    const customerId = state.customerId;
    // Added and checked in one hash operation: an input seen before does not grow the set.
    const seenBefore = this.seen.size;
    if (this.seen.add(input.id).size === seenBefore) return;
    let entry = this.entry(customerId);
    const previous = entry?.state;
    if (entry === undefined) {
      this.customerOrder.push(customerId);
      this.customers.set(customerId, (entry = { state, revision: 1, history: this.historyOnDisk ? [] : NO_HISTORY }));
    } else {
      entry.state = state;
      entry.revision++;
    }
    this.counters.recordStep(previous, state, effects);
    // The timers the step set (pending now, not pending before), queued without building the others.
    for (const instance of Object.values(state.journeys)) {
      const before = previous === undefined || !Object.hasOwn(previous.journeys, instance.journeyId) ? undefined : previous.journeys[instance.journeyId];
      for (const timer of instance.timers) {
        if (before === undefined || !holdsTimer(before.timers, timer)) this.timers.push({ fireAt: timer.fireAt, customerId, journeyId: instance.journeyId, timerId: timer.id });
      }
    }
    const hasInputEntry = input.type === 'event' || input.type === 'identify';
    if (this.historyOnDisk) {
      entry.history.push(place!.seq, place!.offset, this.seq + 1);
      if (hasInputEntry) ++this.seq;
      for (const effect of effects) this.deriveFromEffect(++this.seq, effect);
      return;
    }
    let timeline = this.timelines.get(customerId);
    if (timeline === undefined) this.timelines.set(customerId, (timeline = []));
    if (hasInputEntry) timeline.push({ seq: ++this.seq, at: input.at, kind: 'input', input });
    for (const effect of effects) {
      const seq = ++this.seq;
      timeline.push({ seq, at: effect.at, kind: 'effect', effect });
      this.deriveFromEffect(seq, effect);
    }
  }

  private deriveFromEffect(seq: number, effect: Effect): void {
    // Most effects (branches, timers) derive nothing: leave before building anything.
    if (effect.kind !== 'stage' && effect.kind !== 'action' && effect.kind !== 'task') return;
    const where = { customerId: effect.customerId, journeyId: effect.journeyId, version: effect.version, node: effect.node };
    const id = effectId(effect);
    switch (effect.kind) {
      case 'stage':
        this.stages.push({ seq, at: effect.at, ...where, stage: effect.stage, ...(effect.from !== undefined ? { from: effect.from } : {}), effectId: id });
        return;
      case 'action':
        this.outbox.push({ seq, effectId: id, at: effect.at, ...where, action: effect.action });
        if (effect.action.type === 'webhook' && !this.deliveries.has(id)) {
          this.putDelivery({
            id,
            customerId: effect.customerId,
            journeyId: effect.journeyId,
            node: effect.node,
            url: effect.action.url,
            payload: { ...effect.action.payload, customerId: effect.customerId, effectId: id },
            status: 'pending',
            attempts: 0,
            nextAttemptAt: effect.at,
            createdAt: effect.at,
          });
        }
        return;
      case 'task':
        if (this.tasks.has(id)) return;
        this.putTask({
          id,
          ...where,
          title: effect.task.title,
          ...(effect.task.assignee !== undefined ? { assignee: effect.task.assignee } : {}),
          ...(effect.task.note !== undefined ? { note: effect.task.note } : {}),
          ...(effect.task.dueAt !== undefined ? { dueAt: effect.task.dueAt } : {}),
          createdAt: effect.at,
          status: 'open',
        });
        return;
      default:
        return;
    }
  }

  private putTask(task: StaffTask): void {
    if (!this.tasks.has(task.id)) this.taskOrder.push(task.id);
    this.tasks.set(task.id, task);
  }

  private putDelivery(delivery: WebhookDelivery): void {
    if (!this.deliveries.has(delivery.id)) this.deliveryOrder.push(delivery.id);
    this.deliveries.set(delivery.id, delivery);
  }

  // ------------------------------------------------------------ reads

  get customerCount(): number {
    return this.customers.size;
  }

  getCustomer(id: string): StoredCustomer | undefined {
    return this.stored(id);
  }

  private stored(id: string): StoredCustomer | undefined {
    const entry = this.entry(id);
    return entry === undefined ? undefined : { state: entry.state, revision: entry.revision };
  }

  /** The customer's entry, read from its latest record on disk on first use after a restart. */
  private entry(id: string): CustomerEntry | undefined {
    const customer = this.customers.get(id);
    if (typeof customer !== 'number') return customer;
    const { block, index } = this.restoredAt(customer);
    const history = block.history[index]!;
    const at = history.length - 3;
    const entry: CustomerEntry = { state: this.readState!(history[at]!, history[at + 1]!), revision: block.revisions[index]!, history };
    this.customers.set(id, entry);
    return entry;
  }

  private restoredAt(handle: DiskCustomer): { block: RestoredBlock; index: number } {
    return { block: this.restored[Math.floor(handle / BLOCK)]!, index: handle % BLOCK };
  }

  private revisionOf(id: string): number {
    const customer = this.customers.get(id);
    if (typeof customer !== 'number') return customer?.revision ?? 0;
    const { block, index } = this.restoredAt(customer);
    return block.revisions[index]!;
  }

  listCustomers(query: PageQuery & { journeyId?: string } = {}): Page<CustomerState> {
    const journeyId = query.journeyId;
    const page = pageOf(this.customerOrder, query, (id) => journeyId === undefined || this.isInJourney(id, journeyId));
    return { ...page, items: page.items.map((id) => this.entry(id)!.state) };
  }

  /** Whether the customer has an instance of the journey; a customer still on disk is answered by its snapshot block when it can be. */
  private isInJourney(id: string, journeyId: string): boolean {
    const customer = this.customers.get(id);
    if (typeof customer === 'number') {
      const { block, index } = this.restoredAt(customer);
      const member = isMember(block, index, journeyId);
      if (member !== undefined) return member;
    }
    return Object.hasOwn(this.entry(id)!.state.journeys, journeyId);
  }

  /** The journeys a customer has instances of, for a snapshot; a customer still on disk is not read when its block says. */
  private journeysOf(stored: StoredCustomer | DiskCustomer): string[] {
    if (typeof stored !== 'number') return Object.keys(stored.state.journeys);
    const { block, index } = this.restoredAt(stored);
    if (block.members !== undefined) return Object.keys(block.members).filter((journeyId) => isMember(block, index, journeyId));
    const history = block.history[index]!;
    return Object.keys(this.readState!(history[history.length - 3]!, history[history.length - 2]!).journeys);
  }

  hasSeen(id: string): boolean {
    return this.seen.has(id);
  }

  dueTimers(until: Millis, limit: number): DueTimer[] {
    return this.timers.listDue(until, limit).map((t: QueuedTimer) => ({ customerId: t.customerId, journeyId: t.journeyId, timerId: t.timerId, fireAt: t.fireAt }));
  }

  nextTimerAt(): Millis | undefined {
    return this.timers.peek()?.fireAt;
  }

  stageChanges(query: PageQuery & { journeyId?: string; customerId?: string; since?: Millis; until?: Millis }): Page<StageChange> {
    return pageOf(
      this.stages.all(),
      query,
      (c) =>
        (query.journeyId === undefined || c.journeyId === query.journeyId) &&
        (query.customerId === undefined || c.customerId === query.customerId) &&
        (query.since === undefined || c.at >= query.since) &&
        (query.until === undefined || c.at <= query.until),
    );
  }

  stageDistribution(journeyId: string, at: Millis): Record<string, number> {
    const latest = new Map<string, StageChange>();
    for (const change of this.stages.all()) {
      if (change.journeyId !== journeyId || change.at > at) continue;
      const known = latest.get(change.customerId);
      if (known === undefined || known.at <= change.at) latest.set(change.customerId, change);
    }
    const counts = new Map<string, number>();
    for (const change of latest.values()) counts.set(change.stage, (counts.get(change.stage) ?? 0) + 1);
    return Object.fromEntries(counts);
  }

  journeyCounters(journeyId: string): JourneyCounters {
    return this.counters.counters(journeyId);
  }

  dailyStages(journeyId: string, range: { from: Millis; until: Millis }): DailyStages {
    return this.counters.dailyStages(journeyId, range);
  }

  /** The customer's timeline, newest first, when timelines are kept in memory. */
  timeline(customerId: string, query: PageQuery = {}): Page<TimelineEntry> {
    const entries = this.timelines.get(customerId) ?? [];
    return timelinePage(entries, query);
  }

  /** With history on disk: where the customer's records sit, as `[journal seq, byte offset, first timeline seq]` triples, oldest first. */
  historyOf(customerId: string): readonly number[] {
    const customer = this.customers.get(customerId);
    if (typeof customer !== 'number') return customer?.history ?? [];
    const { block, index } = this.restoredAt(customer);
    return block.history[index]!;
  }

  pullOutbox(after: number, limit: number): { entries: OutboxEntry[]; cursor: number } {
    // Entries are in seq order: binary search for the first one after the cursor.
    const outbox = this.outbox.all();
    let lo = 0;
    let hi = outbox.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (outbox[mid]!.seq <= after) lo = mid + 1;
      else hi = mid;
    }
    const entries = outbox.slice(lo, lo + Math.max(1, Math.min(limit, MAX_PAGE)));
    return { entries, cursor: entries.at(-1)?.seq ?? after };
  }

  cursor(consumer: string): number {
    return this.cursors.get(consumer) ?? 0;
  }

  listTasks(query: PageQuery & { status?: StaffTask['status']; assignee?: string; customerId?: string; journeyId?: string } = {}): Page<StaffTask> {
    const page = pageOf(this.taskOrder, query, (id) => {
      const t = this.tasks.get(id)!;
      return (
        (query.status === undefined || t.status === query.status) &&
        (query.assignee === undefined || t.assignee === query.assignee) &&
        (query.customerId === undefined || t.customerId === query.customerId) &&
        (query.journeyId === undefined || t.journeyId === query.journeyId)
      );
    });
    return { ...page, items: page.items.map((id) => this.tasks.get(id)!) };
  }

  getTask(id: string): StaffTask | undefined {
    return this.tasks.get(id);
  }

  dueDeliveries(until: Millis, limit: number): WebhookDelivery[] {
    const due: WebhookDelivery[] = [];
    for (const id of this.deliveryOrder) {
      const d = this.deliveries.get(id)!;
      if (d.status === 'pending' && d.nextAttemptAt <= until) due.push(d);
    }
    return due.sort((a, b) => a.nextAttemptAt - b.nextAttemptAt).slice(0, Math.max(1, Math.min(limit, MAX_PAGE)));
  }

  listDeliveries(query: PageQuery & { status?: WebhookDelivery['status'] } = {}): Page<WebhookDelivery> {
    const page = pageOf(this.deliveryOrder, query, (id) => query.status === undefined || this.deliveries.get(id)!.status === query.status);
    return { ...page, items: page.items.map((id) => this.deliveries.get(id)!) };
  }

  getDelivery(id: string): WebhookDelivery | undefined {
    return this.deliveries.get(id);
  }

  // ------------------------------------------------------------ snapshots

  /**
   * Captures the model as it is now, cheaply (references and lengths; the counters copied), and returns
   * the snapshot's lines lazily. Safe to read while the model keeps changing: customers, tasks and
   * deliveries are replaced, never changed in place, and history indexes, stage changes, the outbox and
   * the seen ids only grow, so the captured references and lengths keep describing this instant.
   * Only a model with history on disk can be captured: the lines hold each customer's history index,
   * not its timeline.
   *
   * Customers go in blocks of 1,000 ({@link CustomerBlock}: ids, revisions, pending timers and history
   * indexes, in columns) without their states: a customer's state is the one its latest record
   * committed, so a restart builds the timer queue and the indexes and reads a state when first needed.
   */
  captureSnapshot(): Iterable<string> {
    if (!this.historyOnDisk) throw new Error('only a model with history on disk can be snapshotted');
    const seq = this.seq;
    const customers = this.customerOrder.map((id) => {
      const history = this.historyOf(id);
      const customer = this.customers.get(id)!;
      // The entry changes at the next commit: what it holds now is taken out of it.
      const stored = typeof customer === 'number' ? customer : { state: customer.state, revision: customer.revision };
      return { id, stored, revision: typeof stored === 'number' ? this.revisionOf(id) : stored.revision, history, length: history.length };
    });
    const restoredAt = (handle: DiskCustomer): { block: RestoredBlock; index: number } => this.restoredAt(handle);
    const journeysOf = (stored: StoredCustomer | DiskCustomer): string[] => this.journeysOf(stored);
    const counters = this.counters.capture();
    const seen = this.seen;
    const seenCount = seen.size;
    const stages = this.stages.capture();
    const outbox = this.outbox.capture();
    const cursors = [...this.cursors];
    const tasks = this.taskOrder.map((id) => this.tasks.get(id));
    const deliveries = this.deliveryOrder.map((id) => this.deliveries.get(id));
    return {
      *[Symbol.iterator]() {
        yield JSON.stringify({ t: 'seq', seq });
        for (let from = 0; from < customers.length; from += BLOCK) {
          const block = customers.slice(from, from + BLOCK);
          const timers: (string | number)[] = [];
          block.forEach(({ stored }, index) => {
            if (typeof stored === 'number') {
              const { block: restored, index: at } = restoredAt(stored);
              const flat = restored.timers;
              for (let i = timerStarts(restored)[at]!; i < timerStarts(restored)[at + 1]!; i += 4) timers.push(index, flat[i + 1]!, flat[i + 2]!, flat[i + 3]!);
            } else {
              for (const t of pendingTimers(stored.state)) timers.push(index, t.journeyId, t.timerId, t.fireAt);
            }
          });
          yield JSON.stringify({
            t: 'customers',
            ids: block.map((c) => c.id),
            revisions: block.map((c) => c.revision),
            timers,
            history: block.map(({ history, length }) => (history.length === length ? history : history.slice(0, length))),
            members: blockMembers(block.map(({ stored }) => journeysOf(stored))),
          });
        }
        yield* counters;
        let chunk: string[] = [];
        let taken = 0;
        for (const id of seen) {
          if (taken++ === seenCount) break;
          chunk.push(id);
          if (chunk.length === 1000) {
            yield JSON.stringify({ t: 'seen', ids: chunk });
            chunk = [];
          }
        }
        if (chunk.length > 0) yield JSON.stringify({ t: 'seen', ids: chunk });
        yield* stages;
        yield* outbox;
        for (const [consumer, cursor] of cursors) yield JSON.stringify({ t: 'cursor', consumer, cursor });
        for (const task of tasks) yield JSON.stringify({ t: 'task', task });
        for (const delivery of deliveries) yield JSON.stringify({ t: 'delivery', delivery });
      },
    };
  }

  /**
   * Restores one line written by {@link captureSnapshot}, held in `bytes[start, end)`. Chunks of stage
   * changes and of the outbox stay unparsed text until first read.
   */
  loadSnapshotLine(bytes: Buffer, start: number, end: number): void {
    if (this.stages.owns(bytes, start, end)) return this.stages.restoreChunk(bytes, start, end);
    if (this.outbox.owns(bytes, start, end)) return this.outbox.restoreChunk(bytes, start, end);
    const line = JSON.parse(bytes.toString('utf8', start, end)) as SnapshotLine;
    switch (line.t) {
      case 'customers': {
        if (line.ids.length > BLOCK || line.revisions.length !== line.ids.length || line.history.length !== line.ids.length) throw new Error('a block of customers with columns of different lengths');
        if (line.members !== undefined) {
          for (const indexes of Object.values(line.members)) {
            if (!Array.isArray(indexes) || indexes.some((i) => !Number.isInteger(i) || i < 0 || i >= line.ids.length)) throw new Error('a block of customers whose journey members are out of range');
          }
        }
        const flat = line.timers;
        let last = -1;
        for (let i = 0; i < flat.length; i += 4) {
          const index = flat[i] as number;
          if (!(index >= last && index < line.ids.length)) throw new Error('a block of customers whose timers are out of order');
          last = index;
          this.timers.push({ customerId: line.ids[index]!, journeyId: flat[i + 1] as string, timerId: flat[i + 2] as string, fireAt: flat[i + 3] as number });
        }
        const base = this.restored.length * BLOCK;
        this.restored.push(line);
        line.ids.forEach((id, index) => {
          if (line.history[index]!.length < 3) throw new Error(`customer ${id} has no record in its history index`);
          if (!this.customers.has(id)) this.customerOrder.push(id);
          this.customers.set(id, base + index);
        });
        return;
      }
      case 'seq':
        this.seq = line.seq;
        return;
      case 'tally':
      case 'tallyStages':
      case 'tallyReached':
        this.counters.restore(line);
        return;
      case 'seen':
        for (const id of line.ids) this.seen.add(id);
        return;
      case 'cursor':
        this.cursors.set(line.consumer, line.cursor);
        return;
      case 'task':
        this.putTask(line.task);
        return;
      case 'delivery':
        this.putDelivery(line.delivery);
        return;
      default:
        throw new Error(`unknown line type ${JSON.stringify((line as { t?: unknown }).t)}`);
    }
  }
}


/** The snapshot lines that are parsed whole at a restart (customers and chunked logs are kept as text). */
type SnapshotLine =
  | CustomerBlock
  | { t: 'seq'; seq: number }
  | CounterLine
  | { t: 'seen'; ids: string[] }
  | { t: 'cursor'; consumer: string; cursor: number }
  | { t: 'task'; task: StaffTask }
  | { t: 'delivery'; delivery: WebhookDelivery };

/** One page of a timeline (oldest first in `entries`), newest first; the cursor counts entries from the newest. */
export function timelinePage(entries: readonly TimelineEntry[], query: PageQuery = {}): Page<TimelineEntry> {
  return pageOf(entries.slice().reverse(), query, () => true);
}

/** Task changes, checked against the current task (shared by every store). */
export const completeTaskChange =
  (at: Millis, by: string | undefined) =>
  (task: StaffTask): StaffTask =>
    task.status === 'done' ? task : { ...task, status: 'done', completedAt: at, ...(by !== undefined ? { completedBy: by } : {}) };

export const postponeTaskChange =
  (until: Millis) =>
  (task: StaffTask): StaffTask => {
    if (task.status === 'done') throw new InvalidStateError(`task ${task.id} is done and cannot be postponed`);
    return { ...task, dueAt: until, postponedUntil: until };
  };

export const attemptChange =
  (attempt: { at: Millis; ok: boolean; error?: string; retryAt?: Millis }) =>
  (delivery: WebhookDelivery): WebhookDelivery => {
    if (delivery.status !== 'pending') throw new InvalidStateError(`webhook delivery ${delivery.id} is ${delivery.status}, not pending`);
    const attempts = delivery.attempts + 1;
    if (attempt.ok) return { ...delivery, attempts, status: 'delivered', deliveredAt: attempt.at, nextAttemptAt: attempt.at };
    const failed = { ...delivery, attempts, ...(attempt.error !== undefined ? { lastError: attempt.error } : {}) };
    return attempt.retryAt !== undefined ? { ...failed, nextAttemptAt: attempt.retryAt } : { ...failed, status: 'dead' };
  };

export const requeueChange =
  (at: Millis) =>
  (delivery: WebhookDelivery): WebhookDelivery => {
    if (delivery.status !== 'dead') throw new InvalidStateError(`webhook delivery ${delivery.id} is ${delivery.status}; only dead letters can be requeued`);
    return { ...delivery, status: 'pending', nextAttemptAt: at };
  };
