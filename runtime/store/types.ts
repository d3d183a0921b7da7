/** The one storage contract every store implements (memory, embedded journal + lowdb, later PostgreSQL). */
import type { JourneyDocument } from '../../dsl/schema/document.ts';
import type { ParamValue } from '../../dsl/schema/params.ts';
import type { PlanAction } from '../../dsl/compiler/plan.ts';
import type { CustomerState, Effect, Input, Millis } from '../engine/types.ts';

/**
 * Why the interface looks like this: every method is async and works in pages or batches, so an
 * implementation may keep nothing in memory and several processes may share one database.
 * Writes that belong together (a customer's new state, the effects that produced it, the input id
 * that must not be processed twice) travel as one {@link CommitRecord} and are durable together.
 */

/** One page of a listing; pass `next` back as `cursor` for the following page. */
export interface Page<T> {
  items: T[];
  next?: string;
}

export interface PageQuery {
  cursor?: string;
  /** At most this many items (stores cap it at 1000). */
  limit?: number;
}

// ---------------------------------------------------------------- definitions

export type JourneyStatus = 'draft' | 'live' | 'paused' | 'archived';

/** What happens to customers inside an older version when a new one is published. */
export type MigrationPolicy = 'finish' | 'move';

/** A journey's editable draft and lifecycle status. Published versions live separately and never change. */
export interface JourneyRecord {
  id: string;
  status: JourneyStatus;
  /** The draft as last saved; may be invalid while someone is editing it. */
  draft: unknown;
  /** Incremented by every draft save; a save with a stale revision is refused. */
  revision: number;
  /** The version customers enter now (set by publish; kept while paused). */
  liveVersion?: number;
  latestVersion?: number;
  createdAt: Millis;
  updatedAt: Millis;
}

/** An immutable published version: the document with the parameter values it was published with. */
export interface PublishedVersion {
  journeyId: string;
  version: number;
  document: JourneyDocument;
  params: Record<string, ParamValue>;
  migration: MigrationPolicy;
  /**
   * With `move`: where customers on nodes the new version no longer has go (old node id → new node id).
   * Nodes both versions have keep their customers without being listed.
   */
  migrationMap?: Record<string, string>;
  publishedAt: Millis;
}

export interface DefinitionStore {
  listJourneys(): Promise<JourneyRecord[]>;
  getJourney(id: string): Promise<JourneyRecord | undefined>;
  /**
   * Creates the journey or replaces its draft. With `expectedRevision`, refuses (RevisionConflictError)
   * when someone else saved in between.
   */
  saveDraft(id: string, draft: unknown, options?: { expectedRevision?: number; at?: Millis }): Promise<JourneyRecord>;
  /**
   * Publishes a new immutable version (numbered `latestVersion + 1`, or `version` when given and free)
   * and makes it live. Creates the journey record when missing.
   */
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
  ): Promise<PublishedVersion>;
  getVersion(id: string, version: number): Promise<PublishedVersion | undefined>;
  listVersions(id: string): Promise<PublishedVersion[]>;
  /** live ↔ paused, anything → archived. Throws NotFoundError for an unknown journey. */
  setStatus(id: string, status: Exclude<JourneyStatus, 'draft'>, at?: Millis): Promise<JourneyRecord>;
}

// ---------------------------------------------------------------- customers, inputs, timers

/** A customer's state with the revision the store holds (for optimistic concurrency between processes). */
export interface StoredCustomer {
  state: CustomerState;
  revision: number;
}

/**
 * A journey's schedule falling due for one customer. Not an engine input (the runtime calls the
 * engine's `scheduleTick`), but committed like one: its id is unique per journey, time and customer.
 */
export interface ScheduleTickInput {
  type: 'schedule';
  id: string;
  customerId: string;
  journeyId: string;
  at: Millis;
}

/**
 * Moving one customer's instance of a journey to a newer version (publish with the `move` policy).
 * Committed like an input, so the move is journaled and a replay or a second pass does it once.
 */
export interface MigrateInput {
  type: 'migrate';
  id: string;
  customerId: string;
  journeyId: string;
  at: Millis;
  /** The version to move to. */
  version: number;
  /** Old node id → new node id, for nodes the new version no longer has. */
  mapping: Record<string, string>;
}

/** Anything a commit can record as its cause. */
export type CommittedInput = Input | ScheduleTickInput | MigrateInput;

