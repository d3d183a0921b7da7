/** Test fixtures for the engine: compile JSON journeys, build plan sets, and drive customers on a virtual clock. */
import { compileJourney } from '../../../dsl/compiler/index.ts';
import type { Plan } from '../../../dsl/compiler/plan.ts';
import type { JourneyDocumentInput } from '../../../dsl/schema/document.ts';
import { dueTimers, step, timerInput } from '../../../runtime/engine/index.ts';
import type { CustomerState, Effect, EventInput, IdentifyInput, Input, Millis, PlanSet } from '../../../runtime/engine/types.ts';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** An instant from an ISO string, for readable exact times. */
export const t = (iso: string): Millis => Date.parse(iso);

/** Compiles a journey document, failing the test with the diagnostics if it does not compile. */
export function compile(doc: Partial<JourneyDocumentInput> & Pick<JourneyDocumentInput, 'entry' | 'nodes'>, params: Record<string, unknown> = {}): Plan {
  const { plan, diagnostics } = compileJourney({ id: 'journey', name: { zh: '旅程', en: 'Journey' }, version: 1, stages: stagesUsedBy(doc.nodes), schema: FIXTURE_SCHEMA, ...doc }, params);
  if (plan === undefined) throw new Error(`journey does not compile: ${JSON.stringify(diagnostics, null, 2)}`);
  return plan;
}

/** The data the engine fixtures read, declared once so the checker accepts them. */
const FIXTURE_SCHEMA = {
  profile: { level: 'string', plan: 'string', tier: 'string' },
  events: { purchase: { amount: 'number' } },
} as const;

/** The checker wants every stage declared; fixtures that do not declare theirs get the ones their stage nodes name. */
function stagesUsedBy(nodes: readonly unknown[]): { id: string; name: { zh: string; en: string } }[] {
  const ids = new Set<string>();
  for (const node of nodes as { kind?: unknown; stage?: unknown }[]) if (node.kind === 'stage' && typeof node.stage === 'string') ids.add(node.stage);
  return [...ids].map((id) => ({ id, name: { zh: id, en: id } }));
}

/** A plan set whose live versions are the given plans (older versions can be added as extra). */
export function planSet(live: Plan[], older: Plan[] = []): PlanSet {
  return {
    live,
    version: (journeyId, version) => [...live, ...older].find((p) => p.journeyId === journeyId && p.version === version),
  };
}

export function track(customerId: string, event: string, at: Millis, properties: Record<string, unknown> = {}, id = `${customerId}:${event}:${at}`): EventInput {
  return { type: 'event', id, customerId, event, at, properties };
}

export function identify(customerId: string, at: Millis, traits: Record<string, unknown>, id = `${customerId}:identify:${at}`): IdentifyInput {
  return { type: 'identify', id, customerId, at, traits };
}

/** One customer driven like the runtime would: due timers fire before each input and up to `until`. */
export class VirtualCustomer {
  state: CustomerState | undefined;
  readonly effects: Effect[] = [];

  constructor(
    readonly plans: PlanSet,
    readonly customerId: string,
  ) {}

  /** Fires every timer due at or before `until`, in order. */
  advanceTo(until: Millis): this {
    for (;;) {
      const next = this.state === undefined ? undefined : dueTimers(this.state, until)[0];
      if (next === undefined) return this;
      this.send(timerInput(this.customerId, next));
    }
  }

  send(input: Input): this {
    const result = step(this.plans, this.state, input);
    this.state = result.state;
    this.effects.push(...result.effects);
    return this;
  }

  /** Like the runtime: timers due strictly before the input fire first, then the input. */
  ingest(input: Input): this {
    return this.advanceTo(input.at - 1).send(input);
  }

  track(event: string, at: Millis, properties: Record<string, unknown> = {}): this {
    return this.ingest(track(this.customerId, event, at, properties));
  }

  identify(at: Millis, traits: Record<string, unknown>): this {
    return this.ingest(identify(this.customerId, at, traits));
  }

  of<K extends Effect['kind']>(kind: K): Extract<Effect, { kind: K }>[] {
    return this.effects.filter((e): e is Extract<Effect, { kind: K }> => e.kind === kind);
  }

  /** Stage changes as `stage@ISO` strings, the easiest form to compare exactly. */
  stages(): string[] {
    return this.of('stage').map((e) => `${e.stage}@${new Date(e.at).toISOString()}`);
  }
}
