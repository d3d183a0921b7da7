/** Which facts a condition may read and what type each has: built-ins, profile fields and `event.<property>`. */
import { BUILTIN_FACTS, EVENT_FACT } from '../facts.ts';
import { ANY_EVENT } from '../nodes/wait.ts';
import type { FactCondition } from '../schema/condition.ts';
import type { FieldType } from '../schema/data-schema.ts';
import type { JourneyDocument } from '../schema/document.ts';
import type { ConditionScope, JsonPath, Reporter } from './context.ts';
import { didYouMean } from './did-you-mean.ts';
import { listNames } from './wording.ts';

/** The type family that decides which operators and values fit. */
export type TypeFamily = 'number' | 'string' | 'enum' | 'boolean' | 'timestamp' | 'string[]';

export const typeFamily = (type: FieldType): TypeFamily => (typeof type === 'string' ? type : 'enum');

/** "a number", "one of `a`, `b`", "a list of strings" */
export function describeType(type: FieldType): string {
  switch (typeFamily(type)) {
    case 'number':
      return 'a number';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'a boolean';
    case 'timestamp':
      return 'a timestamp';
    case 'string[]':
      return 'a list of strings';
    case 'enum':
      return `one of ${listNames((type as { enum: string[] }).enum)}`;
  }
}

/** Built-in facts whose values are whole numbers (counts, whole days, scores), so ranges over them are reasoned about in integers. */
const WHOLE_NUMBER_FACTS: ReadonlySet<string> = new Set([
  'daysSinceLastActivity',
  'daysSinceLast',
  'eventCount',
  'purchaseCount',
  'rfmRecency',
  'rfmFrequency',
  'rfmMonetary',
  'daysInStage',
]);

/** A fact as one condition reads it: which value (fact + params + path), its type, and how to name it. */
export interface ResolvedFact {
  /** Identical for two leaves that read the same value. */
  key: string;
  /** `totalSpend`, `eventCount(event: "purchase")`, `event.amount`. */
  label: string;
  type: FieldType;
  /** Whole numbers only (counts and days): interval reasoning is done in integers. */
  wholeNumbers: boolean;
  /** The built-in `stage` fact: values must be declared stage ids. */
  isStage: boolean;
}

function factLabel(leaf: FactCondition): string {
  const params = leaf.params === undefined ? '' : `(${Object.entries(leaf.params).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ')})`;
  const path = leaf.path === undefined ? '' : leaf.path.slice(1);
  return `${leaf.fact}${params}${path}`;
}

function factKey(leaf: FactCondition): string {
  const params = leaf.params === undefined ? [] : Object.entries(leaf.params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([leaf.fact, params, leaf.path ?? '']);
}

/** The properties `event.<prop>` can read for `event` (for `*`: those declared with one type across all events). */
function eventProperties(doc: JourneyDocument, event: string): Map<string, FieldType> | undefined {
  const declared = doc.schema.events;
  if (event !== ANY_EVENT) {
    const props = Object.hasOwn(declared, event) ? declared[event] : undefined;
    return props === undefined ? undefined : new Map(Object.entries(props));
  }
  const merged = new Map<string, FieldType>();
  const conflicting = new Set<string>();
  for (const props of Object.values(declared)) {
    for (const [name, type] of Object.entries(props)) {
      const seen = merged.get(name);
      if (seen !== undefined && JSON.stringify(seen) !== JSON.stringify(type)) conflicting.add(name);
      merged.set(name, type);
    }
  }
  for (const name of conflicting) merged.delete(name);
  return merged;
}

/** Every fact name a condition in `scope` could read (for suggestions). */
function knownFactNames(doc: JourneyDocument, scope: ConditionScope): string[] {
  const names = [...Object.keys(BUILTIN_FACTS), ...Object.keys(doc.schema.profile)];
  if (scope.event !== undefined) names.push(EVENT_FACT);
  return names;
}

function resolveEventFact(leaf: FactCondition, at: JsonPath, doc: JourneyDocument, event: string, report: Reporter): ResolvedFact | undefined {
  if (leaf.params !== undefined) report.error('fact-params-unexpected', '`event` takes no params; name the property with a path such as $.amount', [...at, 'params']);
  if (leaf.path === undefined) {
    report.error('event-path-missing', '`event` needs a path naming one of its properties, such as $.amount', [...at, 'fact']);
    return undefined;
  }
  const [property, ...deeper] = leaf.path.slice(2).split('.');
  const props = eventProperties(doc, event);
  const shownEvent = event === ANY_EVENT ? 'any event (`*`)' : `event \`${event}\``;
  if (props === undefined) {
    report.error('unknown-event-property', `\`event.${property}\`: ${shownEvent} declares no properties — declare them under schema.events["${event}"]`, [...at, 'path']);
    return undefined;
  }
  const type = property === undefined ? undefined : props.get(property);
  if (type === undefined) {
    const declared = [...props.keys()];
    const hint = declared.length === 0 ? '' : didYouMean(property ?? '', declared) || ` (it has ${listNames(declared)})`;
    report.error('unknown-event-property', `${shownEvent} has no property \`${property}\`${hint}`, [...at, 'path']);
    return undefined;
  }
  if (deeper.length > 0) {
    report.error('invalid-path', `\`event.${property}\` is ${describeType(type)} and has no member \`${deeper[0]}\``, [...at, 'path']);
    return undefined;
  }
  return { key: factKey(leaf), label: `event.${property}`, type, wholeNumbers: false, isStage: false };
}

/** Checks a built-in fact's params against its declared ones. */
function checkBuiltinParams(leaf: FactCondition, at: JsonPath, declared: Readonly<Record<string, string>>, doc: JourneyDocument, report: Reporter): boolean {
  let ok = true;
  const given = leaf.params ?? {};
  for (const [name, spec] of Object.entries(declared)) {
    const optional = spec.endsWith('?');
    const type = optional ? spec.slice(0, -1) : spec;
    const value = Object.hasOwn(given, name) ? given[name] : undefined;
    if (value === undefined) {
      if (!optional) {
        report.error('fact-param-missing', `fact \`${leaf.fact}\` needs the param \`${name}\` (a ${type})`, leaf.params === undefined ? [...at, 'fact'] : [...at, 'params']);
        ok = false;
      }
      continue;
    }
    if (typeof value !== type) {
      report.error('fact-param-type', `param \`${name}\` of fact \`${leaf.fact}\` must be a ${type}, not ${JSON.stringify(value)}`, [...at, 'params', name]);
      ok = false;
    } else if (name === 'days' && (typeof value !== 'number' || !Number.isInteger(value) || value < 1)) {
      report.error('fact-param-range', `param \`days\` of fact \`${leaf.fact}\` must be a whole number of days, at least 1, not ${value}`, [...at, 'params', name]);
      ok = false;
    } else if (name === 'event' && typeof value === 'string') {
      checkDeclaredEvent(value, [...at, 'params', name], doc, report);
    }
  }
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(declared, name)) {
      report.error('fact-param-unknown', `fact \`${leaf.fact}\` has no param \`${name}\`${didYouMean(name, Object.keys(declared))}`, [...at, 'params', name]);
      ok = false;
    }
  }
  return ok;
}

