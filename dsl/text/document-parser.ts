/** Reads the top-level statements of a journey text into the document's JSON (before schema validation). */
import type { Diagnostic } from '../diagnostics.ts';
import { parseCondition } from './condition-parser.ts';
import type { Token } from './lexer.ts';
import { parseDuration, parseLocalized, parseName, parseNameOrString, parseNumber, setEntry, tryParseScalar } from './literal-parser.ts';
import type { ParseContext } from './literal-parser.ts';
import { parseEventName, parseNodeBody, parseRecord } from './node-parser.ts';
import { spanJoin } from './span-map.ts';
import type { JsonPath } from './span-map.ts';
import { ParseFailure } from './token-stream.ts';

type Json = Record<string, unknown>;
type FieldTypeJson = string | { enum: string[] };

export const STATEMENT_KEYWORDS = ['journey', 'name', 'description', 'param', 'stage', 'profile', 'event', 'activity', 'entry', 'policy', 'node', 'layout'] as const;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const PRIMITIVE_FIELD_TYPES = ['number', 'string', 'boolean', 'timestamp'];

const isStatementStart = (token: Token): boolean =>
  token.kind === 'word' && token.quoted !== true && (STATEMENT_KEYWORDS as readonly string[]).includes(token.text);

/** The document JSON being built, and the statements that may appear only once. */
interface DocumentDraft {
  doc: Json;
  params: Record<string, Json>;
  profile: Record<string, FieldTypeJson>;
  events: Record<string, Record<string, FieldTypeJson>>;
  policies: Json;
  once: Set<string>;
}

/**
 * Reads every statement; a statement that fails is reported once and skipped to the next line that starts a
 * statement, so later errors are still found.
 */
export function parseDocumentStatements(ctx: ParseContext): { json: Json; errors: Diagnostic[] } {
  const { stream } = ctx;
  const draft: DocumentDraft = {
    doc: { params: {}, stages: [], nodes: [] },
    params: {},
    profile: {},
    events: {},
    policies: { frequencyCaps: [] },
    once: new Set(),
  };
  draft.doc.params = draft.params;
  draft.doc.schema = { profile: draft.profile, events: draft.events };
  draft.doc.policies = draft.policies;
  const errors: Diagnostic[] = [];
  while (!stream.atEnd()) {
    const start = stream.peek();
    try {
      parseStatement(ctx, draft);
    } catch (failure) {
      if (!(failure instanceof ParseFailure)) throw failure;
      const nodeId = failure instanceof NodeParseFailure ? failure.nodeId : undefined;
      errors.push({ severity: 'error', code: 'syntax', message: failure.message, path: [], span: failure.span, ...(nodeId !== undefined ? { nodeId } : {}) });
      if (errors.length >= 50) break;
      if (stream.peek() === start || !stream.peek().lineStart || !isStatementStart(stream.peek())) stream.skipToStatement(isStatementStart);
    }
  }
  if (!draft.once.has('journey') && errors.length === 0) {
    errors.push({
      severity: 'error',
      code: 'syntax',
      message: 'missing the header: the text starts with `journey <id> version <n>`',
      path: [],
      span: { line: 1, column: 1, endLine: 1, endColumn: 1 },
    });
  }
  return { json: draft.doc, errors };
}

