/** The executable plan: a checked document with params substituted, durations in ms and conditions compiled to closures. */
import type { NodeKind } from '../nodes/index.ts';
import type { JourneyDocument, StageDef } from '../schema/document.ts';
import type { ParamValue } from '../schema/params.ts';
import type { Scalar } from '../schema/condition.ts';

/** Where a compiled condition reads facts from. Built-ins with parameters receive them (`daysSinceLast`, `{ event: "purchase" }`). */
export interface FactReader {
  get(fact: string, params?: Readonly<Record<string, string | number>>): unknown;
}

/** A condition compiled to a closure. Never built with `eval` or `new Function`. */
export type CompiledCondition = (facts: FactReader) => boolean;

export interface PlanStage { kind: 'stage'; id: string; stage: string; next: string }
export interface PlanCondition {
  kind: 'condition';
  id: string;
  branches: { label?: string; when: CompiledCondition; next: string }[];
  else: string;
}
export interface PlanWaitDelay { kind: 'wait'; mode: 'delay'; id: string; durationMs: number; next: string }
export interface PlanWaitUntil {
  kind: 'wait';
  mode: 'until';
  id: string;
  /** Time of day in the customer's zone. */
  time?: { hour: number; minute: number };
  /** Calendar date in the customer's zone. */
  date?: { year: number; month: number; day: number };
  next: string;
}
export interface PlanWaitEvents {
  kind: 'wait';
  mode: 'events';
  id: string;
  /** `event` is `*` for any event. */
  events: { event: string; when?: CompiledCondition; next: string }[];
  timeoutMs: number;
  timeoutFrom: 'entered' | 'lastActivity';
  timeoutNext: string;
}
export interface PlanSplit { kind: 'split'; id: string; branches: { label?: string; percent: number; next: string }[] }

/** An action with every parameter substituted. */
export type PlanAction =
  | { type: 'message'; channel: string; template: string; vars?: Record<string, string> }
  | { type: 'setField'; field: string; value: Scalar }
  | { type: 'addTag' | 'removeTag'; tag: string }
  | { type: 'task'; title: string; assignee?: string; dueInMs?: number; note?: string }
  | { type: 'webhook'; url: string; payload?: Record<string, Scalar> };

export interface PlanActionNode { kind: 'action'; id: string; action: PlanAction; next: string }
export interface PlanGoal { kind: 'goal'; id: string; goal: string; next?: string }
export interface PlanExit { kind: 'exit'; id: string; reason?: string }

export type PlanNode =
  | PlanStage
  | PlanCondition
  | PlanWaitDelay
  | PlanWaitUntil
  | PlanWaitEvents
  | PlanSplit
  | PlanActionNode
  | PlanGoal
  | PlanExit;

export type PlanTrigger =
  | { type: 'event'; event: string; when?: CompiledCondition }
  | { type: 'segment'; when: CompiledCondition }
  | { type: 'schedule'; at: { hour: number; minute: number }; weekdays?: number[]; when?: CompiledCondition };

export interface Plan {
  journeyId: string;
  version: number;
  name: { zh: string; en: string };
  stages: StageDef[];
  /** Every param with its effective value (defaults overridden by the given values). */
  params: Readonly<Record<string, ParamValue>>;
  entry: { trigger: PlanTrigger; reentry: 'never' | 'afterExit'; cooldownMs?: number; next: string };
  nodes: ReadonlyMap<string, PlanNode>;
  policies: {
    frequencyCaps: { channel: string; max: number; perMs: number }[];
    quietHours?: { from: { hour: number; minute: number }; to: { hour: number; minute: number }; mode: 'drop' | 'defer' };
    goalWindowMs?: number;
    timezone: string;
  };
  /** Events that count as activity; undefined means every event. */
  activityEvents?: readonly string[];
  /** The document the plan came from (params not substituted), for display and export. */
  source: JourneyDocument;
}

export type { NodeKind };