/**
 * Warns about an event name the schema does not declare, when the schema declares events at all
 * (events are open-ended Segment names, so an undeclared one is suspicious rather than wrong).
 */
export function checkDeclaredEvent(event: string, path: JsonPath, doc: JourneyDocument, report: Reporter): void {
  const declared = Object.keys(doc.schema.events);
  if (event === ANY_EVENT || declared.length === 0 || declared.includes(event)) return;
  report.warning('unknown-event', `event \`${event}\` is not declared in schema.events${didYouMean(event, declared)}`, path);
}

/**
 * The fact a condition leaf reads, with its type; reports unknown facts, misplaced `event`, wrong params or paths.
 * `at` is the path of the leaf itself.
 */
export function resolveFact(leaf: FactCondition, at: JsonPath, doc: JourneyDocument, scope: ConditionScope, report: Reporter): ResolvedFact | undefined {
  if (leaf.fact === EVENT_FACT) {
    if (scope.event === undefined) {
      report.error('event-outside-event-context', '`event` can only be read in the entry trigger\'s or an awaited event\'s condition, where there is an event', [...at, 'fact']);
      return undefined;
    }
    return resolveEventFact(leaf, at, doc, scope.event, report);
  }
  const builtin = Object.hasOwn(BUILTIN_FACTS, leaf.fact) ? BUILTIN_FACTS[leaf.fact] : undefined;
  if (builtin !== undefined) {
    const paramsOk = checkBuiltinParams(leaf, at, builtin.params ?? {}, doc, report);
    if (leaf.path !== undefined) {
      report.error('invalid-path', `built-in fact \`${leaf.fact}\` is ${describeType(builtin.type)}, so it has no member to read with a path`, [...at, 'path']);
      return undefined;
    }
    if (!paramsOk) return undefined;
    return { key: factKey(leaf), label: factLabel(leaf), type: builtin.type, wholeNumbers: WHOLE_NUMBER_FACTS.has(leaf.fact), isStage: leaf.fact === 'stage' };
  }
  const profileType = Object.hasOwn(doc.schema.profile, leaf.fact) ? doc.schema.profile[leaf.fact] : undefined;
  if (profileType !== undefined) {
    if (leaf.params !== undefined) report.error('fact-params-unexpected', `profile field \`${leaf.fact}\` takes no params`, [...at, 'params']);
    if (leaf.path !== undefined) {
      report.error('invalid-path', `profile field \`${leaf.fact}\` is ${describeType(profileType)}, so it has no member to read with a path`, [...at, 'path']);
      return undefined;
    }
    return { key: factKey(leaf), label: leaf.fact, type: profileType, wholeNumbers: false, isStage: false };
  }
  report.error('unknown-fact', `fact \`${leaf.fact}\` is not known${didYouMean(leaf.fact, knownFactNames(doc, scope)) || ' — declare it as a profile field in schema.profile, or use a built-in fact'}`, [...at, 'fact']);
  return undefined;
}
