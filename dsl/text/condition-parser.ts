/** Recursive-descent reader for conditions: `purchaseCount >= 1 and "vip" in tags` → json-rules-engine JSON. */
import type { Condition, ConditionValue, FactCondition, Operator } from '../schema/condition.ts';
import { positionalParams } from './fact-arguments.ts';
import type { Token } from './lexer.ts';
import { parseNumber, setEntry, tryParseScalar } from './literal-parser.ts';
import type { ParseContext } from './literal-parser.ts';
import { CONDITION_KEYWORDS } from './literal-printer.ts';
import { SpanMap, spanJoin } from './span-map.ts';
import type { JsonPath } from './span-map.ts';
import { ParseFailure } from './token-stream.ts';

const COMPARISONS: Readonly<Record<string, Operator>> = {
  '==': 'equal',
  '!=': 'notEqual',
  '<': 'lessThan',
  '<=': 'lessThanInclusive',
  '>': 'greaterThan',
  '>=': 'greaterThanInclusive',
};

const OPERATOR_HINT = 'an operator: == != < <= > >= in, not in, contains, not contains';

/**
 * Reads one condition. `and` / `or` sequences become one `all` / `any` group; parentheses only group
 * (they add no node); `all(…)` / `any(…)` write groups of any size explicitly.
 *
 * @example
 * parseCondition(ctx, ['when']); // for `a > 1 and b == 2` → { all: [{ fact: 'a', … }, { fact: 'b', … }] }
 */
export function parseCondition(ctx: ParseContext, path: JsonPath): Condition {
  const { stream } = ctx;
  const start = stream.peek();
  // The first operand is read before we know whether it stands alone or opens a group, so its spans
  // go to a scratch map and are filed under the right path once the next token tells.
  const firstSpans = new SpanMap(ctx.spans.root);
  const first = parseUnary({ stream, spans: firstSpans }, []);
  const connective = stream.isKeyword('and') ? 'and' : stream.isKeyword('or') ? 'or' : undefined;
  if (connective === undefined) {
    ctx.spans.adopt(firstSpans, path);
    return first;
  }
  const key = connective === 'and' ? 'all' : 'any';
  ctx.spans.adopt(firstSpans, [...path, key, 0]);
  const items: Condition[] = [first];
  while (stream.isKeyword('and') || stream.isKeyword('or')) {
    const joiner = stream.next();
    if (joiner.text !== connective) {
      throw new ParseFailure(
        `\`and\` and \`or\` are mixed here: add parentheses to say which goes first, like (a ${connective} b) ${joiner.text} c`,
        joiner.span,
      );
    }
    items.push(parseUnary(ctx, [...path, key, items.length]));
  }
  ctx.spans.set(path, spanJoin(start.span, stream.previous().span));
  return key === 'all' ? { all: items } : { any: items };
}

function parseUnary(ctx: ParseContext, path: JsonPath): Condition {
  return ctx.stream.nested(() => parseUnaryHere(ctx, path));
}

function parseUnaryHere(ctx: ParseContext, path: JsonPath): Condition {
  const { stream } = ctx;
  const start = stream.peek();
  if (stream.acceptKeyword('not')) {
    const inner = parseUnary(ctx, [...path, 'not']);
    ctx.spans.set(path, spanJoin(start.span, stream.previous().span));
    return { not: inner };
  }
  if (stream.acceptPunct('(')) {
    const inner = parseCondition(ctx, path);
    stream.expectPunct(')', 'every ( needs its )');
    return inner;
  }
  if ((stream.isKeyword('all') || stream.isKeyword('any')) && stream.isPunct('(', 1)) {
    const key = stream.next().text as 'all' | 'any';
    stream.next();
    const items: Condition[] = [];
    while (!stream.isPunct(')')) {
      items.push(parseCondition(ctx, [...path, key, items.length]));
      if (!stream.acceptPunct(',')) break;
    }
    stream.expectPunct(')', `close the ${key}(…) group, separating conditions with commas`);
    ctx.spans.set(path, spanJoin(start.span, stream.previous().span));
    return key === 'all' ? { all: items } : { any: items };
  }
  return parseLeaf(ctx, path);
}

/** `fact op value`, or `"vip" in tags` / `"vip" not in tags` for contains / doesNotContain. */
function parseLeaf(ctx: ParseContext, path: JsonPath): FactCondition {
  const { stream } = ctx;
  const start = stream.peek();
  if (start.kind === 'string' || start.kind === 'number') {
    const value = tryParseScalar(ctx, [...path, 'value']) as { value: string | number };
    const negated = stream.acceptKeyword('not') !== undefined;
    const opToken = stream.peek();
    stream.expectKeyword('in', `a text or number on the left is looked for in a list fact: "vip" in tags`);
    ctx.spans.set([...path, 'operator'], spanJoin(negated ? stream.previous().span : opToken.span, opToken.span));
    const fact = parseFactRef(ctx, path);
    ctx.spans.set(path, spanJoin(start.span, stream.previous().span));
    return { ...fact, operator: negated ? 'doesNotContain' : 'contains', value: value.value };
  }
  const fact = parseFactRef(ctx, path);
  const operator = parseOperator(ctx, [...path, 'operator']);
  const value = parseValue(ctx, [...path, 'value']);
  ctx.spans.set(path, spanJoin(start.span, stream.previous().span));
  return { fact: fact.fact, operator, value, ...(fact.params !== undefined ? { params: fact.params } : {}), ...(fact.path !== undefined ? { path: fact.path } : {}) };
}

type FactRef = Pick<FactCondition, 'fact' | 'params' | 'path'>;

