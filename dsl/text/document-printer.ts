/** Prints a journey document in the canonical text form (stable order and layout, so diffs stay small). */
import type { Action } from '../nodes/action.ts';
import type { JourneyNode } from '../nodes/index.ts';
import { ANY_EVENT } from '../nodes/wait.ts';
import type { FieldType } from '../schema/data-schema.ts';
import type { JourneyDocument } from '../schema/document.ts';
import type { ParamDef } from '../schema/params.ts';
import { printConditionText, printValue } from './condition-printer.ts';
import { WEEKDAYS } from './document-parser.ts';
import { printDuration, printLocalized, printNameOrString, printNumber, printString, printTextOrParam } from './literal-printer.ts';

const CONTINUATION = '    ';
const JOURNEY_ID_WORD = /^[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*$/;
const ANY_IS_RESERVED: ReadonlySet<string> = new Set(['any']);

/**
 * The canonical text of a journey document; `parseJourneyText(printJourneyText(doc)).doc` equals `doc`.
 *
 * @example
 * printJourneyText(doc);
 * // 'journey demo version 1\nname zh "演示" en "Demo"\n\nentry on signup -> bye\n…'
 */
export function printJourneyText(doc: JourneyDocument): string {
  const sections: string[][] = [
    header(doc),
    Object.entries(doc.params).map(([name, def]) => printParam(name, def)),
    doc.stages.map((stage) => `stage ${stage.id} ${printLocalized(stage.name)}`),
    dataSchema(doc),
    [entry(doc)],
    policies(doc),
    doc.nodes.map(printNode),
    doc.layout === undefined ? [] : [layout(doc.layout)],
  ];
  return `${sections
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.join('\n'))
    .join('\n\n')}\n`;
}

function header(doc: JourneyDocument): string[] {
  const id = JOURNEY_ID_WORD.test(doc.id) ? doc.id : printString(doc.id);
  const lines = [`journey ${id} version ${printNumber(doc.version)}`, `name ${printLocalized(doc.name)}`];
  if (doc.description !== undefined) lines.push(`description ${printLocalized(doc.description)}`);
  return lines;
}

function printParam(name: string, def: ParamDef): string {
  const type = def.type === 'enum' ? `enum(${def.values.map(printString).join(', ')})` : def.type;
  let line = `param ${name}: ${type} = ${printValue(def.default)}`;
  if (def.type === 'number') {
    if (def.min !== undefined) line += ` min ${printNumber(def.min)}`;
    if (def.max !== undefined) line += ` max ${printNumber(def.max)}`;
    if (def.integer !== undefined) line += def.integer ? ' integer' : ' integer false';
  }
  if (def.label !== undefined) line += ` label ${printLocalized(def.label)}`;
  if (def.description !== undefined) line += ` description ${printLocalized(def.description)}`;
  return line;
}

const fieldType = (type: FieldType): string => (typeof type === 'string' ? type : `enum(${type.enum.map(printString).join(', ')})`);

function dataSchema(doc: JourneyDocument): string[] {
  const { profile, events, activityEvents } = doc.schema;
  const lines = Object.entries(profile).map(([name, type]) => `profile ${name}: ${fieldType(type)}`);
  for (const [event, properties] of Object.entries(events)) {
    const entries = Object.entries(properties).map(([name, type]) => `${name}: ${fieldType(type)}`);
    lines.push(`event ${printNameOrString(event)} ${entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`}`);
  }
  if (activityEvents !== undefined) lines.push(`activity ${activityEvents.map((e) => printNameOrString(e)).join(', ')}`);
  return lines;
}

const eventName = (event: string): string => (event === ANY_EVENT ? 'any event' : printNameOrString(event, ANY_IS_RESERVED));

function entry(doc: JourneyDocument): string {
  const { trigger, reentry, cooldown, next } = doc.entry;
  let line = 'entry';
  if (trigger.type === 'event') line += ` on ${eventName(trigger.event)}`;
  else if (trigger.type === 'segment') line += ' segment';
  else {
    line += ` schedule at ${trigger.at}`;
    if (trigger.weekdays !== undefined) line += ` on ${trigger.weekdays.map((d) => WEEKDAYS[d - 1]).join(', ')}`;
  }
  if (trigger.when !== undefined) line += ` when ${printConditionText(trigger.when)}`;
  if (reentry === 'afterExit') line += ' reentry after exit';
  if (cooldown !== undefined) line += ` cooldown ${printDuration(cooldown)}`;
  return `${line} -> ${next}`;
}

function policies(doc: JourneyDocument): string[] {
  const { frequencyCaps, quietHours, goalWindow, timezone } = doc.policies;
  const lines = frequencyCaps.map(
    (cap) => `policy cap ${cap.channel === '*' ? 'any channel' : printString(cap.channel)} ${printNumber(cap.max)} per ${printDuration(cap.per)}`,
  );
  if (quietHours !== undefined) lines.push(`policy quiet ${quietHours.from} to ${quietHours.to} ${quietHours.mode}`);
  if (goalWindow !== undefined) lines.push(`policy goal window ${printDuration(goalWindow)}`);
  lines.push(`policy timezone ${printString(timezone)}`);
  return lines;
}

const label = (text: string | undefined): string => (text === undefined ? '' : ` ${printString(text)}`);

function printNode(node: JourneyNode): string {
  const head = `node ${node.id}: `;
  switch (node.kind) {
    case 'stage':
      return `${head}stage ${node.stage} -> ${node.next}`;
    case 'condition':
      return [
        ...node.branches.map((b, i) => `${i === 0 ? head : CONTINUATION}if ${printConditionText(b.when)} -> ${b.next}${label(b.label)}`),
        `${CONTINUATION}else -> ${node.else}`,
      ].join('\n');
    case 'wait':
      if (node.mode === 'delay') return `${head}wait ${printDuration(node.duration)} -> ${node.next}`;
      if (node.mode === 'until') return `${head}wait until ${[node.date, node.time].filter((p) => p !== undefined).join(' ')} -> ${node.next}`;
      return [
        `${head}wait for ${node.events
          .map((e) => `${eventName(e.event)}${e.when === undefined ? '' : ` when ${printConditionText(e.when)}`} -> ${e.next}`)
          .join(`,\n${CONTINUATION}`)}`,
        `${CONTINUATION}timeout ${printDuration(node.timeout)}${node.timeoutFrom === 'lastActivity' ? ' after last activity' : ''} -> ${node.timeoutNext}`,
      ].join('\n');
    case 'split':
      return `${head}split ${node.branches.map((b) => `${printNumber(b.percent)}% -> ${b.next}${label(b.label)}`).join(', ')}`;
    case 'action':
      return `${head}${printAction(node.action)} -> ${node.next}`;
    case 'goal':
      return `${head}goal ${node.goal}${node.next === undefined ? '' : ` -> ${node.next}`}`;
    case 'exit':
      return `${head}exit${label(node.reason)}`;
  }
}

function printAction(action: Action): string {
  switch (action.type) {
    case 'message': {
      const vars = action.vars === undefined ? '' : ` vars ${record(action.vars, printString)}`;
      return `send ${printTextOrParam(action.channel)} template ${printTextOrParam(action.template)}${vars}`;
    }
    case 'setField':
      return `set ${action.field} = ${printValue(action.value)}`;
    case 'addTag':
      return `add tag ${printTextOrParam(action.tag)}`;
    case 'removeTag':
      return `remove tag ${printTextOrParam(action.tag)}`;
    case 'task': {
      let line = `task ${printTextOrParam(action.title)}`;
      if (action.assignee !== undefined) line += ` assignee ${printTextOrParam(action.assignee)}`;
      if (action.dueIn !== undefined) line += ` due ${printDuration(action.dueIn)}`;
      if (action.note !== undefined) line += ` note ${printString(action.note)}`;
      return line;
    }
    case 'webhook':
      return `webhook ${printString(action.url)}${action.payload === undefined ? '' : ` payload ${record(action.payload, printValue)}`}`;
  }
}

function record<T>(entries: Record<string, T>, printEntry: (value: T) => string): string {
  const parts = Object.entries(entries).map(([key, value]) => `${key}: ${printEntry(value)}`);
  return parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
}

function layout(positions: Record<string, { x: number; y: number }>): string {
  const entries = Object.entries(positions).map(([id, { x, y }]) => `  ${id}: ${printNumber(x)} ${printNumber(y)}`);
  return entries.length === 0 ? 'layout {}' : `layout {\n${entries.join(',\n')}\n}`;
}
