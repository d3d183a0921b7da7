/** The embeddable runtime: journeys, durable ingestion, the scheduler that fires timers, customer state. */
import { compileJourney } from '../dsl/compiler/index.ts';
import type { Plan } from '../dsl/compiler/plan.ts';
import { formatPath, hasErrors, type Diagnostic } from '../dsl/diagnostics.ts';
import { loadJourneySource } from '../dsl/load.ts';
import type { ParamValue } from '../dsl/schema/params.ts';
import type { Clock } from './clock/clock.ts';
import { newCustomerState, nextScheduleAt, scheduleInputId, scheduleTick, step } from './engine/index.ts';
import { migrateInstance } from './engine/migrate.ts';
import type { CustomerState, Effect, Input, Millis, StepResult } from './engine/types.ts';
import { PlanRegistry } from './plan-registry.ts';
import type { CommitRecord, CommittedInput, MigrateInput, RuntimeStore, StoredCustomer } from './store/types.ts';

export interface RuntimeOptions {
  store: RuntimeStore;
  clock: Clock;
  /** Called with every effect once it is durable, in commit order. Awaited: a slow handler slows ingestion. */
  onEffect?: (effect: Effect) => void | Promise<void>;
  /** Errors that have no caller to go to: a failing onEffect, a background timer batch, a stored version that no longer compiles. Default: stderr. */
  onError?: (error: unknown) => void;
  /** Most inputs made durable together (one journal write and fsync). Default 1000. */
  maxBatch?: number;
}

export interface IngestResult {
  /** Input ids processed now, in order. */
  accepted: string[];
  /** Input ids seen before: they had no effect this time. */
  duplicates: string[];
  /** The effects of the accepted inputs (timers fired by `advanceTo` included). */
  effects: Effect[];
}

/**
 * What a migration did: customers moved to the new version, and those left to finish on theirs (their
 * node is neither kept nor mapped). A customer who left the journey before its move is in neither.
 */
export interface MigrationResult {
  moved: string[];
  stayed: string[];
  effects: Effect[];
}

/** A journey source that does not check or compile; `diagnostics` say what and where. */
export class JourneyLoadError extends Error {
  override readonly name = 'JourneyLoadError';
  constructor(readonly diagnostics: Diagnostic[]) {
    super(
      `the journey does not compile:\n${diagnostics
        .filter((d) => d.severity === 'error')
        .map((d) => `  ${d.span ? `${d.span.line}:${d.span.column}: ` : ''}${d.nodeId ? `node ${d.nodeId}: ` : ''}${formatPath(d.path)}: ${d.message}`)
        .join('\n')}`,
    );
  }
}

export interface Runtime {
  /** The compiled journeys: live versions and every version still holding customers. */
  readonly plans: PlanRegistry;
  /** Resolves once the journeys published in the store are compiled and the scheduler runs. */
  readonly ready: Promise<void>;
  /**
   * Publishes a journey (compiled plan, document object, or JSON/text source) to the store and makes
   * it live. Loading the same document and params again reuses the published version.
   */
  load(source: Plan | string | object, params?: Readonly<Record<string, ParamValue>>): Promise<Plan>;
  /** Processes inputs in order; resolves once they are durable. A duplicate id has no second effect. */
  ingest(input: Input | readonly Input[]): Promise<IngestResult>;
  /** Virtual clock only: fires every timer (and schedule) due at or before `time`, in time order. */
  advanceTo(time: Millis | Date | string): Promise<IngestResult>;
  customer(id: string): Promise<CustomerState | undefined>;
  /** Re-reads journeys from the store (after another part of the program published, paused or archived one). */
  sync(): Promise<void>;
  /**
   * Moves every customer inside an older version of the journey to `version` (which must be published):
   * customers on nodes both versions have stay on them, with their wait re-planned for the new version;
   * customers on removed nodes go to `mapping[node]` and run on from there; customers whose node is
   * neither kept nor mapped stay on their version until they leave. Each move is committed like an
   * input (durable, journaled, done once); events arriving meanwhile are processed in order with the
   * moves, so every customer is on exactly one version. The mapping defaults to the one published
   * with the version. Resolves once every move is durable.
   */
  migrate(journeyId: string, version: number, mapping?: Readonly<Record<string, string>>): Promise<MigrationResult>;
  /** Finishes what is in flight, stops the scheduler and closes the store. */
  close(): Promise<void>;
}

