/** Benchmark workloads: template plans and large, deterministic input streams built by replicating a template's sample cohort. */
import { PerformanceObserver } from 'node:perf_hooks';
import { compileJourney } from '../../dsl/compiler/index.ts';
import type { Plan } from '../../dsl/compiler/plan.ts';
import { segmentToInput } from '../../runtime/engine/segment-calls.ts';
import type { Input } from '../../runtime/engine/types.ts';
import { PlanRegistry } from '../../runtime/plan-registry.ts';
import { generateCohort, type SegmentEvent } from '../../templates/cohort.ts';
import { findTemplateJourney } from '../../templates/index.ts';
import type { JourneyDocument } from '../../dsl/schema/document.ts';

export const BENCH_START = Date.UTC(2025, 0, 1);
export const DAY_MS = 86_400_000;

/**
 * A template's journey compiled with its default params.
 *
 * @example
 * templatePlan('dormancy-ladder').journeyId; // 'dormancy-ladder'
 */
export function templatePlan(templateId: string): Plan {
  const doc = findTemplateJourney(templateId);
  if (doc === undefined) throw new Error(`no template journey "${templateId}"`);
  const { plan, diagnostics } = compileJourney(doc, {});
  if (plan === undefined) throw new Error(`template ${templateId} does not compile: ${JSON.stringify(diagnostics.filter((d) => d.severity === 'error'))}`);
  return plan;
}

/** The live plans of several templates together, as the runtime would hold them. */
export const templatePlans = (...templateIds: string[]): PlanRegistry => new PlanRegistry(templateIds.map(templatePlan));

export interface StreamOptions {
  /** Distinct customers in the stream. */
  customers: number;
  /** Inputs to keep: the stream is cut after this many (in time order). */
  inputs: number;
  /** Days the stream spans. Default 365. */
  days?: number;
  /** Customers actually scripted by the template's behaviours; the rest are copies of them under other ids. Default 5,000. */
  scripted?: number;
}

/**
 * The string as a parsed message carries it: one flat string. A template literal builds a
 * concatenation tree, which every hash lookup of the runtime would first have to flatten — a cost
 * inputs read from NDJSON or HTTP never have.
 */
const asParsed = (text: string): string => JSON.parse(JSON.stringify(text)) as string;

/**
 * The cohort calls of a replicated stream, in stream order: `scripted` customers from the pack's sample
 * cohort (its real behaviours: buyers who fade, come back, …), each repeated under new customer and
 * message ids (`~copy` appended) until there are `customers`, cut at `inputs`. Copies share their
 * original's timestamps, so the stream stays in time order without sorting a million calls.
 */
function* replicas(templateId: string, options: StreamOptions): Generator<{ call: SegmentEvent; copy: number }> {
  const scripted = Math.min(options.scripted ?? 5_000, options.customers);
  const copies = Math.ceil(options.customers / scripted);
  const calls = generateCohort(templateId, { start: BENCH_START, size: scripted, days: options.days ?? 365 });
  let count = 0;
  for (const call of calls) {
    const index = Number(call.userId.slice(call.userId.lastIndexOf('-') + 1)) - 1;
    for (let copy = 0; copy < copies; copy++) {
      if (copy * scripted + index >= options.customers) break;
      yield { call, copy };
      if (++count === options.inputs) return;
    }
  }
}

/**
 * A time-ordered input stream for one template, the {@link replicas} of its sample cohort as engine inputs.
 *
 * @example
 * const inputs = replicatedStream('dormancy-ladder', { customers: 100_000, inputs: 1_000_000 });
 */
export function replicatedStream(templateId: string, options: StreamOptions): Input[] {
  const inputs: Input[] = [];
  let original: SegmentEvent | undefined;
  let base: Input | undefined;
  for (const { call, copy } of replicas(templateId, options)) {
    if (call !== original) {
      const input = segmentToInput(call, call.messageId);
      if ('error' in input) throw new Error(`cohort call ${call.messageId}: ${input.error}`);
      original = call;
      base = input;
    }
    inputs.push({ ...base!, id: asParsed(`${base!.id}~${copy}`), customerId: asParsed(`${base!.customerId}~${copy}`) });
  }
  return inputs;
}

