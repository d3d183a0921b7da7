/** Runs a built-in template over Segment-style events through the real compiler and engine, and flattens the visible effects for comparison. */
import { compileJourney } from '../../dsl/compiler/index.ts';
import type { Effect, Input } from '../../runtime/engine/types.ts';
import { Simulation } from '../../runtime/clock/simulation.ts';
import { PlanRegistry } from '../../runtime/plan-registry.ts';
import type { SegmentEvent } from '../../templates/cohort.ts';
import { findTemplateJourney } from '../../templates/index.ts';

/** The effect kinds a scenario asserts on; timer bookkeeping, branches and entries are the engine's business. */
export const VISIBLE_KINDS: ReadonlySet<string> = new Set(['stage', 'action', 'task', 'goal', 'exit']);

/** One visible effect, flattened the way `simulate` prints it. */
export interface EffectLine {
  at: string;
  customerId: string;
  node: string;
  kind: string;
  stage?: string;
  /** Action: `type:channel:template` for messages, `type:tag` for tags, `setField:field=value` for fields. Task: its title. Goal: its name. */
  detail?: string;
}

export function toInput(event: SegmentEvent): Input {
  const at = Date.parse(event.timestamp);
  if (event.type === 'identify') return { type: 'identify', id: event.messageId, customerId: event.userId, at, traits: event.traits ?? {} };
  return { type: 'event', id: event.messageId, customerId: event.userId, event: event.event!, at, properties: event.properties ?? {} };
}

export function effectLine(effect: Effect): EffectLine {
  const line: EffectLine = { at: new Date(effect.at).toISOString(), customerId: effect.customerId, node: effect.node, kind: effect.kind };
  if (effect.kind === 'stage') line.stage = effect.stage;
  if (effect.kind === 'action') {
    const action = effect.action;
    if (action.type === 'message') line.detail = `message:${action.channel}:${action.template}`;
    else if (action.type === 'addTag' || action.type === 'removeTag') line.detail = `${action.type}:${action.tag}`;
    else if (action.type === 'setField') line.detail = `setField:${action.field}=${String(action.value)}`;
    else line.detail = action.type;
  }
  if (effect.kind === 'task') line.detail = effect.task.title;
  if (effect.kind === 'goal') line.detail = effect.goal;
  return line;
}

/**
 * Simulates a template's main journey with param overrides over events (time-ordered) until `until`,
 * returning every visible effect. Throws if the template does not compile.
 */
export function runTemplate(
  templateId: string,
  events: readonly SegmentEvent[],
  options: { until: string; params?: Record<string, unknown> },
): { lines: EffectLine[]; simulation: Simulation } {
  const journey = findTemplateJourney(templateId);
  if (journey === undefined) throw new Error(`no template ${templateId}`);
  const { plan, diagnostics } = compileJourney(journey, options.params ?? {});
  if (plan === undefined) throw new Error(`template ${templateId} does not compile: ${diagnostics.map((d) => d.message).join('; ')}`);
  const lines: EffectLine[] = [];
  const simulation = new Simulation(new PlanRegistry([plan]), {
    onEffect: (effect) => {
      if (VISIBLE_KINDS.has(effect.kind)) lines.push(effectLine(effect));
    },
  });
  for (const event of events) simulation.ingest(toInput(event));
  simulation.advanceTo(Date.parse(options.until));
  return { lines, simulation };
}
