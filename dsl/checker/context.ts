/** What the per-kind node checks (in `dsl/nodes/<kind>.ts`) may ask of the checker, and how they report. */
import type { Diagnostic } from '../diagnostics.ts';
import type { CheckCode } from './codes.ts';
import type { ConditionBranch } from '../nodes/condition.ts';
import type { TextOrParam } from '../nodes/action.ts';
import type { Duration, ParamRef } from '../schema/common.ts';
import type { Condition, Scalar } from '../schema/condition.ts';
import type { JourneyDocument } from '../schema/document.ts';

/** A JSON path into the document, e.g. `["nodes", 3, "branches", 0, "when"]`. */
import type { JsonPath } from '../diagnostics.ts';

export type { JsonPath };

export interface Reporter {
  error(code: CheckCode, message: string, path: JsonPath): void;
  warning(code: CheckCode, message: string, path: JsonPath): void;
}

/**
 * Where a condition is evaluated. `event` names the event whose properties `event.<prop>` reads
 * (the entry trigger's or an awaited one, `*` for any event); absent outside an event context.
 */
export interface ConditionScope {
  event?: string;
}

/** What a duration is for, and whether zero makes sense there. */
export interface DurationSite {
  /** For messages: "the delay", "the timeout", "the cooldown". */
  label: string;
  zero: 'error' | 'warning' | 'allowed';
}

/**
 * The checker's services for one node. Paths are relative to the node (`["branches", 0, "when"]`) and
 * everything reported is attached to the node's id. For the entry and policies, paths are from the document root.
 */
export interface NodeCheckContext extends Reporter {
  readonly doc: JourneyDocument;
  /** Types a condition: facts, operators, values, params. */
  checkCondition(condition: Condition, path: JsonPath, scope: ConditionScope): void;
  /** Checks a duration (literal or param) and returns it in milliseconds when it can be resolved. */
  checkDuration(duration: Duration, path: JsonPath, site: DurationSite): number | undefined;
  /** A channel, template, tag, title or assignee: literal text, or a string or enum param. */
  checkText(value: TextOrParam, path: JsonPath, what: string): void;
  /** A stage id must be declared in `stages`. */
  checkStageId(stage: string, path: JsonPath): void;
  /** An event name should be declared in `schema.events` when the schema declares any. */
  checkEventName(event: string, path: JsonPath): void;
  /** `setField`: the field must be a profile field and the value must fit its type. */
  checkFieldAssignment(field: string, value: Scalar | ParamRef, path: JsonPath): void;
  /** Branches of one condition node must be distinct, exclusive and, for numeric ladders, gapless. */
  checkBranches(branches: readonly ConditionBranch[], path: JsonPath): void;
}

/** Collects diagnostics; `nodeId` is attached to everything reported through a node's reporter. */
export class DiagnosticCollector {
  readonly diagnostics: Diagnostic[] = [];

  /** A reporter that tags every diagnostic with `nodeId` (or none). */
  reporter(nodeId?: string): Reporter {
    const push = (severity: Diagnostic['severity'], code: CheckCode, message: string, path: JsonPath): void => {
      this.diagnostics.push({ severity, code, message, path: [...path], ...(nodeId === undefined ? {} : { nodeId }) });
    };
    return {
      error: (code, message, path) => push('error', code, message, path),
      warning: (code, message, path) => push('warning', code, message, path),
    };
  }
}
