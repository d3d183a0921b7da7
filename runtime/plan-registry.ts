/** The plans a runtime can run: every compiled version by (journey, version), and which one is live. */
import type { Plan } from '../dsl/compiler/plan.ts';
import type { PlanSet } from './engine/types.ts';

/**
 * A mutable {@link PlanSet}: customers enter the live version of each journey; customers inside an
 * older version keep running on it (its plan stays registered).
 *
 * @example
 * const plans = new PlanRegistry([ladderPlan]);
 * plans.add(ladderV2); // now live; v1 customers finish on v1
 * plans.setLive('ladder', undefined); // paused: no new entries
 */
export class PlanRegistry implements PlanSet {
  private readonly versions = new Map<string, Plan>();
  private readonly liveVersions = new Map<string, number>();
  private liveCache: readonly Plan[] | undefined;

  constructor(live: readonly Plan[] = []) {
    for (const plan of live) this.add(plan);
  }

  get live(): readonly Plan[] {
    this.liveCache ??= [...this.liveVersions].map(([journeyId, version]) => this.versions.get(key(journeyId, version))!);
    return this.liveCache;
  }

  version(journeyId: string, version: number): Plan | undefined {
    return this.versions.get(key(journeyId, version));
  }

  /** Registers a plan; it becomes the live version of its journey unless `live` is false. */
  add(plan: Plan, live = true): void {
    this.versions.set(key(plan.journeyId, plan.version), plan);
    if (live) this.setLive(plan.journeyId, plan.version);
  }

  /** Makes a registered version live, or (undefined) stops new entries to the journey. */
  setLive(journeyId: string, version: number | undefined): void {
    if (version === undefined) this.liveVersions.delete(journeyId);
    else if (this.versions.has(key(journeyId, version))) this.liveVersions.set(journeyId, version);
    else throw new Error(`journey ${journeyId} version ${version} is not registered`);
    this.liveCache = undefined;
  }
}

const key = (journeyId: string, version: number): string => `${journeyId}@${version}`;
