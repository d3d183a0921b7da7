/** Turns zod's issues into diagnostics an operator can act on, choosing the intended branch of every union. */
import type { ZodError } from 'zod';
import { formatPath, type Diagnostic } from '../diagnostics.ts';
import { NODE_KINDS } from '../nodes/index.ts';
import type { JsonPath } from './context.ts';
import { closestName, didYouMean } from './did-you-mean.ts';
import { describeValue, listNames } from './wording.ts';

type Issue = ZodError['issues'][number];
type Path = (string | number)[];

/** Keys whose literal value says which branch of a union an object means. */
const DISCRIMINATOR_KEYS: ReadonlySet<string> = new Set(['kind', 'type', 'mode']);

/** A branch that does not even match the input's discriminator or basic shape. */
const WRONG_BRANCH = 10_000;

const DURATION_KEYS: ReadonlySet<string> = new Set(['duration', 'timeout', 'cooldown', 'per', 'goalWindow', 'dueIn']);
const TEXT_KEYS: ReadonlySet<string> = new Set(['channel', 'template', 'tag', 'title', 'assignee']);

const EXPECTED_NAMES: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  record: 'an object',
  null: 'null',
};

const toPath = (path: readonly PropertyKey[]): Path => path.map((p) => (typeof p === 'number' ? p : String(p)));

function valueAt(input: unknown, path: JsonPath): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

const where = (path: JsonPath): string => (path.length === 0 ? 'the document' : `\`${formatPath(path)}\``);

/** What a union site expects, in words, when no branch fits at all. */
function unionExpectation(path: JsonPath, branches: readonly Issue[][]): string {
  const last = [...path].reverse().find((p) => typeof p === 'string');
  if (last !== undefined && DURATION_KEYS.has(last)) return 'a duration such as "45d" or "12h", or { "param": …, "unit": "d" }';
  if (last !== undefined && TEXT_KEYS.has(last)) return 'a non-empty string, or { "param": … }';
  if (last === 'value') return 'a string, number, boolean, null, a list, or { "param": … }';
  if (last === 'when' || last === 'not' || last === 'all' || last === 'any') {
    return 'a condition: { "fact", "operator", "value" }, { "all": […] }, { "any": […] } or { "not": … }';
  }
  if (last === 'nodes') return `a node: an object with a \`kind\` (${listNames(NODE_KINDS)})`;
  const expected = new Set<string>();
  for (const issues of branches) {
    for (const issue of issues) {
      if (issue.code === 'invalid_type' && issue.path.length === 0) expected.add(EXPECTED_NAMES[issue.expected] ?? issue.expected);
    }
  }
  return [...expected].join(' or ') || 'a different value';
}

interface Scored {
  score: number;
  /** Discriminator key this branch rejected, with the values it wanted. */
  wanted?: { key: string; values: string[] };
}

function scoreBranch(issues: readonly Issue[], value: unknown): Scored {
  let score = 0;
  let wanted: Scored['wanted'];
  for (const issue of issues) {
    const [key, ...rest] = toPath(issue.path);
    if (key === undefined) {
      score += issue.code === 'invalid_type' ? WRONG_BRANCH : issue.code === 'unrecognized_keys' ? 100 * issue.keys.length : 1;
      continue;
    }
    const child = valueAt(value, [key]);
    const discriminates = rest.length === 0 && typeof key === 'string' && DISCRIMINATOR_KEYS.has(key);
    if (discriminates && issue.code === 'invalid_value' && issue.values.every((v) => typeof v === 'string')) {
      score += WRONG_BRANCH;
      wanted = { key, values: issue.values as string[] };
    } else if (discriminates && issue.code === 'invalid_union' && issue.errors.length === 0) {
      score += child === undefined ? WRONG_BRANCH : 50;
    } else if (rest.length === 0 && issue.code === 'invalid_type' && child === undefined) {
      score += 100;
    } else {
      score += 1;
    }
  }
  return wanted === undefined ? { score } : { score, wanted };
}