function parseStatement(ctx: ParseContext, draft: DocumentDraft): void {
  const { stream } = ctx;
  const head = stream.peek();
  if (!isStatementStart(head)) {
    stream.fail(`a statement (${STATEMENT_KEYWORDS.join(', ')})`, head.lineStart ? undefined : 'each statement starts on a new line');
  }
  if (!head.lineStart) throw new ParseFailure(`\`${head.text}\` starts a new statement: put it on its own line`, head.span);
  stream.next();
  switch (head.text) {
    case 'journey':
      return parseHeader(ctx, draft, head);
    case 'name':
    case 'description':
      once(draft, head, head.text);
      draft.doc[head.text] = parseLocalized(ctx, [head.text]);
      return;
    case 'param':
      return parseParam(ctx, draft, head);
    case 'stage': {
      const stages = draft.doc.stages as Json[];
      const path = ['stages', stages.length];
      const id = parseName(ctx, [...path, 'id'], 'a stage id', 'like: stage active zh "活跃期" en "Active"');
      stages.push({ id, name: parseLocalized(ctx, [...path, 'name']) });
      ctx.spans.set(path, spanJoin(head.span, stream.previous().span));
      return;
    }
    case 'profile': {
      const field = stream.expectWord('a profile field name', 'like: profile city: string');
      if (Object.hasOwn(draft.profile, field.text)) throw new ParseFailure(`the profile field \`${field.text}\` is declared twice`, field.span);
      stream.expectPunct(':', `write ${field.text}: type`);
      const path = ['schema', 'profile', field.text];
      setEntry(draft.profile, field.text, parseFieldType(ctx, path));
      ctx.spans.set(path, spanJoin(head.span, stream.previous().span));
      return;
    }
    case 'event': {
      const nameToken = stream.peek();
      if (nameToken.kind !== 'word' && nameToken.kind !== 'string') stream.fail('an event name', 'like: event purchase { amount: number }');
      const name = stream.next().text;
      if (Object.hasOwn(draft.events, name)) throw new ParseFailure(`the event \`${name}\` is declared twice`, nameToken.span);
      const path = ['schema', 'events', name];
      setEntry(draft.events, name, parseRecord(ctx, path, (p) => parseFieldType(ctx, p)));
      ctx.spans.set(path, spanJoin(head.span, stream.previous().span));
      return;
    }
    case 'activity': {
      once(draft, head, 'activity');
      const names: string[] = [];
      do names.push(parseNameOrString(ctx, ['schema', 'activityEvents', names.length], 'an event name'));
      while (stream.acceptPunct(','));
      (draft.doc.schema as Json).activityEvents = names;
      ctx.spans.set(['schema', 'activityEvents'], spanJoin(head.span, stream.previous().span));
      return;
    }
    case 'entry':
      once(draft, head, 'entry');
      draft.doc.entry = parseEntry(ctx);
      ctx.spans.set(['entry'], spanJoin(head.span, stream.previous().span));
      return;
    case 'policy':
      return parsePolicy(ctx, draft, head);
    case 'node': {
      const nodes = draft.doc.nodes as Json[];
      const path = ['nodes', nodes.length];
      const id = parseName(ctx, [...path, 'id'], 'the node id', 'like: node welcome: send "wechat" template "hello" -> next');
      try {
        stream.expectPunct(':', `write node ${id}: followed by what the node does`);
        nodes.push({ id, ...parseNodeBody(ctx, path) });
      } catch (failure) {
        if (failure instanceof ParseFailure) throw new NodeParseFailure(failure, id);
        throw failure;
      }
      ctx.spans.set(path, spanJoin(head.span, stream.previous().span));
      return;
    }
    default:
      once(draft, head, 'layout');
      draft.doc.layout = parseRecord(ctx, ['layout'], (p) => {
        const x = parseNumber(ctx, [...p, 'x'], 'the x position');
        return { x, y: parseNumber(ctx, [...p, 'y'], 'the y position (write: node_id: x y)') };
      }, 'write each position as node_id: x y, separated by commas, and close with }');
  }
}

/** A syntax error inside a node statement, carrying the node's id for the diagnostic. */
export class NodeParseFailure extends ParseFailure {
  constructor(
    failure: ParseFailure,
    readonly nodeId: string,
  ) {
    super(failure.message, failure.span);
  }
}

function once(draft: DocumentDraft, head: Token, what: string): void {
  if (draft.once.has(what)) throw new ParseFailure(`\`${what}\` is given twice: keep one`, head.span);
  draft.once.add(what);
}

/** `journey <id> version <n>`. */
function parseHeader(ctx: ParseContext, draft: DocumentDraft, head: Token): void {
  once(draft, head, 'journey');
  draft.doc.id = parseNameOrString(ctx, ['id'], 'the journey id', 'like: journey dormancy-ladder version 1');
  ctx.stream.expectKeyword('version', 'the header reads: journey <id> version <n>');
  draft.doc.version = parseNumber(ctx, ['version'], 'the version number');
}

