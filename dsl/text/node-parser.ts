/** Reads one `node id: …` statement's body: stage, if/else, wait, split, the actions, goal and exit. */
import { parseCondition } from './condition-parser.ts';
import {
  parseDuration,
  parseName,
  parseNameOrString,
  parseNumber,
  parseScalarOrParam,
  parseTextOrParam,
  setEntry,
  tryParseScalar,
} from './literal-parser.ts';
import type { ParseContext, Scalar } from './literal-parser.ts';
import { spanJoin } from './span-map.ts';
import type { JsonPath } from './span-map.ts';
import { ParseFailure } from './token-stream.ts';

type Json = Record<string, unknown>;

const NODE_BODY_HINT = 'a node is one of: stage, if, wait, split, send, set, add tag, remove tag, task, webhook, goal, exit';

/** Reads what follows `node id:` into the node's JSON (without `id`). */
export function parseNodeBody(ctx: ParseContext, path: JsonPath): Json {
  const { stream } = ctx;
  const head = stream.peek();
  const word = head.kind === 'word' && head.quoted !== true ? head.text : '';
  switch (word) {
    case 'stage': {
      stream.next();
      const stage = parseName(ctx, [...path, 'stage'], 'a stage id', 'like: stage active -> next_node');
      return { kind: 'stage', stage, next: parseArrow(ctx, [...path, 'next']) };
    }
    case 'if':
      return parseConditionNode(ctx, path);
    case 'wait':
      return parseWaitNode(ctx, path);
    case 'split':
      return parseSplitNode(ctx, path);
    case 'goal': {
      stream.next();
      const goal = parseName(ctx, [...path, 'goal'], 'a goal name', 'like: goal purchased -> next_node');
      return stream.isPunct('->') ? { kind: 'goal', goal, next: parseArrow(ctx, [...path, 'next']) } : { kind: 'goal', goal };
    }
    case 'exit': {
      stream.next();
      const reason = stream.peek();
      if (reason.kind !== 'string') return { kind: 'exit' };
      stream.next();
      ctx.spans.set([...path, 'reason'], reason.span);
      return { kind: 'exit', reason: reason.text };
    }
    case 'send':
    case 'set':
    case 'add':
    case 'remove':
    case 'task':
    case 'webhook': {
      const action = parseAction(ctx, [...path, 'action']);
      return { kind: 'action', action, next: parseArrow(ctx, [...path, 'next']) };
    }
    default:
      return stream.fail('what the node does', NODE_BODY_HINT);
  }
}

/** `-> target`. */
function parseArrow(ctx: ParseContext, path: JsonPath): string {
  ctx.stream.expectPunct('->', 'then `-> next_node_id` says where the customer goes next');
  return parseName(ctx, path, 'the id of the next node after `->`');
}

/** An optional `"label"` after a branch's target. */
function parseLabel(ctx: ParseContext, path: JsonPath): { label?: string } {
  const token = ctx.stream.peek();
  if (token.kind !== 'string') return {};
  ctx.stream.next();
  ctx.spans.set([...path, 'label'], token.span);
  return { label: token.text };
}

function parseConditionNode(ctx: ParseContext, path: JsonPath): Json {
  const { stream } = ctx;
  const branches: Json[] = [];
  while (stream.isKeyword('if')) {
    const start = stream.next();
    const branchPath = [...path, 'branches', branches.length];
    const when = parseCondition(ctx, [...branchPath, 'when']);
    stream.expectPunct('->', 'after the branch condition comes -> and the node to go to');
    const next = parseName(ctx, [...branchPath, 'next'], 'the id of the node this branch goes to');
    const label = parseLabel(ctx, branchPath);
    ctx.spans.set(branchPath, spanJoin(start.span, stream.previous().span));
    branches.push({ ...label, when, next });
  }
  stream.expectKeyword('else', 'a condition node ends with `else -> node_id` for customers no branch matched');
  return { kind: 'condition', branches, else: parseArrow(ctx, [...path, 'else']) };
}