/**
 * The result of one engine step, to be made durable: the input (its id is deduplicated), the
 * customer's new state and the effects. `baseRevision` is the revision the step started from
 * (0 for a new customer); a mismatch means another writer got there first (RevisionConflictError).
 */
export interface CommitRecord {
  input: CommittedInput;
  state: CustomerState;
  effects: Effect[];
  baseRevision: number;
}

export interface CommitResult {
  /** Input ids committed now. */
  committed: string[];
  /** Input ids skipped because they had been committed before. */
  duplicates: string[];
}

/** A pending timer in the due-time index. */
export interface DueTimer {
  customerId: string;
  journeyId: string;
  timerId: string;
  fireAt: Millis;
}

export interface CustomerStore {
  getCustomer(id: string): Promise<StoredCustomer | undefined>;
  getCustomers(ids: readonly string[]): Promise<Map<string, StoredCustomer>>;
  /** Customers in the order they were first stored; with `journeyId`, only those with an instance of that journey. */
  listCustomers(query?: PageQuery & { journeyId?: string }): Promise<Page<CustomerState>>;
  countCustomers(): Promise<number>;
  /** The subset of `ids` that were committed before. */
  seenInputs(ids: readonly string[]): Promise<Set<string>>;
  /**
   * Makes the records durable, in order, atomically as a batch; resolves only once they are
   * (the acknowledgement point). Records whose input id was committed before are skipped.
   */
  commit(records: readonly CommitRecord[]): Promise<CommitResult>;
  /** Pending timers with `fireAt <= until`, earliest first (ties by customer id, then timer id). */
  dueTimers(until: Millis, limit: number): Promise<DueTimer[]>;
  /** The earliest pending timer's due time. */
  nextTimerAt(): Promise<Millis | undefined>;
}

// ---------------------------------------------------------------- history and timeline

/** One stage change of one customer in one journey. */
export interface StageChange {
  seq: number;
  at: Millis;
  customerId: string;
  journeyId: string;
  version: number;
  stage: string;
  from?: string;
  effectId: string;
}

export type TimelineEntry =
  | { seq: number; at: Millis; kind: 'input'; input: Input }
  | { seq: number; at: Millis; kind: 'effect'; effect: Effect };

/** A node's numbers in one journey. */
export interface NodeCounters {
  /** Times customers reached the node (one per input that brought a customer there). */
  entered: number;
  /** Customers whose instance waits at the node now. */
  waiting: number;
  /** Customers whose instance ended at the node (their latest one). */
  exited: number;
  /** Goal nodes: conversions within the goal window. */
  converted: number;
}

/** A journey's numbers, kept up to date at commit time (never computed by rescanning customers). */
export interface JourneyCounters {
  /** Customers who ever entered; customers inside now. */
  customers: { entered: number; active: number };
  nodes: Record<string, NodeCounters>;
  /** Customers per stage now (each customer's latest stage in the journey). */
  stages: Record<string, number>;
  /** Per stage, how many distinct customers ever reached it. */
  reached: Record<string, number>;
  /** Stage-to-stage moves; `from` null for a customer's first stage. */
  transitions: { from: string | null; to: string; count: number }[];
  goals: { node: string; goal: string; converted: number }[];
}

/** Customers per stage at the end of each UTC day (`date` is YYYY-MM-DD), oldest first. */
export type DailyStages = { date: string; counts: Record<string, number> }[];

export interface HistoryStore {
  /** The journey's counters as of the last commit. */
  journeyCounters(journeyId: string): Promise<JourneyCounters>;
  /** Customers per stage at the end of every UTC day from `from`'s day to `until`'s day (from the stage history, kept as daily changes). */
  dailyStages(journeyId: string, range: { from: Millis; until: Millis }): Promise<DailyStages>;
  /** Stage changes in commit order, optionally narrowed to a journey, a customer and a time range [since, until]. */
  stageChanges(query: PageQuery & { journeyId?: string; customerId?: string; since?: Millis; until?: Millis }): Promise<Page<StageChange>>;
  /** How many customers were in each stage of the journey at time `at` (their latest change at or before it). */
  stageDistribution(journeyId: string, at: Millis): Promise<Record<string, number>>;
  /** Customer's inputs and effects, newest first. */
  timeline(customerId: string, query?: PageQuery): Promise<Page<TimelineEntry>>;
}

// ---------------------------------------------------------------- outbox

/** An action waiting to be carried out by an integration. `seq` orders the outbox. */
export interface OutboxEntry {
  seq: number;
  effectId: string;
  at: Millis;
  customerId: string;
  journeyId: string;
  version: number;
  node: string;
  action: PlanAction;
}