/**
 * The same stream as NDJSON lines of Segment calls (what `lifecycle-studio simulate --events` reads), one
 * string per line.
 *
 * @example
 * writeFileSync('year.ndjson', replicatedNdjson('dormancy-ladder', { customers: 100_000, inputs: Infinity }).join('\n'));
 */
export function replicatedNdjson(templateId: string, options: StreamOptions): string[] {
  const lines: string[] = [];
  for (const { call, copy } of replicas(templateId, options)) lines.push(JSON.stringify({ ...call, userId: `${call.userId}~${copy}`, messageId: `${call.messageId}~${copy}` }));
  return lines;
}

/**
 * The result line a row's child process prints; the runner reads the last one.
 *
 * @example
 * reportRow({ measured: 612_345, unit: 'events/s', pass: true, detail: '…' });
 */
export function reportRow(result: RowMeasurement): void {
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
}

export interface RowMeasurement {
  /** The row, when one script measures several. */
  row?: number;
  /** What was measured, as shown in the table. */
  measured: string;
  pass: boolean;
  /** Numbers behind the figure (sizes, times, the slower side of a comparison). */
  detail: Record<string, unknown>;
}

/**
 * Garbage-collection pauses from now on (perf_hooks' `gc` entries: the main thread's pause in each
 * collection), to tell how much of a timed stretch was the collector's.
 *
 * @example
 * const gc = watchGc(); const start = performance.now(); work(); const end = performance.now();
 * const gcMs = await gc.within(start, end);
 */
export function watchGc(): { within(start: number, end: number): Promise<number> } {
  const pauses: { start: number; duration: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) pauses.push({ start: entry.startTime, duration: entry.duration });
  });
  observer.observe({ type: 'gc' });
  return {
    async within(start, end) {
      // Entries are delivered by the event loop: a synchronous stretch has its pauses only after it returns.
      await new Promise((resolve) => setTimeout(resolve, 20));
      return pauses.reduce((sum, pause) => (pause.start >= start && pause.start < end ? sum + pause.duration : sum), 0);
    },
  };
}

/** Runs `gc()` when node was started with --expose-gc, so one phase's garbage is not billed to the next. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * A valid journey of `nodes` nodes for the editor row: the dormancy ladder's stages, repeated rungs
 * of stage → wait for a purchase (or time out) → condition → message / tag, ending in an exit.
 *
 * @example
 * bigJourney(500).nodes.length; // 500
 */
export function bigJourney(nodes: number): JourneyDocument {
  const ladder = findTemplateJourney('dormancy-ladder')!;
  const stages = ladder.stages.map((stage) => stage.id);
  const list: Record<string, unknown>[] = [];
  const id = (n: number): string => `n${n}`;
  for (let n = 0; n < nodes - 1; n++) {
    const next = id(n + 1);
    switch (n % 5) {
      case 0:
        list.push({ id: id(n), kind: 'stage', stage: stages[(n / 5) % stages.length], next });
        break;
      case 1:
        list.push({ id: id(n), kind: 'wait', mode: 'events', events: [{ event: 'purchase', next }], timeout: '7d', timeoutFrom: 'entered', timeoutNext: next });
        break;
      case 2:
        list.push({ id: id(n), kind: 'condition', branches: [{ label: 'big spender', when: { fact: 'totalSpend', operator: 'greaterThanInclusive', value: 500 }, next }], else: next });
        break;
      case 3:
        list.push({ id: id(n), kind: 'action', action: { type: 'message', channel: 'wechat', template: `rung_${n}` }, next });
        break;
      default:
        list.push({ id: id(n), kind: 'action', action: { type: 'addTag', tag: `rung-${n}` }, next });
    }
  }
  list.push({ id: id(nodes - 1), kind: 'exit', reason: 'end' });
  return { ...ladder, id: 'bench-500', name: { zh: '五百节点', en: `${nodes}-node journey` }, entry: { ...ladder.entry, next: id(0) }, nodes: list } as unknown as JourneyDocument;
}
