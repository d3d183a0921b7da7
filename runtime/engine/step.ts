/** The engine's step function: one input in, the customer's new state and the effects out. Pure and deterministic. */
import type { Plan } from '../../dsl/compiler/plan.ts';
import { advanceOnEvent, advanceOnTimer } from './advance-instance.ts';
import { mergeTraits, newCustomerState, ownRecord } from './customer-state.ts';
import { enterJourney, mayEnter, triggerMatches } from './entry.ts';
import { pruneFacts, recordEvent } from './fact-state.ts';
import { combinedNeeds, type PlanNeeds } from './plan-needs.ts';
import { copyCustomerState } from './state-copy.ts';
import { EffectOrdinals, type StepContext } from './step-context.ts';
import { earliestTimer, timerInput } from './timers.ts';
import { takeOnlyTimer } from './waits.ts';
import type { CustomerState, Effect, Input, Millis, PlanSet, StepResult, Timer } from './types.ts';

/** A step fires at most this many overdue timers before its input; the rest wait for the next input. */
export const MAX_CATCH_UP_TIMERS = 10_000;

/** What a step needs to know about the live plans, worked out once per live set (PlanRegistry keeps the array until it changes). */
interface LiveIndex {
  byId: ReadonlyMap<string, Plan>;
  /** Live journey ids in the one order every step uses. */
  order: readonly string[];
  needs: PlanNeeds;
}

const liveIndexes = new WeakMap<readonly Plan[], LiveIndex>();

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The live set asked for last and its index: a step asks more than once, and the live set rarely changes. */
let lastLive: readonly Plan[] | undefined;
let lastIndex: LiveIndex | undefined;

function liveIndex(plans: PlanSet): LiveIndex {
  if (plans.live === lastLive) return lastIndex!;
  let index = liveIndexes.get(plans.live);
  if (index === undefined) {
    const byId = new Map(plans.live.map((plan) => [plan.journeyId, plan]));
    index = { byId, order: [...byId.keys()].sort(byCodeUnits), needs: combinedNeeds(plans.live) };
    liveIndexes.set(plans.live, index);
  }
  lastLive = plans.live;
  lastIndex = index;
  return index;
}

/** Whether every journey the customer is in runs on its live version (the usual case, where the cached index answers). */
function onLiveVersionsOnly(live: LiveIndex, state: CustomerState): boolean {
  for (const journeyId in state.journeys) {
    if (live.byId.get(journeyId)?.version !== state.journeys[journeyId]!.version) return false;
  }
  return true;
}

/** Journey ids the customer is in or may enter, in the one order every step uses. */
function journeyOrder(plans: PlanSet, state: CustomerState): readonly string[] {
  const live = liveIndex(plans);
  let known = true;
  for (const journeyId in state.journeys) known &&= live.byId.has(journeyId);
  if (known) return live.order;
  const ids = new Set<string>(Object.keys(state.journeys));
  for (const journeyId of live.order) ids.add(journeyId);
  return [...ids].sort(byCodeUnits);
}

/** Every plan this customer may meet: the live ones and the versions their instances run on. */
export function plansInPlay(plans: PlanSet, state: CustomerState): Plan[] {
  const inPlay = [...plans.live];
  for (const instance of Object.values(state.journeys)) {
    const plan = plans.version(instance.journeyId, instance.version);
    if (plan !== undefined && !inPlay.includes(plan)) inPlay.push(plan);
  }
  return inPlay;
}

/**
 * The needs of every plan in play, from the cache when the customer runs on live versions only.
 *
 * @example
 * needsInPlay(plans, state).longestCapMs; // 0 when no plan in play has a frequency cap
 */
export function needsInPlay(plans: PlanSet, state: CustomerState): PlanNeeds {
  const live = liveIndex(plans);
  return needsFor(plans, state, live, onLiveVersionsOnly(live, state));
}

/** The needs of the plans in play, when it is known whether the customer runs on live versions only. */
const needsFor = (plans: PlanSet, state: CustomerState, live: LiveIndex, liveOnly: boolean): PlanNeeds =>
  liveOnly ? live.needs : combinedNeeds(plansInPlay(plans, state));

function contextFor(plans: PlanSet, state: CustomerState, input: Input, effects: Effect[], needs: PlanNeeds): StepContext {
  // One shape for every input (event undefined outside events): the step's code then sees one hidden class.
  return {
    plans,
    state,
    now: input.at,
    inputId: input.id,
    event: input.type === 'event' ? { name: input.event, properties: input.properties ?? {} } : undefined,
    effects,
    ordinals: new EffectOrdinals(),
    // The plans in play can only shrink within an input (an instance re-entering moves to the live version).
    recordsSends: needs.longestCapMs > 0,
  };
}

/** Takes a pending timer out of its instance; undefined when it is not pending (stale or already fired). */
function takeTimer(state: CustomerState, journeyId: string, timerId: string): Timer | undefined {
  const instance = Object.hasOwn(state.journeys, journeyId) ? state.journeys[journeyId] : undefined;
  if (instance === undefined) return undefined;
  const timers = instance.timers;
  for (let i = 0; i < timers.length; i++) {
    const timer = timers[i]!;
    if (timer.id !== timerId) continue;
    if (timers.length === 1) takeOnlyTimer(timers);
    else instance.timers = timers.filter((t) => t !== timer);
    return timer;
  }
  return undefined;
}

