/** Checks outside the nodes: profile fields, stages, entry, policies and layout. */
import { BUILTIN_FACTS } from '../facts.ts';
import { UNIT_MS } from '../schema/common.ts';
import type { JourneyDocument } from '../schema/document.ts';
import type { JsonPath, NodeCheckContext, Reporter } from './context.ts';
import { didYouMean } from './did-you-mean.ts';
import { indexNodes } from './graph.ts';

/** A profile field named like a built-in fact would make every condition on that name ambiguous. */
export function checkProfileFields(doc: JourneyDocument, report: Reporter): void {
  for (const name of Object.keys(doc.schema.profile)) {
    if (Object.hasOwn(BUILTIN_FACTS, name)) {
      report.error('profile-shadows-fact', `profile field \`${name}\` has the name of a built-in fact; rename the field`, ['schema', 'profile', name]);
    }
  }
}

/** Stage ids must be unique; a declared stage no stage node moves customers into is suspicious. */
export function checkStages(doc: JourneyDocument, report: Reporter): void {
  const seen = new Map<string, number>();
  doc.stages.forEach((stage, i) => {
    const first = seen.get(stage.id);
    if (first === undefined) seen.set(stage.id, i);
    else report.error('duplicate-stage-id', `stage id \`${stage.id}\` is already declared by stages[${first}]`, ['stages', i, 'id']);
  });
  const used = new Set(doc.nodes.flatMap((n) => (n.kind === 'stage' ? [n.stage] : [])));
  for (const [id, i] of seen) {
    if (!used.has(id)) report.warning('unused-stage', `stage \`${id}\` is declared but no stage node moves customers into it`, ['stages', i, 'id']);
  }
}

/** The entry: its trigger's condition (with `event` readable for event triggers), schedule days and the cooldown. */
export function checkEntry(doc: JourneyDocument, ctx: NodeCheckContext): void {
  const { entry } = doc;
  const trigger = entry.trigger;
  const at: JsonPath = ['entry', 'trigger'];
  if (trigger.type === 'event') {
    ctx.checkEventName(trigger.event, [...at, 'event']);
    if (trigger.when !== undefined) ctx.checkCondition(trigger.when, [...at, 'when'], { event: trigger.event });
  } else if (trigger.when !== undefined) {
    ctx.checkCondition(trigger.when, [...at, 'when'], {});
  }
  if (trigger.type === 'schedule' && trigger.weekdays !== undefined) {
    const days = new Set<number>();
    trigger.weekdays.forEach((day, i) => {
      if (days.has(day)) ctx.warning('duplicate-weekday', `weekday ${day} is listed twice`, [...at, 'weekdays', i]);
      days.add(day);
    });
  }
  if (entry.cooldown !== undefined) {
    if (entry.reentry === 'never') {
      ctx.warning('cooldown-unused', 'a cooldown has no effect when re-entry is `never`; set re-entry to `afterExit` or remove the cooldown', ['entry', 'cooldown']);
    }
    ctx.checkDuration(entry.cooldown, ['entry', 'cooldown'], { label: 'the re-entry cooldown', zero: 'warning' });
  }
}

/** Frequency caps, quiet hours and the goal window. */
export function checkPolicies(doc: JourneyDocument, ctx: NodeCheckContext): void {
  const { policies } = doc;
  const channels = new Map<string, number>();
  policies.frequencyCaps.forEach((cap, i) => {
    const at: JsonPath = ['policies', 'frequencyCaps', i];
    const first = channels.get(cap.channel);
    if (first === undefined) channels.set(cap.channel, i);
    else ctx.warning('duplicate-frequency-cap', `channel \`${cap.channel}\` already has a frequency cap (frequencyCaps[${first}]); the stricter one wins`, [...at, 'channel']);
    const perMs = ctx.checkDuration(cap.per, [...at, 'per'], { label: 'the frequency cap window', zero: 'error' });
    if (perMs !== undefined && perMs > 0 && perMs < UNIT_MS.m) {
      ctx.warning('frequency-cap-window-short', `a frequency cap per ${perMs / 1000} seconds hardly limits anything; caps are usually per day or per week`, [...at, 'per']);
    }
  });
  if (policies.quietHours !== undefined && policies.quietHours.from === policies.quietHours.to) {
    ctx.error('quiet-hours-empty', `quiet hours from ${policies.quietHours.from} to ${policies.quietHours.to} is not a window; give different start and end times`, ['policies', 'quietHours', 'to']);
  }
  if (policies.goalWindow !== undefined) {
    ctx.checkDuration(policies.goalWindow, ['policies', 'goalWindow'], { label: 'the goal window', zero: 'error' });
  }
}

/** Positions for nodes that do not exist are harmless but stale. */
export function checkLayout(doc: JourneyDocument, report: Reporter): void {
  if (doc.layout === undefined) return;
  const byId = indexNodes(doc.nodes);
  const ids = [...byId.keys()];
  for (const id of Object.keys(doc.layout)) {
    if (!byId.has(id)) report.warning('layout-unknown-node', `layout has a position for \`${id}\`, which is not a node${didYouMean(id, ids)}`, ['layout', id]);
  }
}

