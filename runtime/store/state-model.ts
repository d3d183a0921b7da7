/** The working state of a store in memory, changed only by applying operations (so a journal can replay them). */
import type { CustomerState, Effect, Millis } from '../engine/types.ts';
import { TimerQueue, isTimerPending, pendingTimers, type QueuedTimer } from '../clock/timer-queue.ts';
import { JourneyCounterBook } from './journey-counters.ts';
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
 * @example
 * const model = new StateModel();
 * const { accepted } = model.prepareCommit(records);
 * model.apply({ op: 'commit', records: accepted });
 */
export class StateModel {
  private readonly customers = new Map<string, StoredCustomer>();
  private readonly customerOrder: string[] = [];
  private readonly seen = new Set<string>();
  private readonly timers = new TimerQueue((t) => isTimerPending(this.customers.get(t.customerId)?.state, t));
  private readonly stages: StageChange[] = [];
  private readonly timelines = new Map<string, TimelineEntry[]>();
  private readonly outbox: OutboxEntry[] = [];
  private readonly cursors = new Map<string, number>();
  private readonly tasks = new Map<string, StaffTask>();
  private readonly taskOrder: string[] = [];
  private readonly deliveries = new Map<string, WebhookDelivery>();
  private readonly deliveryOrder: string[] = [];
  private readonly counters = new JourneyCounterBook();
  /** Numbers timeline entries, stage changes and outbox entries; deterministic, so replay renumbers identically. */
  private seq = 0;

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
      if (this.seen.has(id) || inBatch.has(id)) {
        duplicates.push(id);
        continue;
      }
      const customerId = record.state.customerId;
      const current = revisions.get(customerId) ?? this.customers.get(customerId)?.revision ?? 0;
      if (record.baseRevision !== current) {
        throw new RevisionConflictError(`customer ${customerId}: state is at revision ${current}, the step for input ${id} started from ${record.baseRevision}`);
      }
      revisions.set(customerId, current + 1);
      inBatch.add(id);
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