interface Job {
  inputs: CommittedInput[];
  resolve: (result: IngestResult) => void;
  reject: (error: unknown) => void;
}

const emptyResult = (): IngestResult => ({ accepted: [], duplicates: [], effects: [] });
const merge = (into: IngestResult, from: IngestResult): IngestResult => {
  into.accepted.push(...from.accepted);
  into.duplicates.push(...from.duplicates);
  for (const e of from.effects) into.effects.push(e);
  return into;
};
const toMillis = (time: Millis | Date | string): Millis => (typeof time === 'number' ? time : typeof time === 'string' ? Date.parse(time) : time.getTime());
const isPlan = (source: unknown): source is Plan => typeof source === 'object' && source !== null && (source as Plan).nodes instanceof Map;
const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
/** Real-clock scheduler: look again at least this often (another process may have added timers). */
const MAX_SLEEP_MS = 30_000;

/**
 * Creates a runtime over a store and a clock. With a `RealClock` due timers fire by themselves
 * (those that fell due while the process was down fire once, right after start); with a
 * `VirtualClock` time moves only through `ingest` (to each input's time, firing the timers due
 * before it) and `advanceTo` (firing those due at or before the target).
 *
 * @example
 * const runtime = createRuntime({ store: new MemoryStore(), clock: new VirtualClock(), onEffect: (e) => console.log(e.kind, e.node) });
 * await runtime.load(dormancyLadderDocument, { silentAfterDays: 30 });
 * await runtime.ingest({ type: 'event', id: 'm1', customerId: 'c1', event: 'purchase', at: Date.parse('2025-01-01T00:00:00Z'), properties: { amount: 99 } });
 * await runtime.advanceTo('2025-06-01T00:00:00Z'); // the silent / sleeping / lost stages, at their due times
 * (await runtime.customer('c1'))?.journeys['dormancy-ladder']?.stage; // 'lost'
 * await runtime.close();
 */