/** `name`, `name(args)`, each optionally followed by `.member.member`. */
function parseFactRef(ctx: ParseContext, path: JsonPath): FactRef {
  const { stream } = ctx;
  const token = stream.peek();
  if (token.kind !== 'word') stream.fail('a fact name', 'a condition reads like purchaseCount >= 1');
  if (token.quoted !== true && CONDITION_KEYWORDS.has(token.text)) {
    throw new ParseFailure(`expected a fact name, found the keyword \`${token.text}\` (write \`${token.text}\` in back-quotes for a fact with that name)`, token.span);
  }
  stream.next();
  ctx.spans.set([...path, 'fact'], token.span);
  const ref: FactRef = { fact: token.text };
  if (stream.isPunct('(')) ref.params = parseFactParams(ctx, token, [...path, 'params']);
  if (stream.isPunct('.')) {
    const first = stream.peek();
    let jsonPath = '$';
    while (stream.acceptPunct('.')) jsonPath += `.${stream.expectWord('a property name after `.`', 'like event.amount').text}`;
    ctx.spans.set([...path, 'path'], spanJoin(first.span, stream.previous().span));
    ref.path = jsonPath;
  }
  return ref;
}

/** `("purchase", days: 30)`: leading positional arguments fill the built-in fact's parameters in order. */
function parseFactParams(ctx: ParseContext, factToken: Token, path: JsonPath): Record<string, string | number> {
  const { stream } = ctx;
  const open = stream.next();
  const declared = positionalParams(factToken.text);
  const params: Record<string, string | number> = {};
  let position = 0;
  let named = false;
  while (!stream.isPunct(')')) {
    const argStart = stream.peek();
    let name: string;
    if (argStart.kind === 'word' && stream.isPunct(':', 1)) {
      name = stream.next().text;
      stream.next();
      named = true;
    } else {
      if (named) throw new ParseFailure('an argument without a name cannot follow a named one: name it too, like days: 30', argStart.span);
      const declaredName = declared[position];
      if (declaredName === undefined) {
        const hint = declared.length === 0 ? `\`${factToken.text}\` has no parameters given by position` : `\`${factToken.text}\` takes only ${declared.join(', ')} by position`;
        throw new ParseFailure(`name this argument, like event: "purchase" (${hint})`, argStart.span);
      }
      name = declaredName;
      position++;
    }
    if (Object.hasOwn(params, name)) throw new ParseFailure(`the argument \`${name}\` is given twice`, argStart.span);
    const valueToken = stream.peek();
    if (valueToken.kind === 'string') {
      stream.next();
      setEntry(params, name, valueToken.text);
      ctx.spans.set([...path, name], valueToken.span);
    } else {
      setEntry(params, name, parseNumber(ctx, [...path, name], 'text in double quotes or a number as the argument'));
    }
    if (!stream.acceptPunct(',')) break;
  }
  stream.expectPunct(')', 'separate arguments with commas and close with )');
  ctx.spans.set(path, spanJoin(open.span, stream.previous().span));
  return params;
}

function parseOperator(ctx: ParseContext, path: JsonPath): Operator {
  const { stream } = ctx;
  const token = stream.peek();
  let operator: Operator | undefined;
  if (token.kind === 'punct' && Object.hasOwn(COMPARISONS, token.text)) operator = COMPARISONS[token.text];
  else if (stream.isKeyword('in')) operator = 'in';
  else if (stream.isKeyword('contains')) operator = 'contains';
  else if (stream.isKeyword('not') && stream.isKeyword('in', 1)) operator = 'notIn';
  else if (stream.isKeyword('not') && stream.isKeyword('contains', 1)) operator = 'doesNotContain';
  else if (token.kind === 'punct' && token.text === '=') {
    throw new ParseFailure('expected an operator, found `=` (compare with ==)', token.span);
  }
  if (operator === undefined) return stream.fail(OPERATOR_HINT);
  stream.next();
  if (operator === 'notIn' || operator === 'doesNotContain') stream.next();
  ctx.spans.set(path, spanJoin(token.span, stream.previous().span));
  return operator;
}

/** A literal, a list `[…]` of texts and numbers, or a bare name (a param reference). */
function parseValue(ctx: ParseContext, path: JsonPath): ConditionValue {
  const { stream } = ctx;
  const scalar = tryParseScalar(ctx, path);
  if (scalar !== undefined) return scalar.value;
  const token = stream.peek();
  if (stream.acceptPunct('[')) {
    const items: (string | number)[] = [];
    while (!stream.isPunct(']')) {
      const item = stream.peek();
      if (item.kind === 'string') {
        stream.next();
        ctx.spans.set([...path, items.length], item.span);
        items.push(item.text);
      } else {
        items.push(parseNumber(ctx, [...path, items.length], 'text in double quotes or a number in the list'));
      }
      if (!stream.acceptPunct(',')) break;
    }
    stream.expectPunct(']', 'separate list items with commas and close with ]');
    ctx.spans.set(path, spanJoin(token.span, stream.previous().span));
    return items;
  }
  if (token.kind === 'word') {
    if (token.quoted !== true && CONDITION_KEYWORDS.has(token.text)) {
      throw new ParseFailure(`expected a value, found the keyword \`${token.text}\` (write \`${token.text}\` in back-quotes for a param with that name)`, token.span);
    }
    stream.next();
    ctx.spans.set(path, token.span);
    ctx.spans.set([...path, 'param'], token.span);
    return { param: token.text };
  }
  return stream.fail('a value', 'text in double quotes, a number, true, false, null, a list [1, 2], or a param name');
}