export interface OutboxStore {
  /** Entries after `after` (default: the consumer's acknowledged cursor), oldest first. */
  pull(query: { consumer: string; after?: number; limit?: number }): Promise<{ entries: OutboxEntry[]; cursor: number }>;
  /** Records that the consumer has handled everything up to and including `cursor`. Never moves backwards. */
  ack(consumer: string, cursor: number): Promise<number>;
  cursor(consumer: string): Promise<number>;
}

// ---------------------------------------------------------------- staff tasks

export interface StaffTask {
  /** The id of the effect that created the task. */
  id: string;
  customerId: string;
  journeyId: string;
  version: number;
  node: string;
  title: string;
  assignee?: string;
  note?: string;
  createdAt: Millis;
  dueAt?: Millis;
  status: 'open' | 'done';
  completedAt?: Millis;
  completedBy?: string;
  /** Set by postpone: the task is hidden from "due" views until then. */
  postponedUntil?: Millis;
}

export interface TaskStore {
  listTasks(query?: PageQuery & { status?: StaffTask['status']; assignee?: string; customerId?: string; journeyId?: string }): Promise<Page<StaffTask>>;
  getTask(id: string): Promise<StaffTask | undefined>;
  /** Marks the task done. Completing a done task again returns it unchanged. */
  completeTask(id: string, options: { at: Millis; by?: string }): Promise<StaffTask>;
  /** Moves the due time (and hides the task until then). Refused for a done task. */
  postponeTask(id: string, until: Millis): Promise<StaffTask>;
}

// ---------------------------------------------------------------- webhooks

export interface WebhookDelivery {
  /** The id of the webhook effect; sent as the idempotency key. */
  id: string;
  customerId: string;
  journeyId: string;
  node: string;
  url: string;
  payload: Record<string, unknown>;
  status: 'pending' | 'delivered' | 'dead';
  attempts: number;
  nextAttemptAt: Millis;
  lastError?: string;
  createdAt: Millis;
  deliveredAt?: Millis;
}

export interface WebhookStore {
  /** Pending deliveries whose next attempt is due, earliest first. */
  dueDeliveries(until: Millis, limit: number): Promise<WebhookDelivery[]>;
  /** Records an attempt: delivered, failed with a retry at `retryAt`, or failed for good (dead letter) when `retryAt` is absent. */
  recordAttempt(id: string, attempt: { at: Millis; ok: boolean; error?: string; retryAt?: Millis }): Promise<WebhookDelivery>;
  listDeliveries(query?: PageQuery & { status?: WebhookDelivery['status'] }): Promise<Page<WebhookDelivery>>;
  /** Puts a dead letter back in the queue. */
  requeueDelivery(id: string, at: Millis): Promise<WebhookDelivery>;
}

// ---------------------------------------------------------------- API keys

/** `ingest` keys may only send events (track, identify, batch). */
export type ApiRole = 'admin' | 'operator' | 'viewer' | 'ingest';

/** An API key as stored: only its hash, never the key. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  role: ApiRole;
  /** Hex SHA-256 of the key. */
  hash: string;
  createdAt: Millis;
  revokedAt?: Millis;
}

export interface ApiKeyStore {
  createApiKey(record: ApiKeyRecord): Promise<ApiKeyRecord>;
  /** The key with this hash, unless revoked. */
  findApiKey(hash: string): Promise<ApiKeyRecord | undefined>;
  listApiKeys(): Promise<ApiKeyRecord[]>;
  revokeApiKey(id: string, at: Millis): Promise<ApiKeyRecord>;
}

// ---------------------------------------------------------------- the whole store

export interface RuntimeStore
  extends DefinitionStore,
    CustomerStore,
    HistoryStore,
    OutboxStore,
    TaskStore,
    WebhookStore,
    ApiKeyStore {
  /** Flushes and releases files; further calls fail. */
  close(): Promise<void>;
}

/** A named thing does not exist. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

/** Someone else changed the record since it was read (draft revision, customer revision). */
export class RevisionConflictError extends Error {
  override readonly name = 'RevisionConflictError';
}

/** The request contradicts the record's state (postponing a done task, publishing over an existing version). */
export class InvalidStateError extends Error {
  override readonly name = 'InvalidStateError';
}

/** The store cannot write now (disk full, read-only, I/O error); nothing of the refused write was acknowledged. Writes may resume later. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}