  apply(op: StoreOp): void {
    switch (op.op) {
      case 'commit':
        for (const record of op.records) this.applyRecord(record);
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

  private applyRecord(record: CommitRecord): void {
    const { input, state, effects } = record;
    const customerId = state.customerId;
    if (this.seen.has(input.id)) return;
    this.seen.add(input.id);
    const previous = this.customers.get(customerId);
    if (previous === undefined) this.customerOrder.push(customerId);
    this.customers.set(customerId, { state, revision: (previous?.revision ?? 0) + 1 });
    this.counters.recordStep(previous?.state, state, effects);
    for (const timer of pendingTimers(state)) {
      if (previous === undefined || !isTimerPending(previous.state, timer)) this.timers.push(timer);
    }
    let timeline = this.timelines.get(customerId);
    if (timeline === undefined) this.timelines.set(customerId, (timeline = []));
    if (input.type === 'event' || input.type === 'identify') timeline.push({ seq: ++this.seq, at: input.at, kind: 'input', input });
    for (const effect of effects) {
      const seq = ++this.seq;
      timeline.push({ seq, at: effect.at, kind: 'effect', effect });
      this.deriveFromEffect(seq, effect);
    }
  }

  private deriveFromEffect(seq: number, effect: Effect): void {
    const where = { customerId: effect.customerId, journeyId: effect.journeyId, version: effect.version, node: effect.node };
    switch (effect.kind) {
      case 'stage':
        this.stages.push({ seq, at: effect.at, ...where, stage: effect.stage, ...(effect.from !== undefined ? { from: effect.from } : {}), effectId: effect.id });
        return;
      case 'action':
        this.outbox.push({ seq, effectId: effect.id, at: effect.at, ...where, action: effect.action });
        if (effect.action.type === 'webhook' && !this.deliveries.has(effect.id)) {
          this.putDelivery({
            id: effect.id,
            customerId: effect.customerId,
            journeyId: effect.journeyId,
            node: effect.node,
            url: effect.action.url,
            payload: { ...effect.action.payload, customerId: effect.customerId, effectId: effect.id },
            status: 'pending',
            attempts: 0,
            nextAttemptAt: effect.at,
            createdAt: effect.at,
          });
        }
        return;
      case 'task':
        if (this.tasks.has(effect.id)) return;
        this.putTask({
          id: effect.id,
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
    return this.customers.get(id);
  }

  listCustomers(query: PageQuery & { journeyId?: string } = {}): Page<CustomerState> {
    const journeyId = query.journeyId;
    const page = pageOf(this.customerOrder, query, (id) => journeyId === undefined || Object.hasOwn(this.customers.get(id)!.state.journeys, journeyId));
    return { ...page, items: page.items.map((id) => this.customers.get(id)!.state) };
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
      this.stages,
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
    for (const change of this.stages) {
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

  timeline(customerId: string, query: PageQuery = {}): Page<TimelineEntry> {
    const entries = this.timelines.get(customerId) ?? [];
    const newestFirst = entries.slice().reverse();
    return pageOf(newestFirst, query, () => true);
  }

  pullOutbox(after: number, limit: number): { entries: OutboxEntry[]; cursor: number } {
    // Entries are in seq order: binary search for the first one after the cursor.
    let lo = 0;
    let hi = this.outbox.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.outbox[mid]!.seq <= after) lo = mid + 1;
      else hi = mid;
    }
    const entries = this.outbox.slice(lo, lo + Math.max(1, Math.min(limit, MAX_PAGE)));
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

  /** The whole state as JSON lines (one customer, one chunk of ids, one entry per line), for a snapshot file. */
  /**
   * Captures the model as it is now, cheaply (references and lengths, no serialising), and returns the
   * snapshot's lines lazily. Safe to read while the model keeps changing: customers, tasks and deliveries
   * are replaced, never changed in place, and timelines, stage changes, the outbox and the seen ids only
   * grow, so the captured references and lengths keep describing this instant.
   */
  captureSnapshot(): Iterable<string> {
    const seq = this.seq;
    const customers = this.customerOrder.map((id) => {
      const timeline = this.timelines.get(id) ?? [];
      return { stored: this.customers.get(id)!, timeline, length: timeline.length };
    });
    const seen = this.seen;
    const seenCount = seen.size;
    const stages = this.stages;
    const stageCount = stages.length;
    const outbox = this.outbox;
    const outboxCount = outbox.length;
    const cursors = [...this.cursors];
    const tasks = this.taskOrder.map((id) => this.tasks.get(id));
    const deliveries = this.deliveryOrder.map((id) => this.deliveries.get(id));
    return {
      *[Symbol.iterator]() {
        yield JSON.stringify({ t: 'seq', seq });
        for (const { stored, timeline, length } of customers) {
          yield JSON.stringify({ t: 'customer', revision: stored.revision, state: stored.state, timeline: timeline.length === length ? timeline : timeline.slice(0, length) });
        }
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
        for (let i = 0; i < stageCount; i++) yield JSON.stringify({ t: 'stage', change: stages[i] });
        for (let i = 0; i < outboxCount; i++) yield JSON.stringify({ t: 'outbox', entry: outbox[i] });
        for (const [consumer, cursor] of cursors) yield JSON.stringify({ t: 'cursor', consumer, cursor });
        for (const task of tasks) yield JSON.stringify({ t: 'task', task });
        for (const delivery of deliveries) yield JSON.stringify({ t: 'delivery', delivery });
      },
    };
  }

  /** Restores one line written by {@link captureSnapshot}. */
  loadSnapshotLine(line: SnapshotLine): void {
    switch (line.t) {
      case 'seq':
        this.seq = line.seq;
        return;
      case 'customer': {
        const id = line.state.customerId;
        if (!this.customers.has(id)) this.customerOrder.push(id);
        this.customers.set(id, { state: line.state, revision: line.revision });
        this.timelines.set(id, line.timeline);
        // The counters are not in the snapshot: the customer's state and timeline rebuild them.
        this.counters.recordStep(undefined, line.state, line.timeline.flatMap((entry) => (entry.kind === 'effect' ? [entry.effect] : [])));
        for (const timer of pendingTimers(line.state)) this.timers.push(timer);
        return;
      }
      case 'seen':
        for (const id of line.ids) this.seen.add(id);
        return;
      case 'stage':
        this.stages.push(line.change);
        return;
      case 'outbox':
        this.outbox.push(line.entry);
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
    }
  }
}

export type SnapshotLine =
  | { t: 'seq'; seq: number }
  | { t: 'customer'; revision: number; state: CustomerState; timeline: TimelineEntry[] }
  | { t: 'seen'; ids: string[] }
  | { t: 'stage'; change: StageChange }
  | { t: 'outbox'; entry: OutboxEntry }
  | { t: 'cursor'; consumer: string; cursor: number }
  | { t: 'task'; task: StaffTask }
  | { t: 'delivery'; delivery: WebhookDelivery };

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
