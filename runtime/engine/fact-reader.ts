/** Answers a compiled condition's fact reads for one customer, one journey instance and one instant. */
import type { FactReader, Plan } from '../../dsl/compiler/plan.ts';
import { EVENT_FACT } from '../../dsl/facts.ts';
import { ANY_EVENT_KEY, countEvents } from './fact-state.ts';
import { rfmScores } from './rfm.ts';
import { MS_PER_DAY } from './time-zone.ts';
import type { CustomerState, JourneyInstance, Millis } from './types.ts';

const wholeDaysSince = (at: Millis | undefined, now: Millis): number | undefined =>
  at === undefined ? undefined : Math.floor((now - at) / MS_PER_DAY);

const isoTime = (at: Millis | undefined): string | undefined => (at === undefined ? undefined : new Date(at).toISOString());

/**
 * The last activity as the plan sees it: any event, or only the plan's `activityEvents` when it narrows them.
 *
 * @example
 * lastActivityFor(state, plan); // epoch ms of the last activity, or undefined if the customer was never active
 */
export function lastActivityFor(state: CustomerState, plan: Plan): Millis | undefined {
  if (plan.activityEvents === undefined) return state.facts.lastActivityAt;
  let last: Millis | undefined;
  for (const event of plan.activityEvents) {
    const at = event === ANY_EVENT_KEY ? state.facts.lastActivityAt : Object.hasOwn(state.facts.lastEventAt, event) ? state.facts.lastEventAt[event] : undefined;
    if (at !== undefined && (last === undefined || at > last)) last = at;
  }
  return last;
}

/**
 * Whether an event counts as activity for a plan.
 *
 * @example
 * isActivity(plan, 'page_view'); // true unless plan.activityEvents leaves page_view out
 */
export function isActivity(plan: Plan, event: string): boolean {
  return plan.activityEvents === undefined || plan.activityEvents.includes(event) || plan.activityEvents.includes(ANY_EVENT_KEY);
}

/**
 * A fact reader over the customer's state. Built-in facts (dsl/facts.ts) take precedence over
 * profile fields of the same name:
 * - `daysSinceLastActivity`, `daysSinceLast(event)`: whole days, floor((now − t) / 24 h); undefined if never;
 * - `eventCount(event, days?)`: all-time count, or the last `days` UTC calendar days including today;
 * - `totalSpend`, `purchaseCount`, `firstPurchaseAt`, `lastPurchaseAt` (ISO strings) from `purchase` events;
 * - `rfmRecency`, `rfmFrequency`, `rfmMonetary`, `rfmSegment` (see rfmScores);
 * - `stage`, `daysInStage` of THIS journey's instance; `tags`;
 * - `event`: the current event's properties (undefined outside an event);
 * - anything else: the profile field of that name (identify traits and setField actions).
 *
 * @example
 * factReaderFor(state, instance, plan, now, { amount: 120 }).get('daysSinceLast', { event: 'purchase' });
 */
export function factReaderFor(
  state: CustomerState,
  instance: JourneyInstance | undefined,
  plan: Plan,
  now: Millis,
  event?: Readonly<Record<string, unknown>>,
): FactReader {
  const { facts } = state;
  return {
    get(fact, params) {
      switch (fact) {
        case 'daysSinceLastActivity':
          return wholeDaysSince(lastActivityFor(state, plan), now);
        case 'daysSinceLast': {
          const name = String(params?.event ?? ANY_EVENT_KEY);
          const at = name === ANY_EVENT_KEY ? facts.lastActivityAt : Object.hasOwn(facts.lastEventAt, name) ? facts.lastEventAt[name] : undefined;
          return wholeDaysSince(at, now);
        }
        case 'eventCount': {
          const days = typeof params?.days === 'number' ? params.days : undefined;
          return countEvents(facts, String(params?.event ?? ANY_EVENT_KEY), now, days);
        }
        case 'totalSpend':
          return facts.totalSpend;
        case 'purchaseCount':
          return facts.purchaseCount;
        case 'firstPurchaseAt':
          return isoTime(facts.firstPurchaseAt);
        case 'lastPurchaseAt':
          return isoTime(facts.lastPurchaseAt);
        case 'rfmRecency':
          return rfmScores(facts, now).recency;
        case 'rfmFrequency':
          return rfmScores(facts, now).frequency;
        case 'rfmMonetary':
          return rfmScores(facts, now).monetary;
        case 'rfmSegment':
          return rfmScores(facts, now).segment;
        case 'stage':
          return instance?.stage;
        case 'daysInStage':
          return instance?.stage === undefined ? undefined : wholeDaysSince(instance.stageSince, now);
        case 'tags':
          return [...state.tags];
        case EVENT_FACT:
          return event;
        default:
          return Object.hasOwn(state.profile, fact) ? state.profile[fact] : undefined;
      }
    },
  };
}