/** `param name: type = default` then, in any order, `min`, `max`, `integer`, `label`, `description`. */
function parseParam(ctx: ParseContext, draft: DocumentDraft, head: Token): void {
  const { stream } = ctx;
  const nameToken = stream.expectWord('a param name', 'like: param silentAfterDays: number = 45');
  const name = nameToken.text;
  if (Object.hasOwn(draft.params, name)) throw new ParseFailure(`the param \`${name}\` is declared twice`, nameToken.span);
  const path = ['params', name];
  stream.expectPunct(':', `write ${name}: number (or string, boolean, enum("a", "b"))`);
  const typeToken = stream.expectWord('the param type: number, string, boolean or enum("a", "b")');
  ctx.spans.set([...path, 'type'], typeToken.span);
  const param: Json = { type: typeToken.text };
  if (typeToken.text === 'enum') param.values = parseEnumValues(ctx, [...path, 'values']);
  stream.expectPunct('=', `give the default value: ${name}: ${typeToken.text} = …`);
  const fallback = tryParseScalar(ctx, [...path, 'default']);
  param.default = fallback === undefined ? stream.fail('the default value', 'text in quotes, a number, true or false') : fallback.value;
  const seen = new Set<string>();
  for (;;) {
    const clause = stream.peek();
    if (clause.kind !== 'word' || clause.quoted === true || !['min', 'max', 'integer', 'label', 'description'].includes(clause.text)) break;
    if (seen.has(clause.text)) throw new ParseFailure(`\`${clause.text}\` is given twice for this param`, clause.span);
    seen.add(clause.text);
    stream.next();
    if (clause.text === 'min' || clause.text === 'max') param[clause.text] = parseNumber(ctx, [...path, clause.text]);
    else if (clause.text === 'integer') {
      param.integer = stream.acceptKeyword('false') === undefined;
      if (param.integer === true) stream.acceptKeyword('true');
      ctx.spans.set([...path, 'integer'], spanJoin(clause.span, stream.previous().span));
    } else param[clause.text] = parseLocalized(ctx, [...path, clause.text]);
  }
  setEntry(draft.params, name, param);
  ctx.spans.set(path, spanJoin(head.span, stream.previous().span));
}

/** `("a", "b", …)` after `enum`. */
function parseEnumValues(ctx: ParseContext, path: JsonPath): string[] {
  const { stream } = ctx;
  const open = stream.expectPunct('(', 'list the choices: enum("a", "b")');
  const values: string[] = [];
  while (!stream.isPunct(')')) {
    const value = stream.expectString('a choice in double quotes');
    ctx.spans.set([...path, values.length], value.span);
    values.push(value.text);
    if (!stream.acceptPunct(',')) break;
  }
  stream.expectPunct(')', 'separate choices with commas and close with )');
  ctx.spans.set(path, spanJoin(open.span, stream.previous().span));
  return values;
}

/** `number`, `string`, `boolean`, `timestamp`, `string[]` or `enum("a", "b")`. */
function parseFieldType(ctx: ParseContext, path: JsonPath): FieldTypeJson {
  const { stream } = ctx;
  const token = stream.expectWord('a type: number, string, boolean, timestamp, string[] or enum("a", "b")');
  ctx.spans.set(path, token.span);
  if (token.text === 'enum') return { enum: parseEnumValues(ctx, [...path, 'enum']) };
  if (token.text === 'string' && stream.acceptPunct('[')) {
    stream.expectPunct(']', 'a list of texts is written string[]');
    ctx.spans.set(path, spanJoin(token.span, stream.previous().span));
    return 'string[]';
  }
  if (!PRIMITIVE_FIELD_TYPES.includes(token.text)) {
    throw new ParseFailure(`unknown type \`${token.text}\`: use number, string, boolean, timestamp, string[] or enum("a", "b")`, token.span);
  }
  return token.text;
}

/** `entry on EVENT [when C]` | `entry segment when C` | `entry schedule at HH:MM [on mon, …] [when C]`, then re-entry, cooldown, `-> node`. */
function parseEntry(ctx: ParseContext): Json {
  const { stream } = ctx;
  const path = ['entry', 'trigger'];
  const start = stream.peek();
  let trigger: Json;
  if (stream.acceptKeyword('on')) {
    trigger = { type: 'event', event: parseEventName(ctx, [...path, 'event']) };
    if (stream.acceptKeyword('when')) trigger.when = parseCondition(ctx, [...path, 'when']);
  } else if (stream.acceptKeyword('segment')) {
    stream.expectKeyword('when', 'a segment entry reads: entry segment when <condition> -> node_id');
    trigger = { type: 'segment', when: parseCondition(ctx, [...path, 'when']) };
  } else if (stream.acceptKeyword('schedule')) {
    stream.expectKeyword('at', 'a scheduled entry reads: entry schedule at 09:00 -> node_id');
    const at = stream.peek();
    if (at.kind !== 'time') stream.fail('a time of day like 09:00');
    stream.next();
    ctx.spans.set([...path, 'at'], at.span);
    trigger = { type: 'schedule', at: at.text };
    if (stream.acceptKeyword('on')) trigger.weekdays = parseWeekdays(ctx, [...path, 'weekdays']);
    if (stream.acceptKeyword('when')) trigger.when = parseCondition(ctx, [...path, 'when']);
  } else {
    return stream.fail('`on <event>`, `segment when <condition>` or `schedule at <time>` after `entry`');
  }
  ctx.spans.set(path, spanJoin(start.span, stream.previous().span));
  const entry: Json = { trigger };
  if (stream.isKeyword('reentry')) {
    const reentry = stream.next();
    if (stream.acceptKeyword('never')) entry.reentry = 'never';
    else {
      stream.expectKeyword('after', 'write `reentry after exit` or `reentry never`');
      stream.expectKeyword('exit', 'write `reentry after exit` or `reentry never`');
      entry.reentry = 'afterExit';
    }
    ctx.spans.set(['entry', 'reentry'], spanJoin(reentry.span, stream.previous().span));
  }
  if (stream.acceptKeyword('cooldown')) entry.cooldown = parseDuration(ctx, ['entry', 'cooldown']);
  stream.expectPunct('->', 'the entry ends with `-> first_node_id`');
  entry.next = parseName(ctx, ['entry', 'next'], 'the id of the first node');
  return entry;
}