function parseWaitNode(ctx: ParseContext, path: JsonPath): Json {
  const { stream } = ctx;
  stream.next();
  if (stream.acceptKeyword('until')) {
    const out: Json = { kind: 'wait', mode: 'until' };
    const date = stream.peek();
    if (date.kind === 'date') {
      stream.next();
      ctx.spans.set([...path, 'date'], date.span);
      out.date = date.text;
    }
    const time = stream.peek();
    if (time.kind === 'time') {
      stream.next();
      ctx.spans.set([...path, 'time'], time.span);
      out.time = time.text;
    }
    if (out.date === undefined && out.time === undefined) stream.fail('a date, a time of day, or both', 'like: wait until 2025-06-01 09:00 -> next');
    return { ...out, next: parseArrow(ctx, [...path, 'next']) };
  }
  if (stream.acceptKeyword('for')) {
    const events: Json[] = [];
    do {
      const eventPath = [...path, 'events', events.length];
      const start = stream.peek();
      const event = parseEventName(ctx, [...eventPath, 'event']);
      const when = stream.acceptKeyword('when') ? { when: parseCondition(ctx, [...eventPath, 'when']) } : {};
      stream.expectPunct('->', 'each awaited event says where it leads: purchase -> node_id');
      const next = parseName(ctx, [...eventPath, 'next'], 'the id of the node this event leads to');
      ctx.spans.set(eventPath, spanJoin(start.span, stream.previous().span));
      events.push({ event, ...when, next });
    } while (stream.acceptPunct(','));
    stream.expectKeyword('timeout', 'waiting for events ends with `timeout 7d -> node_id`; separate events with commas');
    const timeout = parseDuration(ctx, [...path, 'timeout']);
    let timeoutFrom: string | undefined;
    const afterToken = stream.peek();
    if (stream.acceptKeyword('after')) {
      if (stream.acceptKeyword('entering')) timeoutFrom = 'entered';
      else if (stream.acceptKeyword('last')) {
        stream.expectKeyword('activity', 'write: after last activity');
        timeoutFrom = 'lastActivity';
      } else stream.fail('`last activity` or `entering` after `after`');
      ctx.spans.set([...path, 'timeoutFrom'], spanJoin(afterToken.span, stream.previous().span));
    }
    const timeoutNext = parseArrow(ctx, [...path, 'timeoutNext']);
    return { kind: 'wait', mode: 'events', events, timeout, ...(timeoutFrom !== undefined ? { timeoutFrom } : {}), timeoutNext };
  }
  const duration = parseDuration(ctx, [...path, 'duration']);
  return { kind: 'wait', mode: 'delay', duration, next: parseArrow(ctx, [...path, 'next']) };
}

/** `any event` (any activity, `*`), a bare event name, or a quoted one. */
export function parseEventName(ctx: ParseContext, path: JsonPath): string {
  const { stream } = ctx;
  if (stream.isKeyword('any') && stream.isKeyword('event', 1)) {
    const start = stream.next();
    const end = stream.next();
    ctx.spans.set(path, spanJoin(start.span, end.span));
    return '*';
  }
  return parseNameOrString(ctx, path, 'an event name, or `any event`');
}

function parseSplitNode(ctx: ParseContext, path: JsonPath): Json {
  const { stream } = ctx;
  stream.next();
  const branches: Json[] = [];
  do {
    const branchPath = [...path, 'branches', branches.length];
    const start = stream.peek();
    const percent = parseNumber(ctx, [...branchPath, 'percent'], 'a percentage like 50%');
    stream.expectPunct('%', 'write the share as a percentage: 50%');
    stream.expectPunct('->', 'each share says where it leads: 50% -> node_id');
    const next = parseName(ctx, [...branchPath, 'next'], 'the id of the node this share goes to');
    const label = parseLabel(ctx, branchPath);
    ctx.spans.set(branchPath, spanJoin(start.span, stream.previous().span));
    branches.push({ ...label, percent, next });
  } while (stream.acceptPunct(','));
  return { kind: 'split', branches };
}

