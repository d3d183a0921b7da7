/** The semantic checks of a schema-valid journey document: types, params, durations, graph and ladders. */
import type { Diagnostic } from '../diagnostics.ts';
import { BUILTIN_FACTS } from '../facts.ts';
import { isParamRef, type Scalar } from '../schema/condition.ts';
import { UNIT_MS, type Duration, type ParamRef } from '../schema/common.ts';
import type { JourneyDocument } from '../schema/document.ts';
import type { ParamValue } from '../schema/params.ts';
import type { JourneyNode } from '../nodes/index.ts';
import { checkConditionBranches } from './branch-analysis.ts';
import { ConditionTyping, isIsoUtcTime } from './condition-typing.ts';
import { DiagnosticCollector, type JsonPath, type NodeCheckContext, type Reporter } from './context.ts';
import { didYouMean } from './did-you-mean.ts';
import { checkEntry, checkLayout, checkPolicies, checkProfileFields, checkStages } from './document-checks.ts';
import { checkDuration, literalDurationMs } from './durations.ts';
import { checkDeclaredEvent, describeType, typeFamily } from './fact-types.ts';
import { checkGraph, type Pause } from './graph.ts';
import { checkNode } from './node-checks.ts';
import { checkParamDefinitions, effectiveParamValues, ParamReferences, type ParamTypeName } from './params.ts';
import { describeValue, listNames } from './wording.ts';
import { checkWaitLadders } from './wait-ladder.ts';
import type { FieldType } from '../schema/data-schema.ts';

export interface SemanticCheckOptions {
  /** The caller's param values, overriding the defaults. */
  params?: Readonly<Record<string, ParamValue>>;
}

/** Why `value` cannot be stored in a profile field of `type`, or undefined when it can (null clears a field). */
function fieldValueProblem(type: FieldType, value: Scalar): string | undefined {
  if (value === null) return undefined;
  switch (typeFamily(type)) {
    case 'number':
      return typeof value === 'number' ? undefined : 'a number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'true or false';
    case 'string':
      return typeof value === 'string' ? undefined : 'a string';
    case 'timestamp':
      return typeof value === 'string' && isIsoUtcTime(value) ? undefined : 'an ISO-8601 UTC time such as "2024-06-01T00:00:00Z"';
    case 'enum':
      return typeof value === 'string' && (type as { enum: string[] }).enum.includes(value) ? undefined : describeType(type);
    case 'string[]':
      return 'a list, which a single value cannot set (use addTag / removeTag for tags)';
  }
}

const PARAM_TYPES_FOR_FIELD: Readonly<Record<ReturnType<typeof typeFamily>, ParamTypeName[]>> = {
  number: ['number'],
  boolean: ['boolean'],
  string: ['string', 'enum'],
  enum: ['string', 'enum'],
  timestamp: ['string'],
  'string[]': [],
};

class JourneyChecker {
  private readonly collector = new DiagnosticCollector();
  private readonly params: ParamReferences;
  private readonly typing: ConditionTyping;

  constructor(
    private readonly doc: JourneyDocument,
    options: SemanticCheckOptions,
  ) {
    const report = this.collector.reporter();
    checkParamDefinitions(doc.params, report);
    this.params = new ParamReferences(doc.params, effectiveParamValues(doc.params, options.params, report));
    this.typing = new ConditionTyping(doc, this.params);
  }

  run(): Diagnostic[] {
    const { doc } = this;
    const report = this.collector.reporter();
    checkProfileFields(doc, report);
    checkStages(doc, report);
    checkEntry(doc, this.context());
    checkPolicies(doc, this.context());
    doc.nodes.forEach((node, i) => checkNode(node, this.context(node.id, ['nodes', i])));
    checkLayout(doc, report);
    checkGraph(doc, (node) => this.pauseOf(node), (nodeId) => this.collector.reporter(nodeId));
    const timeouts = new Map<number, number>();
    doc.nodes.forEach((node, i) => {
      const ms = node.kind === 'wait' && node.mode === 'events' ? this.durationMs(node.timeout) : undefined;
      if (ms !== undefined) timeouts.set(i, ms);
    });
    checkWaitLadders(doc, timeouts, (nodeId) => this.collector.reporter(nodeId));
    this.params.reportUnused(report);
    return this.collector.diagnostics;
  }