export function createRuntime(options: RuntimeOptions): Runtime {
  const { store, clock } = options;
  const plans = new PlanRegistry();
  const maxBatch = Math.max(1, options.maxBatch ?? 1000);
  const reportError = options.onError ?? ((error: unknown) => process.stderr.write(`lifecycle-studio runtime: ${error instanceof Error ? error.message : String(error)}\n`));
  const queue: Job[] = [];
  let pumping = false;
  let closed = false;
  let wakeTimer: ReturnType<typeof setTimeout> | undefined;
  let wakeAt: Millis | undefined;
  /** Next tick of each schedule-triggered live journey; started at the first moment the clock is known. */
  const ticks = new Map<string, Millis>();
  let ticksFrom: Millis | undefined;
  /** Serialises virtual-time operations so timers and inputs interleave in time order. */
  let virtualChain: Promise<unknown> = Promise.resolve();

  function startTick(plan: Plan): void {
    if (ticksFrom === undefined) return;
    const at = nextScheduleAt(plan, ticksFrom);
    if (at === undefined) ticks.delete(plan.journeyId);
    else ticks.set(plan.journeyId, at);
  }

  function startTicks(from: Millis): void {
    if (ticksFrom !== undefined) return;
    ticksFrom = from;
    for (const plan of plans.live) startTick(plan);
  }

  async function syncFromStore(): Promise<void> {
    for (const journey of await store.listJourneys()) {
      for (const published of await store.listVersions(journey.id)) {
        if (plans.version(journey.id, published.version) !== undefined) continue;
        const { plan, diagnostics } = compileJourney(published.document, published.params);
        if (plan === undefined) reportError(new Error(`journey ${journey.id} version ${published.version} no longer compiles; customers inside it wait. ${new JourneyLoadError(diagnostics).message}`));
        else plans.add(plan, false);
      }
      const live = journey.status === 'live' && journey.liveVersion !== undefined && plans.version(journey.id, journey.liveVersion) !== undefined;
      const wasLive = plans.live.find((p) => p.journeyId === journey.id);
      plans.setLive(journey.id, live ? journey.liveVersion : undefined);
      const nowLive = plans.live.find((p) => p.journeyId === journey.id);
      if (nowLive !== undefined && nowLive !== wasLive) startTick(nowLive);
      if (nowLive === undefined) ticks.delete(journey.id);
    }
  }

  // ------------------------------------------------------------ the write path

  function runUnit(state: CustomerState | undefined, input: CommittedInput): StepResult {
    if (input.type === 'migrate') {
      return migrateInstance(plans, state ?? newCustomerState(input.customerId), { journeyId: input.journeyId, version: input.version, mapping: input.mapping, at: input.at, inputId: input.id });
    }
    if (input.type !== 'schedule') return step(plans, state, input);
    // Ticks go to known customers only; one that vanished in between has nothing to enter with.
    return scheduleTick(plans, state ?? newCustomerState(input.customerId), input.journeyId, input.at);
  }

  /** Steps a batch against the stored states and commits it: one durable write for the whole batch. */
  async function processBatch(inputs: readonly CommittedInput[]): Promise<Map<string, Effect[]>> {
    const seen = await store.seenInputs(inputs.map((i) => i.id));
    const stored = await store.getCustomers([...new Set(inputs.map((i) => i.customerId))]);
    const working = new Map<string, StoredCustomer>(stored);
    const records: CommitRecord[] = [];
    const inBatch = new Set<string>();
    for (const input of inputs) {
      if (seen.has(input.id) || inBatch.has(input.id)) continue;
      inBatch.add(input.id);
      const current = working.get(input.customerId);
      const { state, effects } = runUnit(current?.state, input);
      const baseRevision = current?.revision ?? 0;
      records.push({ input, state, effects, baseRevision });
      working.set(input.customerId, { state, revision: baseRevision + 1 });
    }
    const committed = new Set((records.length > 0 ? await store.commit(records) : { committed: [] }).committed);
    const byInput = new Map<string, Effect[]>();
    for (const record of records) {
      if (!committed.has(record.input.id)) continue;
      byInput.set(record.input.id, record.effects);
      for (const effect of record.effects) {
        if (options.onEffect === undefined) continue;
        try {
          await options.onEffect(effect);
        } catch (error) {
          reportError(error);
        }
      }
    }
    return byInput;
  }

  async function pump(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      while (queue.length > 0) {
        const jobs: Job[] = [];
        let size = 0;
        while (queue.length > 0 && (jobs.length === 0 || size + queue[0]!.inputs.length <= maxBatch)) {
          const job = queue.shift()!;
          jobs.push(job);
          size += job.inputs.length;
        }
        try {
          const byInput = await processBatch(jobs.flatMap((j) => j.inputs));
          for (const job of jobs) {
            const result = emptyResult();
            for (const input of job.inputs) {
              const effects = byInput.get(input.id);
              if (effects === undefined) {
                result.duplicates.push(input.id);
              } else {
                result.accepted.push(input.id);
                for (const e of effects) result.effects.push(e);
                byInput.delete(input.id);
              }
            }
            job.resolve(result);
          }
        } catch (error) {
          for (const job of jobs) job.reject(error);
        }
      }
    } finally {
      pumping = false;
    }
    if (!clock.virtual) void rescheduleWake();
  }

  /** Resolves once everything queued before it is durable (a job with no inputs, processed in its turn). */
  function barrier(): Promise<IngestResult> {
    if (closed) return Promise.reject(new Error('the runtime is closed'));
    const done = new Promise<IngestResult>((resolve, reject) => queue.push({ inputs: [], resolve, reject }));
    void pump();
    return done;
  }

  function enqueue(inputs: CommittedInput[]): Promise<IngestResult> {
    if (closed) return Promise.reject(new Error('the runtime is closed'));
    if (inputs.length === 0) return Promise.resolve(emptyResult());
    const done = new Promise<IngestResult>((resolve, reject) => queue.push({ inputs, resolve, reject }));
    void pump();
    return done;
  }

  // ------------------------------------------------------------ timers and schedules

  /** Every customer (or those `include` accepts), as schedule-tick inputs of one journey at one time. */
  async function tickInputs(journeyId: string, at: Millis, include: (customer: CustomerState) => boolean = () => true): Promise<CommittedInput[]> {
    const inputs: CommittedInput[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.listCustomers({ limit: 1000, ...(cursor !== undefined ? { cursor } : {}) });
      for (const c of page.items) {
        if (include(c)) inputs.push({ type: 'schedule', id: `${scheduleInputId(journeyId, at)}:${c.customerId}`, customerId: c.customerId, journeyId, at });
      }
      cursor = page.next;
    } while (cursor !== undefined);
    return inputs;
  }

  /**
   * After a restart: the latest schedule instant of each live schedule journey that fell due while the
   * process was down fires once (earlier missed instants do not pile up). Tick ids are per journey,
   * instant and customer, so customers who got it before the stop are skipped by the store; customers
   * whose first event came after that instant do not get it.
   */
  async function catchUpSchedules(now: Millis): Promise<void> {
    for (const plan of plans.live) {
      const published = await store.getVersion(plan.journeyId, plan.version);
      let at = nextScheduleAt(plan, Math.max(published?.publishedAt ?? now, now - 8 * 86_400_000));
      let latest: Millis | undefined;
      for (; at !== undefined && at <= now; at = nextScheduleAt(plan, at + 1)) latest = at;
      if (latest === undefined) continue;
      const due = latest;
      await enqueue(await tickInputs(plan.journeyId, due, (c) => c.facts.firstSeenAt === undefined || c.facts.firstSeenAt <= due));
    }
  }

  /** Customers inside an older version of the journey, as migrate inputs (their id makes each move happen once). */
  async function migrateInputs(journeyId: string, version: number, mapping: Readonly<Record<string, string>>, at: Millis): Promise<MigrateInput[]> {
    const inputs: MigrateInput[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.listCustomers({ journeyId, limit: 1000, ...(cursor !== undefined ? { cursor } : {}) });
      for (const c of page.items) {
        const instance = Object.hasOwn(c.journeys, journeyId) ? c.journeys[journeyId] : undefined;
        if (instance?.status !== 'active' || instance.version >= version) continue;
        inputs.push({ type: 'migrate', id: `migrate:${journeyId}:${version}:${c.customerId}`, customerId: c.customerId, journeyId, at, version, mapping: { ...mapping } });
      }
      cursor = page.next;
    } while (cursor !== undefined);
    return inputs;
  }

  async function runMigration(journeyId: string, version: number, mapping: Readonly<Record<string, string>>): Promise<MigrationResult> {
    // Steps already under way may have entered customers into the old version: they are durable after this.
    await barrier();
    const inputs = await migrateInputs(journeyId, version, mapping, clock.now());
    const { effects } = await enqueue(inputs);
    const after = await store.getCustomers(inputs.map((i) => i.customerId));
    const moved: string[] = [];
    const stayed: string[] = [];
    for (const input of inputs) {
      const journeys = after.get(input.customerId)?.state.journeys;
      const instance = journeys !== undefined && Object.hasOwn(journeys, journeyId) ? journeys[journeyId] : undefined;
      if (instance !== undefined && instance.version >= version) moved.push(input.customerId);
      else if (instance?.status === 'active') stayed.push(input.customerId);
    }
    return { moved, stayed, effects };
  }

  /** Finishes moves a stop interrupted: live versions published with `move` still have customers on older versions. */
  async function resumeMigrations(): Promise<void> {
    for (const plan of plans.live) {
      const published = await store.getVersion(plan.journeyId, plan.version);
      if (published?.migration === 'move') await runMigration(plan.journeyId, plan.version, published.migrationMap ?? {});
    }
  }

  function earliestTick(): { journeyId: string; at: Millis } | undefined {
    let next: { journeyId: string; at: Millis } | undefined;
    for (const [journeyId, at] of ticks) if (next === undefined || at < next.at) next = { journeyId, at };
    return next;
  }

  async function fireTick(tick: { journeyId: string; at: Millis }): Promise<IngestResult> {
    const plan = plans.live.find((p) => p.journeyId === tick.journeyId);
    const following = plan && nextScheduleAt(plan, tick.at + 1);
    if (following === undefined) ticks.delete(tick.journeyId);
    else ticks.set(tick.journeyId, following);
    return enqueue(await tickInputs(tick.journeyId, tick.at));
  }

  /**
   * Fires what is due at or before `until`, earliest first. On a virtual clock one instant at a time
   * (the clock follows, and timers set by firing may fall due before later ones). On the real clock
   * everything overdue goes in batches: customers are independent, and within one customer the
   * engine fires that customer's earlier timers before a later one anyway.
   */
  async function fireDue(until: Millis, moveClock?: (at: Millis) => void): Promise<IngestResult> {
    const total = emptyResult();
    for (;;) {
      const timerAt = await store.nextTimerAt();
      const tick = earliestTick();
      if (timerAt !== undefined && timerAt <= until && (tick === undefined || timerAt <= tick.at)) {
        moveClock?.(timerAt);
        const due =
          moveClock === undefined
            ? await store.dueTimers(Math.min(until, tick?.at ?? until), maxBatch)
            : (await store.dueTimers(timerAt, maxBatch)).filter((t) => t.fireAt === timerAt);
        const fired = await enqueue(due.map((t) => ({ type: 'timer', id: t.timerId, customerId: t.customerId, journeyId: t.journeyId, at: t.fireAt })));
        merge(total, fired);
        if (fired.accepted.length === 0) {
          // A pending timer whose id was committed before: firing it again would change nothing, forever.
          reportError(new Error(`timers due at ${new Date(timerAt).toISOString()} were already fired but are still pending: ${due.map((t) => `${t.customerId}/${t.timerId}`).join(', ')}`));
          return total;
        }
      } else if (tick !== undefined && tick.at <= until) {
        moveClock?.(tick.at);
        merge(total, await fireTick(tick));
      } else {
        return total;
      }
    }
  }

  const moveVirtualClock = (at: Millis): void => clock.advanceTo?.(at);

  function virtually<T>(work: () => Promise<T>): Promise<T> {
    const run = virtualChain.then(work, work);
    virtualChain = run.catch(() => undefined);
    return run;
  }

  async function rescheduleWake(): Promise<void> {
    if (closed || clock.virtual) return;
    const timerAt = await store.nextTimerAt();
    const tickAt = earliestTick()?.at;
    const next = Math.min(timerAt ?? Infinity, tickAt ?? Infinity, clock.now() + MAX_SLEEP_MS);
    if (wakeTimer !== undefined && wakeAt !== undefined && wakeAt <= next) return;
    if (wakeTimer !== undefined) clearTimeout(wakeTimer);
    wakeAt = next;
    wakeTimer = setTimeout(() => {
      wakeTimer = undefined;
      wakeAt = undefined;
      fireDue(clock.now())
        .catch(reportError)
        .finally(() => void rescheduleWake().catch(reportError));
    }, Math.max(0, next - clock.now()));
    wakeTimer.unref?.();
  }

  const ready = (async () => {
    await syncFromStore();
    await resumeMigrations();
    if (!clock.virtual) {
      // Timers and the latest schedule instant that fell due while the process was down fire now, once.
      await catchUpSchedules(clock.now());
      startTicks(clock.now());
      await fireDue(clock.now());
      await rescheduleWake();
    }
  })();
  ready.catch(() => undefined);

  async function load(source: Plan | string | object, params: Readonly<Record<string, ParamValue>> = {}): Promise<Plan> {
    await ready;
    if (isPlan(source)) return loadPlan(source);
    let document: unknown = source;
    if (typeof source === 'string') {
      const loaded = loadJourneySource(source, { params: { ...params } });
      if (loaded.doc === undefined || hasErrors(loaded.diagnostics)) throw new JourneyLoadError(loaded.diagnostics);
      document = loaded.doc;
    }
    const compiled = compileJourney(document, params);
    if (compiled.plan === undefined) throw new JourneyLoadError(compiled.diagnostics);
    const candidate = compiled.plan;
    const journeyId = candidate.journeyId;
    const journey = await store.getJourney(journeyId);
    const latest = journey?.latestVersion === undefined ? undefined : await store.getVersion(journeyId, journey.latestVersion);
    const unchanged =
      latest !== undefined && sameJson({ ...latest.document, version: 0 }, { ...candidate.source, version: 0 }) && sameJson(latest.params, candidate.params);
    const published = unchanged
      ? latest
      : await store.publish(journeyId, {
          document: candidate.source,
          params: { ...candidate.params },
          version: Math.max((journey?.latestVersion ?? 0) + 1, candidate.source.version),
          at: clock.now(),
        });
    if (unchanged && journey?.status !== 'live') await store.setStatus(journeyId, 'live', clock.now());
    const registered = plans.version(journeyId, published.version);
    const plan = registered ?? compileJourney(published.document, published.params).plan;
    if (plan === undefined) throw new Error(`journey ${journeyId} version ${published.version} compiled before publishing but not after`);
    plans.add(plan);
    startTick(plan);
    return plan;
  }

  async function loadPlan(plan: Plan): Promise<Plan> {
    const existing = await store.getVersion(plan.journeyId, plan.version);
    if (existing === undefined) {
      await store.publish(plan.journeyId, { document: plan.source, params: { ...plan.params }, version: plan.version, at: clock.now() });
    } else if (!sameJson({ ...existing.document, version: 0 }, { ...plan.source, version: 0 })) {
      throw new Error(`journey ${plan.journeyId} version ${plan.version} is already published with a different document; give the plan a new version`);
    } else {
      const journey = await store.getJourney(plan.journeyId);
      if (journey?.status !== 'live' || journey.liveVersion !== plan.version) await store.publish(plan.journeyId, { document: plan.source, params: { ...plan.params }, at: clock.now() });
    }
    plans.add(plan);
    startTick(plan);
    return plan;
  }

  return {
    plans,
    ready,
    load,
    async ingest(input) {
      await ready;
      const inputs = Array.isArray(input) ? [...(input as readonly Input[])] : [input as Input];
      if (!clock.virtual) return enqueue(inputs);
      return virtually(async () => {
        const total = emptyResult();
        let run: Input[] = [];
        for (const next of inputs) {
          if (next.at > clock.now()) {
            merge(total, await enqueue(run));
            run = [];
            // Timers due before the input fire first; at the very same instant the input goes first.
            startTicks(next.at - 1);
            merge(total, await fireDue(next.at - 1, moveVirtualClock));
            moveVirtualClock(next.at);
          }
          run.push(next);
        }
        return merge(total, await enqueue(run));
      });
    },
    async advanceTo(time) {
      await ready;
      const until = toMillis(time);
      if (!Number.isFinite(until)) throw new RangeError(`advanceTo: not a time: ${String(time)}`);
      if (!clock.virtual) throw new Error('advanceTo needs a VirtualClock; a RealClock fires timers by itself');
      return virtually(async () => {
        startTicks(until);
        const fired = await fireDue(until, moveVirtualClock);
        moveVirtualClock(until);
        return fired;
      });
    },
    async customer(id) {
      await ready;
      return (await store.getCustomer(id))?.state;
    },
    async sync() {
      await ready;
      await syncFromStore();
    },
    async migrate(journeyId, version, mapping) {
      await ready;
      await syncFromStore();
      const published = await store.getVersion(journeyId, version);
      if (published === undefined || plans.version(journeyId, version) === undefined) {
        throw new Error(`journey ${journeyId} version ${version} is not published (or does not compile); customers can only move to a published version`);
      }
      const map = mapping ?? published.migrationMap ?? {};
      return clock.virtual ? virtually(() => runMigration(journeyId, version, map)) : runMigration(journeyId, version, map);
    },
    async close() {
      if (closed) return;
      await ready.catch(() => undefined);
      await virtualChain;
      while (pumping || queue.length > 0) await new Promise((resolve) => setTimeout(resolve, 5));
      closed = true;
      if (wakeTimer !== undefined) clearTimeout(wakeTimer);
      await store.close();
    },
  };
}