function parseAction(ctx: ParseContext, path: JsonPath): Json {
  const { stream } = ctx;
  const head = stream.next();
  let action: Json;
  switch (head.text) {
    case 'send': {
      const channel = parseTextOrParam(ctx, [...path, 'channel'], 'the channel in quotes, like "wechat"');
      stream.expectKeyword('template', 'write: send "wechat" template "template_id"');
      const template = parseTextOrParam(ctx, [...path, 'template'], 'the template id in quotes');
      action = { type: 'message', channel, template };
      if (stream.acceptKeyword('vars')) action.vars = parseRecord(ctx, [...path, 'vars'], (p) => stringValue(ctx, p));
      break;
    }
    case 'set': {
      const field = parseName(ctx, [...path, 'field'], 'the profile field to set', 'like: set level = "gold" -> next');
      stream.expectPunct('=', 'write: set field = value');
      action = { type: 'setField', field, value: parseScalarOrParam(ctx, [...path, 'value'], 'the new value') };
      break;
    }
    case 'add':
    case 'remove': {
      stream.expectKeyword('tag', `write: ${head.text} tag "tag name"`);
      action = { type: head.text === 'add' ? 'addTag' : 'removeTag', tag: parseTextOrParam(ctx, [...path, 'tag'], 'the tag in quotes') };
      break;
    }
    case 'task':
      action = parseTask(ctx, path);
      break;
    default: {
      const url = stream.expectString('the webhook URL in quotes', 'like: webhook "https://example.com/hook"');
      ctx.spans.set([...path, 'url'], url.span);
      action = { type: 'webhook', url: url.text };
      if (stream.acceptKeyword('payload')) action.payload = parseRecord(ctx, [...path, 'payload'], (p) => scalarValue(ctx, p));
    }
  }
  ctx.spans.set(path, spanJoin(head.span, stream.previous().span));
  return action;
}

/** `task TITLE` then, in any order, `assignee X`, `due D`, `note "…"`. */
function parseTask(ctx: ParseContext, path: JsonPath): Json {
  const { stream } = ctx;
  const action: Json = { type: 'task', title: parseTextOrParam(ctx, [...path, 'title'], 'the task title in quotes') };
  const clauses: Record<string, () => void> = {
    assignee: () => {
      action.assignee = parseTextOrParam(ctx, [...path, 'assignee'], 'who does the task, in quotes');
    },
    due: () => {
      action.dueIn = parseDuration(ctx, [...path, 'dueIn']);
    },
    note: () => {
      const note = stream.expectString('the note in quotes');
      ctx.spans.set([...path, 'note'], note.span);
      action.note = note.text;
    },
  };
  const seen = new Set<string>();
  for (;;) {
    const clause = stream.peek();
    if (clause.kind !== 'word' || clause.quoted === true || !Object.hasOwn(clauses, clause.text)) break;
    if (seen.has(clause.text)) throw new ParseFailure(`\`${clause.text}\` is given twice for this task`, clause.span);
    seen.add(clause.text);
    stream.next();
    (clauses[clause.text] as () => void)();
  }
  return action;
}

function stringValue(ctx: ParseContext, path: JsonPath): string {
  const token = ctx.stream.expectString('text in double quotes');
  ctx.spans.set(path, token.span);
  return token.text;
}

function scalarValue(ctx: ParseContext, path: JsonPath): Scalar {
  const scalar = tryParseScalar(ctx, path);
  return scalar === undefined ? ctx.stream.fail('a value', 'text in double quotes, a number, true, false or null') : scalar.value;
}

/** `{ name: value, … }` with unique names; a trailing comma is allowed. */
export function parseRecord<T>(ctx: ParseContext, path: JsonPath, readValue: (path: JsonPath) => T, hint = 'separate entries with commas and close with }'): Record<string, T> {
  const { stream } = ctx;
  const open = stream.expectPunct('{');
  const record: Record<string, T> = {};
  while (!stream.isPunct('}')) {
    const key = stream.expectWord('a name, or } to close');
    if (Object.hasOwn(record, key.text)) throw new ParseFailure(`\`${key.text}\` is given twice`, key.span);
    stream.expectPunct(':', `write ${key.text}: value`);
    setEntry(record, key.text, readValue([...path, key.text]));
    ctx.spans.set([...path, key.text], spanJoin(key.span, stream.previous().span));
    if (!stream.acceptPunct(',')) break;
  }
  stream.expectPunct('}', hint);
  ctx.spans.set(path, spanJoin(open.span, stream.previous().span));
  return record;
}