  /** A duration in ms with the effective params, without reporting (that happens where the duration is checked). */
  private durationMs(duration: Duration): number | undefined {
    if (typeof duration === 'string') return literalDurationMs(duration);
    const value = Object.hasOwn(this.params.values, duration.param) ? this.params.values[duration.param] : undefined;
    return typeof value === 'number' ? value * UNIT_MS[duration.unit] : undefined;
  }

  private pauseOf(node: JourneyNode): Pause {
    if (node.kind !== 'wait') return 'instant';
    if (node.mode === 'until') return node.date === undefined ? 'pauses' : 'until-date';
    const ms = this.durationMs(node.mode === 'delay' ? node.duration : node.timeout);
    if (ms !== undefined && ms <= 0) return 'instant';
    return node.mode === 'events' && node.timeoutFrom === 'lastActivity' ? 'inactivity' : 'pauses';
  }

  /** The services node checks use: paths are relative to `prefix` (a node's path) and diagnostics carry `nodeId`. */
  private context(nodeId?: string, prefix: JsonPath = []): NodeCheckContext {
    const inner = this.collector.reporter(nodeId);
    const at = (path: JsonPath): JsonPath => [...prefix, ...path];
    const report: Reporter = {
      error: (code, message, path) => inner.error(code, message, at(path)),
      warning: (code, message, path) => inner.warning(code, message, at(path)),
    };
    const { doc, params, typing } = this;
    return {
      doc,
      error: report.error,
      warning: report.warning,
      checkCondition: (condition, path, scope) => typing.check(condition, at(path), scope, inner),
      checkDuration: (duration, path, site) => checkDuration(duration, at(path), site, params, inner),
      checkText: (value, path, what) => {
        if (isParamRef(value)) params.resolve(value.param, ['string', 'enum'], at(path), inner, `${what} needs a string or enum param`);
      },
      checkStageId: (stage, path) => {
        const declared = doc.stages.map((s) => s.id);
        if (declared.includes(stage)) return;
        const hint = declared.length === 0 ? ' — this journey declares no stages; add it to `stages`' : didYouMean(stage, declared) || ` (declared: ${listNames(declared)})`;
        report.error('unknown-stage', `stage \`${stage}\` is not declared${hint}`, path);
      },
      checkEventName: (event, path) => checkDeclaredEvent(event, at(path), doc, inner),
      checkFieldAssignment: (field, value, path) => this.checkFieldAssignment(field, value, at(path), inner),
      checkBranches: (branches, path) => checkConditionBranches(branches, at(path), typing, inner),
    };
  }

  private checkFieldAssignment(field: string, value: Scalar | ParamRef, path: JsonPath, report: Reporter): void {
    const fieldPath = [...path, 'field'];
    if (Object.hasOwn(BUILTIN_FACTS, field)) {
      report.error('set-builtin-fact', `\`${field}\` is a built-in fact computed by the runtime and cannot be set${field === 'stage' ? ' — use a stage node' : field === 'tags' ? ' — use addTag / removeTag' : ''}`, fieldPath);
      return;
    }
    const profile = this.doc.schema.profile;
    const type = Object.hasOwn(profile, field) ? profile[field] : undefined;
    if (type === undefined) {
      report.warning('unknown-field', `profile field \`${field}\` is not declared in schema.profile, so no condition can read it${didYouMean(field, Object.keys(profile))}`, fieldPath);
      return;
    }
    const valuePath = [...path, 'value'];
    let shown = '';
    let resolved: Scalar;
    if (isParamRef(value)) {
      const accepted = PARAM_TYPES_FOR_FIELD[typeFamily(type)];
      const def = this.params.resolve(value.param, accepted, valuePath, report, `field \`${field}\` is ${describeType(type)}${accepted.length === 0 ? ' and cannot be set from a param' : `, so it needs a ${accepted.join(' or ')} param`}`);
      const effective = this.params.values[value.param];
      if (def === undefined || effective === undefined) return;
      resolved = effective;
      shown = `param \`${value.param}\` = `;
    } else {
      resolved = value;
    }
    const problem = fieldValueProblem(type, resolved);
    if (problem !== undefined) report.error('value-type', `profile field \`${field}\` needs ${problem}, not ${shown}${describeValue(resolved)}`, valuePath);
  }
}

/**
 * Runs every semantic check on a document that passed the schema and returns the diagnostics, unsorted.
 *
 * @example
 * const diagnostics = checkDocument(JourneyDocument.parse(input), { params: { silentAfterDays: 60 } });
 */
export function checkDocument(doc: JourneyDocument, options: SemanticCheckOptions = {}): Diagnostic[] {
  return new JourneyChecker(doc, options).run();
}
