/** The engine's vocabulary: inputs it accepts, the per-customer state it keeps, and the effects it emits. */
import type { PlanAction } from '../../dsl/compiler/plan.ts';

/** Epoch milliseconds, UTC. */
export type Millis = number;

/** A tracked event (Segment `track`). `id` is the message id: the same id twice has one effect. */
export interface EventInput {
  type: 'event';
  id: string;
  customerId: string;
  event: string;
  at: Millis;
  properties: Record<string, unknown>;
}

/** A profile update (Segment `identify`). Traits are merged into the profile. */
export interface IdentifyInput {
  type: 'identify';
  id: string;
  customerId: string;
  at: Millis;
  traits: Record<string, unknown>;
}

/** A timer falling due. Its id is the timer id, so firing the same timer twice has one effect. */
export interface TimerInput {
  type: 'timer';
  id: string;
  customerId: string;
  journeyId: string;
  at: Millis;
}

export type Input = EventInput | IdentifyInput | TimerInput;

/** Aggregates kept incrementally per customer; never recomputed from history. */
export interface FactState {
  firstSeenAt?: Millis;
  lastActivityAt?: Millis;
  /** Last time of each event name. */
  lastEventAt: Record<string, Millis>;
  /** All-time count of each event name. */
  eventCounts: Record<string, number>;
  /** Per event name, daily buckets for windowed counts: day number (UTC days since epoch) → count, pruned past the longest window. */
  dailyCounts: Record<string, Record<string, number>>;
  totalSpend: number;
  purchaseCount: number;
  firstPurchaseAt?: Millis;
  lastPurchaseAt?: Millis;
}

/** A pending timer of one journey instance. */
export interface Timer {
  id: string;
  journeyId: string;
  node: string;
  fireAt: Millis;
  /** What the timer is for: a delay/until wait, an events wait's timeout, a deferred message. */
  purpose: 'wait' | 'timeout' | 'deferred';
}

/** One customer's place in one journey. */
export interface JourneyInstance {
  journeyId: string;
  version: number;
  status: 'active' | 'exited' | 'completed';
  node: string;
  enteredAt: Millis;
  nodeEnteredAt: Millis;
  stage?: string;
  stageSince?: Millis;
  exitedAt?: Millis;
  /** How many times the customer has entered this journey. */
  entries: number;
  timers: Timer[];
  /** Messages deferred by quiet hours, released when their timer fires. */
  deferred?: { timerId: string; node: string; action: PlanAction }[];
}

export interface CustomerState {
  customerId: string;
  profile: Record<string, unknown>;
  tags: string[];
  facts: FactState;
  journeys: Record<string, JourneyInstance>;
  /** Send times per channel, for frequency caps; pruned past the longest cap window. */
  sends: Record<string, Millis[]>;
}

interface EffectBase {
  at: Millis;
  customerId: string;
  journeyId: string;
  version: number;
  node: string;
  /** The input that caused the effect. */
  inputId: string;
  /**
   * The effect's place among the effects its journey emitted for this input (0, 1, …). With the
   * fields above it makes the effect's id: `effectId(effect)`, a hash computed when it is read.
   */
  ordinal: number;
  /**
   * Never set by the engine. An effect read back from data stored before ids were derived keeps the id
   * it was stored with here when its fields do not give that id (a hand-made effect); effectId answers with it.
   */
  id?: string;
}

export type Effect = EffectBase &
  (
    | { kind: 'entered' }
    | { kind: 'stage'; stage: string; from?: string }
    /**
     * Which way a condition, split or events-wait node sent the customer, for per-edge counts and
     * experiment groups. `branch` is the edge handle of dsl/nodes: `branch:0`, `else`, `split:1`, `event:0`, `timeout`.
     */
    | { kind: 'branch'; branch: string; next: string }
    | { kind: 'action'; action: PlanAction }
    | { kind: 'task'; task: { title: string; assignee?: string; dueAt?: Millis; note?: string } }
    | { kind: 'timerSet'; timer: Timer }
    | { kind: 'timerCleared'; timerId: string }
    | { kind: 'goal'; goal: string; converted: boolean }
    | { kind: 'exit'; reason?: string; completed: boolean }
    | { kind: 'suppressed'; reason: 'frequencyCap' | 'quietHours'; action: PlanAction }
    | { kind: 'deferred'; until: Millis; action: PlanAction }
    | { kind: 'loopGuard'; steps: number }
  );

export type EffectKind = Effect['kind'];

export interface StepResult {
  state: CustomerState;
  effects: Effect[];
}

/** The journeys the engine can run: the live version of each (for entries) and any version still holding customers. */
export interface PlanSet {
  /** Journeys customers can enter now: the live version of each. */
  readonly live: readonly import('../../dsl/compiler/plan.ts').Plan[];
  /** A specific version, for customers still inside an older one. */
  version(journeyId: string, version: number): import('../../dsl/compiler/plan.ts').Plan | undefined;
}
