/** Compiles a journey document (plus param values) into the executable plan the engine runs. */
import { checkJourney } from '../checker/index.ts';
import type { Diagnostic, SpanLookup } from '../diagnostics.ts';
import { hasErrors } from '../diagnostics.ts';
import { nodeEdges } from '../nodes/index.ts';
import type { JourneyDocument, Policies, Trigger } from '../schema/document.ts';
import type { ParamValue } from '../schema/params.ts';
import { CompileError } from './compile-error.ts';
import { compileContext } from './context.ts';
import { compileNode } from './node.ts';
import { resolveParams } from './params.ts';
import type { Plan, PlanNode, PlanTrigger } from './plan.ts';
import { durationMs, timeOfDay, timeZone } from './time.ts';

export interface CompileResult {
  /** Present only when there is no error diagnostic. */
  plan?: Plan;
  /** Everything the checker and the compile found, warnings included. */
  diagnostics: Diagnostic[];
}

export interface CompileOptions {
  /** Text spans for JSON paths (from the text parser or a JSON loader), so diagnostics carry line:col. */
  spans?: SpanLookup;
}

type ParamValues = Readonly<Record<string, ParamValue>>;

/**
 * Checks a document (`checkJourney`: schema, types, params, graph, ladders) and compiles it with the given
 * param values (defaults fill the rest). Returns no plan if anything is an error: a checker error (an
 * undeclared or wrongly typed param value among them), or what only compiling reveals — a duration that
 * comes out negative, a date that does not exist, an unknown time zone.
 *
 * @example
 * const { plan, diagnostics } = compileJourney(doc, { silentAfterDays: 30 });
 * if (plan) plan.nodes.get('silent_wait'); // { kind: 'wait', mode: 'events', timeoutMs: 2_592_000_000, … }
 */
export function compileJourney(
  input: JourneyDocument | unknown,
  params: Readonly<Record<string, unknown>> = {},
  options: CompileOptions = {},
): CompileResult {
  // The checker validates the values' types itself; the cast only matches its signature.
  const checked = checkJourney(input, { params: params as Record<string, ParamValue>, ...(options.spans === undefined ? {} : { spans: options.spans }) });
  if (checked.doc === undefined || hasErrors(checked.diagnostics)) return { diagnostics: checked.diagnostics };
  const doc = checked.doc;
  const resolved = resolveParams(doc.params, params);
  const diagnostics = [...checked.diagnostics, ...resolved.diagnostics];
  if (hasErrors(diagnostics)) return { diagnostics };
  const values = resolved.values;

  const errors: Diagnostic[] = [];
  const attempt = <T>(run: () => T): T | undefined => {
    try {
      return run();
    } catch (error) {
      if (!(error instanceof CompileError)) throw error;
      errors.push({ severity: 'error', code: error.code, message: error.message, path: [...error.path], ...(error.nodeId === undefined ? {} : { nodeId: error.nodeId }) });
      return undefined;
    }
  };

  const nodes = new Map<string, PlanNode>();
  doc.nodes.forEach((node, index) => {
    if (nodes.has(node.id)) {
      errors.push({ severity: 'error', code: 'duplicate-node-id', message: `node id "${node.id}" is used twice`, path: ['nodes', index, 'id'], nodeId: node.id });
      return;
    }
    const compiled = attempt(() => compileNode(node, compileContext(values, ['nodes', index], node.id)));
    if (compiled !== undefined) nodes.set(node.id, compiled);
  });
  errors.push(...missingTargets(doc));
  const trigger = attempt(() => compileTrigger(doc.entry.trigger, values));
  const cooldown = doc.entry.cooldown;
  const cooldownMs = cooldown === undefined ? undefined : attempt(() => durationMs(cooldown, values, ['entry', 'cooldown']));
  const policies = attempt(() => compilePolicies(doc.policies, values));

  if (errors.length > 0 || trigger === undefined || policies === undefined) return { diagnostics: [...diagnostics, ...errors] };
  const plan: Plan = {
    journeyId: doc.id,
    version: doc.version,
    name: { zh: doc.name.zh, en: doc.name.en },
    stages: doc.stages.map((s) => ({ id: s.id, name: { zh: s.name.zh, en: s.name.en } })),
    params: values,
    entry: { trigger, reentry: doc.entry.reentry, ...(cooldownMs === undefined ? {} : { cooldownMs }), next: doc.entry.next },
    nodes,
    policies,
    source: doc,
  };
  if (doc.schema.activityEvents !== undefined) plan.activityEvents = [...doc.schema.activityEvents];
  return { plan, diagnostics };
}

/** Every edge (and the entry) must point at a node that exists, or the engine would walk off the plan (the checker reports these too; this guards the plan). */
function missingTargets(doc: JourneyDocument): Diagnostic[] {
  const ids = new Set(doc.nodes.map((n) => n.id));
  const found: Diagnostic[] = [];
  if (!ids.has(doc.entry.next)) {
    found.push({ severity: 'error', code: 'unknown-node', message: `entry leads to "${doc.entry.next}", which is not a node`, path: ['entry', 'next'] });
  }
  doc.nodes.forEach((node, index) => {
    for (const edge of nodeEdges(node)) {
      if (!ids.has(edge.target)) {
        found.push({
          severity: 'error',
          code: 'unknown-node',
          message: `${edge.kind === 'next' ? 'next' : `${edge.kind} "${edge.label}"`} leads to "${edge.target}", which is not a node`,
          path: ['nodes', index],
          nodeId: node.id,
        });
      }
    }
  });
  return found;
}

function compileTrigger(trigger: Trigger, params: ParamValues): PlanTrigger {
  const ctx = compileContext(params, ['entry', 'trigger']);
  switch (trigger.type) {
    case 'event':
      return trigger.when === undefined ? { type: 'event', event: trigger.event } : { type: 'event', event: trigger.event, when: ctx.condition(trigger.when, ['when']) };
    case 'segment':
      return { type: 'segment', when: ctx.condition(trigger.when, ['when']) };
    case 'schedule': {
      const schedule: PlanTrigger = { type: 'schedule', at: ctx.timeOfDay(trigger.at, ['at']) };
      if (trigger.weekdays !== undefined) schedule.weekdays = [...new Set(trigger.weekdays)].sort((a, b) => a - b);
      if (trigger.when !== undefined) schedule.when = ctx.condition(trigger.when, ['when']);
      return schedule;
    }
  }
}

function compilePolicies(policies: Policies, params: ParamValues): Plan['policies'] {
  const compiled: Plan['policies'] = {
    frequencyCaps: policies.frequencyCaps.map((cap, i) => ({
      channel: cap.channel,
      max: cap.max,
      perMs: durationMs(cap.per, params, ['policies', 'frequencyCaps', i, 'per']),
    })),
    timezone: timeZone(policies.timezone, ['policies', 'timezone']),
  };
  if (policies.quietHours !== undefined) {
    const { from, to, mode } = policies.quietHours;
    compiled.quietHours = { from: timeOfDay(from, ['policies', 'quietHours', 'from']), to: timeOfDay(to, ['policies', 'quietHours', 'to']), mode };
  }
  if (policies.goalWindow !== undefined) compiled.goalWindowMs = durationMs(policies.goalWindow, params, ['policies', 'goalWindow']);
  return compiled;
}