/** One input, applied to a state that is already a private copy. */
function apply(plans: PlanSet, state: CustomerState, input: Input, effects: Effect[]): void {
  const liveIndexed = liveIndex(plans);
  // Known once for the whole input: recording an event or taking a timer enters or leaves no journey.
  const liveOnly = onLiveVersionsOnly(liveIndexed, state);
  const needs = needsFor(plans, state, liveIndexed, liveOnly);
  const ctx = contextFor(plans, state, input, effects, needs);
  // Properties and traits are guarded because callers outside TypeScript may send a Segment call without them.
  if (input.type === 'identify') mergeTraits(ownRecord(state, 'profile'), input.traits ?? {});
  if (input.type === 'event') recordEvent(state.facts, input.event, input.at, input.properties ?? {}, needs);
  const firedTimer = input.type === 'timer' ? takeTimer(state, input.journeyId, input.id) : undefined;
  const live = liveIndexed.byId;
  // A customer on live versions only is in no journey the live order lacks.
  for (const journeyId of liveOnly ? liveIndexed.order : journeyOrder(plans, state)) {
    const instance = state.journeys[journeyId];
    const wasActive = instance?.status === 'active';
    const livePlan = live.get(journeyId);
    // The live version answers most instances without building plans.version's key.
    const plan = instance === undefined ? undefined : livePlan?.version === instance.version ? livePlan : plans.version(journeyId, instance.version);
    if (instance !== undefined && plan !== undefined) {
      if (input.type === 'event') advanceOnEvent(ctx, plan, instance);
      if (firedTimer !== undefined && firedTimer.journeyId === journeyId) advanceOnTimer(ctx, plan, instance, firedTimer);
    }
    if (!wasActive && livePlan !== undefined && mayEnter(livePlan, instance, ctx.now) && triggerMatches(ctx, livePlan, instance)) {
      enterJourney(ctx, livePlan, instance);
    }
  }
}

/**
 * Fires, in order, every pending timer due strictly before `before` (as if its timer input had
 * arrived at its time), so an input never overtakes a timer that was due earlier.
 */
export function catchUpTimers(plans: PlanSet, state: CustomerState, before: Millis, effects: Effect[]): void {
  for (let fired = 0; fired < MAX_CATCH_UP_TIMERS; fired++) {
    const timer = earliestTimer(state, before);
    if (timer === undefined) return;
    apply(plans, state, timerInput(state.customerId, timer), effects);
  }
}

/** A private copy of the state to change, so `step` never alters its arguments. */
export function workingCopy(state: CustomerState | undefined, customerId: string): CustomerState {
  return state === undefined ? newCustomerState(customerId) : copyCustomerState(state);
}

/** Drops what no plan can read any more, keeping the state small. */
export function pruneState(plans: PlanSet, state: CustomerState, now: Millis): void {
  pruneFacts(state, now, needsInPlay(plans, state));
}

/**
 * Applies one input to one customer: `now` is `input.at`. Pure: the result depends on the arguments
 * only (no clock, no randomness), and the given state is not modified.
 *
 * Order within a step:
 * 1. Timers pending from before `input.at` (strictly) fire first, in time order, each with its own
 *    timer id as input id and its own time as `at` — exactly as if the scheduler had sent them.
 *    So an awaited event 1 ms before a timeout wins, 1 ms after loses. At the very instant of a
 *    timeout, whichever input is processed first wins (the timer, if it was already processed).
 * 2. `identify` merges traits into the profile; an event updates the built-in facts (before any
 *    journey looks at it, so a purchase's own amount is already in `totalSpend`).
 * 3. Journeys in journey id order: the customer's instance moves first (an awaited event, a moving
 *    activity timeout, its timer); then, if the customer was not inside it when the input arrived,
 *    the live version's entry is tried (event or segment trigger, re-entry rule). An input that moved
 *    an instance out of a journey does not also put the customer back in.
 * 4. Daily buckets and send times no plan can read any more are pruned.
 *
 * A timer input for a timer that is no longer pending (cleared, fired, or for a node the customer
 * has left) changes nothing. Effect ids hash (journey, version, customer, node, input id, ordinal),
 * so replaying the same inputs gives the same ids and the same state.
 *
 * @example
 * const { state, effects } = step(plans, undefined, { type: 'event', id: 'm1', customerId: 'c1', event: 'signup', at: Date.UTC(2026, 0, 1), properties: {} });
 */
export function step(plans: PlanSet, state: CustomerState | undefined, input: Input): StepResult {
  const working = workingCopy(state, input.customerId);
  return { state: working, effects: stepInPlace(plans, working, input) };
}

/**
 * `step` for a caller that owns the state and has no use for the old one (a simulation, a replay):
 * the same effects and the same resulting state, but `state` itself is changed instead of a copy.
 * Nobody else may hold the state object (or anything inside it) while this runs. `overdueFired`
 * tells the step that no timer of the state is due before `input.at` (a caller firing every timer
 * in time order itself, as the Simulation does), so it does not look for one.
 *
 * @example
 * const state = newCustomerState('c1');
 * const effects = stepInPlace(plans, state, { type: 'event', id: 'm1', customerId: 'c1', event: 'signup', at: Date.UTC(2026, 0, 1), properties: {} });
 */
export function stepInPlace(plans: PlanSet, state: CustomerState, input: Input, overdueFired = false): Effect[] {
  const effects: Effect[] = [];
  if (!overdueFired) catchUpTimers(plans, state, input.at, effects);
  apply(plans, state, input, effects);
  pruneState(plans, state, input.at);
  return effects;
}
