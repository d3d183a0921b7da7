/** A RuntimeStore over the in-memory StateModel; subclasses decide how an operation becomes durable. */
import type { CustomerState, Millis } from '../engine/types.ts';
import { DefinitionBook } from './definitions.ts';
import { StateModel, attemptChange, completeTaskChange, postponeTaskChange, requeueChange, type StoreOp } from './state-model.ts';
import type {
  ApiKeyRecord,
  CommitRecord,
  CommitResult,
  DailyStages,
  DueTimer,
  JourneyCounters,
  JourneyRecord,
  JourneyStatus,
  MigrationPolicy,
  OutboxEntry,
  Page,
  PageQuery,
  PublishedVersion,
  RuntimeStore,
  StaffTask,
  StageChange,
  StoredCustomer,
  TimelineEntry,
  WebhookDelivery,
} from './types.ts';
import type { JourneyDocument } from '../../dsl/schema/document.ts';
import type { ParamValue } from '../../dsl/schema/params.ts';

/**
 * Every change is applied to the model at once (so the next step sees it) and made durable by
 * `record`; callers are answered only after that. Objects returned are the store's own: treat them
 * as read-only.
 */
export abstract class ModelStore implements RuntimeStore {
  /** Replaced only when a store rebuilds itself from disk after a failed write. */
  protected model = new StateModel();
  protected abstract readonly definitions: DefinitionBook;
  /** While set, changes wait (a snapshot is capturing the model). */
  protected writesPaused: Promise<void> | undefined;
  private closed = false;

  /**
   * Applies an operation to the model and makes it durable; resolves once it is. The model must change
   * in the synchronous part (the next step sees it, and journal order = model order).
   */
  protected abstract record(op: StoreOp): Promise<void>;
  protected abstract release(): Promise<void>;

  protected assertOpen(): void {
    if (this.closed) throw new Error('the store is closed');
  }

  /** Waits until writes may proceed, then (without yielding) checks, applies and persists the change. */
  private async mutate<R>(prepare: () => { op?: StoreOp; result: R }): Promise<R> {
    this.assertOpen();
    while (this.writesPaused !== undefined) await this.writesPaused;
    this.assertOpen();
    const { op, result } = prepare();
    if (op !== undefined) await this.record(op);
    return result;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.release();
  }

  // definitions and keys
  listJourneys(): Promise<JourneyRecord[]> {
    return this.definitions.listJourneys();
  }
  getJourney(id: string): Promise<JourneyRecord | undefined> {
    return this.definitions.getJourney(id);
  }
  saveDraft(id: string, draft: unknown, options?: { expectedRevision?: number; at?: Millis }): Promise<JourneyRecord> {
    this.assertOpen();
    return this.definitions.saveDraft(id, draft, options);
  }
  publish(
    id: string,
    published: {
      document: JourneyDocument;
      params?: Record<string, ParamValue>;
      migration?: MigrationPolicy;
      migrationMap?: Record<string, string>;
      at?: Millis;
      version?: number;
    },
  ): Promise<PublishedVersion> {
    this.assertOpen();
    return this.definitions.publish(id, published);
  }
  getVersion(id: string, version: number): Promise<PublishedVersion | undefined> {
    return this.definitions.getVersion(id, version);
  }
  listVersions(id: string): Promise<PublishedVersion[]> {
    return this.definitions.listVersions(id);
  }
  setStatus(id: string, status: Exclude<JourneyStatus, 'draft'>, at?: Millis): Promise<JourneyRecord> {
    this.assertOpen();
    return this.definitions.setStatus(id, status, at);
  }
  createApiKey(record: ApiKeyRecord): Promise<ApiKeyRecord> {
    this.assertOpen();
    return this.definitions.createApiKey(record);
  }
  findApiKey(hash: string): Promise<ApiKeyRecord | undefined> {
    return this.definitions.findApiKey(hash);
  }
  listApiKeys(): Promise<ApiKeyRecord[]> {
    return this.definitions.listApiKeys();
  }
  revokeApiKey(id: string, at: Millis): Promise<ApiKeyRecord> {
    this.assertOpen();
    return this.definitions.revokeApiKey(id, at);
  }