class IssueTranslator {
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly input: unknown) {}

  translate(issues: readonly Issue[], base: Path): void {
    for (const issue of issues) {
      const path = [...base, ...toPath(issue.path)];
      if (this.isMissing(issue, base)) this.missing(issue, path, issues);
      else if (issue.code === 'invalid_union') this.union(issue, path);
      else this.simple(issue, path, issues, base);
    }
  }

  /** A required key that is absent (zod reports it as a type or union mismatch on `undefined`). */
  private isMissing(issue: Issue, base: Path): boolean {
    return (issue.code === 'invalid_type' || issue.code === 'invalid_union') && issue.path.length > 0 && valueAt(this.input, [...base, ...toPath(issue.path)]) === undefined;
  }

  private missing(issue: Issue, path: Path, siblings: readonly Issue[]): void {
    const key = String(path.at(-1));
    const misspelt = siblings.some(
      (s) => s.code === 'unrecognized_keys' && s.path.length === issue.path.length - 1 && s.path.every((p, i) => p === issue.path[i]) && s.keys.some((k) => closestName(k, [key]) === key),
    );
    if (misspelt) return;
    const expected = issue.code === 'invalid_type' ? (EXPECTED_NAMES[issue.expected] ?? issue.expected) : unionExpectation(path, issue.code === 'invalid_union' ? issue.errors : []);
    this.push(`${where(path.slice(0, -1))} needs \`${key}\` (${expected})`, path);
  }

  private push(message: string, path: Path): void {
    const nodeIndex = path[0] === 'nodes' && typeof path[1] === 'number' ? path[1] : undefined;
    const nodeId = nodeIndex === undefined ? undefined : valueAt(this.input, ['nodes', nodeIndex, 'id']);
    this.diagnostics.push({ severity: 'error', code: 'schema', message, path, ...(typeof nodeId === 'string' ? { nodeId } : {}) });
  }

  private union(issue: Extract<Issue, { code: 'invalid_union' }>, path: Path): void {
    const value = valueAt(this.input, path);
    if (issue.errors.length === 0) {
      const options = ('options' in issue ? (issue.options ?? []) : []).map(String);
      this.oneOf(path, options, value);
      return;
    }
    const scored = issue.errors.map((issues) => ({ issues, ...scoreBranch(issues, value) }));
    const best = scored.reduce((a, b) => (b.score < a.score ? b : a));
    if (best.score < WRONG_BRANCH) {
      this.translate(best.issues, path);
      return;
    }
    const wanted = scored.flatMap((s) => (s.wanted === undefined ? [] : [s.wanted]));
    const key = wanted[0]?.key;
    if (key !== undefined && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const values = key === 'kind' ? [...NODE_KINDS] : [...new Set(wanted.filter((w) => w.key === key).flatMap((w) => w.values))];
      this.oneOf([...path, key], values, valueAt(value, [key]));
      return;
    }
    this.push(`${where(path)} must be ${unionExpectation(path, issue.errors)}, not ${describeValue(value)}`, path);
  }

  private oneOf(path: Path, options: readonly string[], value: unknown): void {
    const key = path.at(-1);
    if (value === undefined) {
      this.push(`${where(path.slice(0, -1))} needs \`${String(key)}\`: one of ${listNames(options)}`, path);
      return;
    }
    const hint = typeof value === 'string' ? didYouMean(value, options) : '';
    this.push(`${where(path)} must be one of ${listNames(options)}, not ${describeValue(value)}${hint}`, path);
  }

  private simple(issue: Issue, path: Path, siblings: readonly Issue[], base: Path): void {
    const value = valueAt(this.input, path);
    switch (issue.code) {
      case 'invalid_type': {
        const expected = EXPECTED_NAMES[issue.expected] ?? issue.expected;
        this.push(`${where(path)} must be ${expected}, not ${describeValue(value)}`, path);
        return;
      }
      case 'too_small':
      case 'too_big': {
        const small = issue.code === 'too_small';
        const limit = Number(small ? issue.minimum : issue.maximum);
        const bound = small ? (issue.inclusive === false ? 'more than' : 'at least') : issue.inclusive === false ? 'less than' : 'at most';
        if (issue.origin === 'array') this.push(`${where(path)} needs ${bound} ${limit} item${limit === 1 ? '' : 's'}`, path);
        else if (issue.origin === 'string') this.push(small && limit === 1 ? `${where(path)} must not be empty` : `${where(path)} must be ${bound} ${limit} characters long`, path);
        else this.push(`${where(path)} must be ${bound} ${limit}, not ${describeValue(value)}`, path);
        return;
      }
      case 'invalid_value': {
        const options = issue.values.map(String);
        if (options.length === 1) this.push(`${where(path)} must be ${JSON.stringify(issue.values[0])}, not ${describeValue(value)}`, path);
        else this.oneOf(path, options, value);
        return;
      }
      case 'unrecognized_keys': {
        const missing = siblings.filter((s) => s.path.length === issue.path.length + 1 && this.isMissing(s, base)).map((s) => String(s.path.at(-1)));
        for (const key of issue.keys) this.push(`${where(path)} has an unknown key \`${key}\`${didYouMean(key, missing)}`, [...path, key]);
        return;
      }
      case 'invalid_key': {
        const reasons = issue.issues.map((i) => i.message).join('; ');
        this.push(`${where(path.slice(0, -1))}: \`${String(path.at(-1))}\` is not an allowed name: ${reasons}`, path);
        return;
      }
      default: {
        const custom = !issue.message.startsWith('Invalid');
        this.push(custom ? `${where(path)} ${issue.message}` : `${where(path)} is not valid: ${issue.message}`, path);
      }
    }
  }
}

/**
 * Diagnostics (code `schema`) for the issues of a failed `JourneyDocument.safeParse(input)`.
 *
 * @example
 * const result = JourneyDocument.safeParse(input);
 * if (!result.success) schemaDiagnostics(result.error.issues, input);
 */
export function schemaDiagnostics(issues: readonly Issue[], input: unknown): Diagnostic[] {
  const translator = new IssueTranslator(input);
  translator.translate(issues, []);
  return translator.diagnostics;
}