/** `mon, wed, fri` (numbers 1–7 are read as well, 1 = Monday). */
function parseWeekdays(ctx: ParseContext, path: JsonPath): number[] {
  const { stream } = ctx;
  const start = stream.peek();
  const days: number[] = [];
  do {
    const token = stream.peek();
    const named = WEEKDAYS.indexOf(token.text as (typeof WEEKDAYS)[number]);
    if (token.kind === 'word' && named !== -1) {
      stream.next();
      ctx.spans.set([...path, days.length], token.span);
      days.push(named + 1);
    } else days.push(parseNumber(ctx, [...path, days.length], `a weekday: ${WEEKDAYS.join(', ')}`));
  } while (stream.acceptPunct(','));
  ctx.spans.set(path, spanJoin(start.span, stream.previous().span));
  return days;
}

/** `policy cap "wechat" 2 per 1d` | `policy quiet 21:00 to 08:00 defer` | `policy goal window 30d` | `policy timezone "Asia/Shanghai"`. */
function parsePolicy(ctx: ParseContext, draft: DocumentDraft, head: Token): void {
  const { stream } = ctx;
  const kind = stream.peek();
  if (stream.acceptKeyword('cap')) {
    const caps = draft.policies.frequencyCaps as Json[];
    const path = ['policies', 'frequencyCaps', caps.length];
    let channel: string;
    if (stream.isKeyword('any') && stream.isKeyword('channel', 1)) {
      const first = stream.next();
      ctx.spans.set([...path, 'channel'], spanJoin(first.span, stream.next().span));
      channel = '*';
    } else channel = parseNameOrString(ctx, [...path, 'channel'], 'the channel in quotes, or `any channel`');
    const max = parseNumber(ctx, [...path, 'max'], 'how many messages at most');
    stream.expectKeyword('per', `write: policy cap "wechat" ${max} per 1d`);
    caps.push({ channel, max, per: parseDuration(ctx, [...path, 'per']) });
    ctx.spans.set(path, spanJoin(head.span, stream.previous().span));
  } else if (stream.acceptKeyword('quiet')) {
    once(draft, kind, 'policy quiet');
    const from = stream.peek();
    if (from.kind !== 'time') stream.fail('the start time like 21:00', 'write: policy quiet 21:00 to 08:00 defer');
    stream.next();
    stream.expectKeyword('to', 'write: policy quiet 21:00 to 08:00 defer');
    const to = stream.peek();
    if (to.kind !== 'time') stream.fail('the end time like 08:00');
    stream.next();
    const mode = stream.acceptKeyword('drop') ?? stream.acceptKeyword('defer') ?? stream.fail('`drop` or `defer`', 'what happens to a message due in quiet hours');
    ctx.spans.set(['policies', 'quietHours', 'from'], from.span);
    ctx.spans.set(['policies', 'quietHours', 'to'], to.span);
    ctx.spans.set(['policies', 'quietHours', 'mode'], mode.span);
    ctx.spans.set(['policies', 'quietHours'], spanJoin(head.span, mode.span));
    draft.policies.quietHours = { from: from.text, to: to.text, mode: mode.text };
  } else if (stream.acceptKeyword('goal')) {
    once(draft, kind, 'policy goal window');
    stream.expectKeyword('window', 'write: policy goal window 30d');
    draft.policies.goalWindow = parseDuration(ctx, ['policies', 'goalWindow']);
  } else if (stream.acceptKeyword('timezone')) {
    once(draft, kind, 'policy timezone');
    draft.policies.timezone = parseNameOrString(ctx, ['policies', 'timezone'], 'a time zone in quotes, like "Asia/Shanghai"');
  } else {
    stream.fail('`cap`, `quiet`, `goal window` or `timezone` after `policy`');
  }
}