  // customers
  async getCustomer(id: string): Promise<StoredCustomer | undefined> {
    return this.model.getCustomer(id);
  }
  async getCustomers(ids: readonly string[]): Promise<Map<string, StoredCustomer>> {
    const found = new Map<string, StoredCustomer>();
    for (const id of ids) {
      const customer = this.model.getCustomer(id);
      if (customer !== undefined) found.set(id, customer);
    }
    return found;
  }
  async listCustomers(query?: PageQuery & { journeyId?: string }): Promise<Page<CustomerState>> {
    return this.model.listCustomers(query);
  }
  async countCustomers(): Promise<number> {
    return this.model.customerCount;
  }
  async seenInputs(ids: readonly string[]): Promise<Set<string>> {
    return new Set(ids.filter((id) => this.model.hasSeen(id)));
  }
  commit(records: readonly CommitRecord[]): Promise<CommitResult> {
    return this.mutate(() => {
      const { accepted, result } = this.model.prepareCommit(records);
      return accepted.length > 0 ? { op: { op: 'commit', records: accepted }, result } : { result };
    });
  }
  async dueTimers(until: Millis, limit: number): Promise<DueTimer[]> {
    return this.model.dueTimers(until, limit);
  }
  async nextTimerAt(): Promise<Millis | undefined> {
    return this.model.nextTimerAt();
  }

  // history
  async stageChanges(query: PageQuery & { journeyId?: string; customerId?: string; since?: Millis; until?: Millis }): Promise<Page<StageChange>> {
    return this.model.stageChanges(query);
  }
  async stageDistribution(journeyId: string, at: Millis): Promise<Record<string, number>> {
    return this.model.stageDistribution(journeyId, at);
  }
  async journeyCounters(journeyId: string): Promise<JourneyCounters> {
    return this.model.journeyCounters(journeyId);
  }
  async dailyStages(journeyId: string, range: { from: Millis; until: Millis }): Promise<DailyStages> {
    return this.model.dailyStages(journeyId, range);
  }
  async timeline(customerId: string, query?: PageQuery): Promise<Page<TimelineEntry>> {
    return this.model.timeline(customerId, query);
  }

  // outbox
  async pull(query: { consumer: string; after?: number; limit?: number }): Promise<{ entries: OutboxEntry[]; cursor: number }> {
    return this.model.pullOutbox(query.after ?? this.model.cursor(query.consumer), query.limit ?? 100);
  }
  async ack(consumer: string, cursor: number): Promise<number> {
    await this.mutate(() => (cursor > this.model.cursor(consumer) ? { op: { op: 'ack', consumer, cursor }, result: undefined } : { result: undefined }));
    return this.model.cursor(consumer);
  }
  async cursor(consumer: string): Promise<number> {
    return this.model.cursor(consumer);
  }

  // tasks
  async listTasks(query?: PageQuery & { status?: StaffTask['status']; assignee?: string; customerId?: string; journeyId?: string }): Promise<Page<StaffTask>> {
    return this.model.listTasks(query);
  }
  async getTask(id: string): Promise<StaffTask | undefined> {
    return this.model.getTask(id);
  }
  completeTask(id: string, options: { at: Millis; by?: string }): Promise<StaffTask> {
    return this.mutate(() => {
      const before = this.model.getTask(id);
      const task = this.model.prepareTask(id, completeTaskChange(options.at, options.by));
      return task === before ? { result: task } : { op: { op: 'task', task }, result: task };
    });
  }
  postponeTask(id: string, until: Millis): Promise<StaffTask> {
    return this.mutate(() => {
      const task = this.model.prepareTask(id, postponeTaskChange(until));
      return { op: { op: 'task', task }, result: task };
    });
  }

  // webhooks
  async dueDeliveries(until: Millis, limit: number): Promise<WebhookDelivery[]> {
    return this.model.dueDeliveries(until, limit);
  }
  recordAttempt(id: string, attempt: { at: Millis; ok: boolean; error?: string; retryAt?: Millis }): Promise<WebhookDelivery> {
    return this.mutate(() => {
      const delivery = this.model.prepareDelivery(id, attemptChange(attempt));
      return { op: { op: 'delivery', delivery }, result: delivery };
    });
  }
  async listDeliveries(query?: PageQuery & { status?: WebhookDelivery['status'] }): Promise<Page<WebhookDelivery>> {
    return this.model.listDeliveries(query);
  }
  requeueDelivery(id: string, at: Millis): Promise<WebhookDelivery> {
    return this.mutate(() => {
      const delivery = this.model.prepareDelivery(id, requeueChange(at));
      return { op: { op: 'delivery', delivery }, result: delivery };
    });
  }
}
