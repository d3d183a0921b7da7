/** `lifecycle-studio simulate`: runs a journey over NDJSON events on a virtual clock and prints every effect as a JSON line. */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { compileJourney, paramValueFromText } from '../../dsl/compiler/index.ts';
import { hasErrors } from '../../dsl/diagnostics.ts';
import { decodeJourneyBytes, loadJourneySource } from '../../dsl/load.ts';
import type { JourneyDocument } from '../../dsl/schema/document.ts';
import type { ParamValue } from '../../dsl/schema/params.ts';
import { findTemplateJourney } from '../../templates/index.ts';
import { Simulation } from '../clock/simulation.ts';
import { effectId } from '../engine/effect-id.ts';
import type { Effect, Input } from '../engine/types.ts';
import { PlanRegistry } from '../plan-registry.ts';
import { formatDiagnostic } from './check.ts';
import type { CliIo } from './io.ts';
import { forEachSegmentInput } from './ndjson.ts';

const USAGE = `usage: lifecycle-studio simulate --journey FILE|TEMPLATE_ID --events FILE.ndjson [--until ISO_TIME] [--param name=value]… [--all]

  --journey   a journey file (JSON or text form) or a template id (e.g. dormancy-ladder)
  --events    Segment-style calls, one JSON object per line, in time order:
              {"type":"track","event":"purchase","userId":"u1","timestamp":"2025-01-01T09:00:00+08:00","properties":{…},"messageId":"…"}
              {"type":"identify","userId":"u1","timestamp":"…","traits":{…}}
              (a call without userId belongs to its anonymousId)
  --until     simulate up to this time: timers due at or before it fire, later events are left out
              (default: the last event's time)
  --param     override a journey param, repeatable
  --all       also print timer bookkeeping (timerSet, timerCleared)

Prints one JSON line per effect: at, customerId, journey, version, node, kind, then the effect's fields
(stage and from for stage changes; the action's fields for actions; the task's fields for tasks), and id.`;

interface SimulateArgs {
  journey: string;
  events: string;
  until?: string;
  params: [string, string][];
  all: boolean;
}

function parseArgs(args: string[]): SimulateArgs | string {
  const parsed: Partial<SimulateArgs> & { params: [string, string][]; all: boolean } = { params: [], all: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? args[++i];
    switch (flag) {
      case '--journey':
      case '--events':
      case '--until': {
        const v = value();
        if (v === undefined || v === '') return `${flag} needs a value`;
        parsed[flag.slice(2) as 'journey' | 'events' | 'until'] = v;
        break;
      }
      case '--param': {
        const v = value();
        const eq = v?.indexOf('=') ?? -1;
        if (v === undefined || eq <= 0) return `--param needs name=value, got ${JSON.stringify(v ?? '')}`;
        parsed.params.push([v.slice(0, eq), v.slice(eq + 1)]);
        break;
      }
      case '--all':
        parsed.all = true;
        break;
      default:
        return `unknown argument ${JSON.stringify(arg)}`;
    }
  }
  if (parsed.journey === undefined) return '--journey is required';
  if (parsed.events === undefined) return '--events is required';
  return parsed as SimulateArgs;
}

/** Reads the journey from a file (either form) or a template id; diagnostics are printed as `file:line:col: error: …`. */
async function loadJourney(spec: string, cwd: string, io: CliIo): Promise<JourneyDocument | undefined> {
  const path = resolve(cwd, spec);
  if (existsSync(path)) {
    let source: string | { error: string };
    try {
      source = decodeJourneyBytes(await readFile(path));
    } catch (error) {
      source = { error: (error as NodeJS.ErrnoException).code === 'EISDIR' ? 'is a directory, not a journey file' : (error as Error).message };
    }
    if (typeof source !== 'string') {
      io.stderr(`${spec}: error: ${source.error}`);
      return undefined;
    }
    const loaded = loadJourneySource(source, { fileName: spec });
    for (const d of loaded.diagnostics) if (d.severity === 'error') io.stderr(formatDiagnostic(spec, d));
    return loaded.doc !== undefined && !hasErrors(loaded.diagnostics) ? loaded.doc : undefined;
  }
  const template = findTemplateJourney(spec);
  if (template === undefined) io.stderr(`${spec}: error: no such journey file, and no template with this id`);
  return template;
}

/** The ISO text of the time formatted last: a step's effects share their time, and formatting was half of a line's cost. */
let lastAt = Number.NaN;
let lastIso = '';
const isoTime = (at: number): string => (at === lastAt ? lastIso : ((lastAt = at), (lastIso = new Date(at).toISOString())));

/** One effect as the line `simulate` prints. Times are ISO strings. */
export function effectLine(effect: Effect): Record<string, unknown> {
  const line: Record<string, unknown> = {
    at: isoTime(effect.at),
    customerId: effect.customerId,
    journey: effect.journeyId,
    version: effect.version,
    node: effect.node,
    kind: effect.kind,
  };
  switch (effect.kind) {
    case 'entered':
      break;
    case 'branch':
      // Most lines are branches: named here rather than copied by the generic rest below.
      line.branch = effect.branch;
      line.next = effect.next;
      break;
    case 'stage':
      line.stage = effect.stage;
      if (effect.from !== undefined) line.from = effect.from;
      break;
    case 'action':
      Object.assign(line, effect.action);
      break;
    case 'task':
      Object.assign(line, effect.task);
      if (effect.task.dueAt !== undefined) line.dueAt = new Date(effect.task.dueAt).toISOString();
      break;
    case 'deferred':
      line.until = new Date(effect.until).toISOString();
      line.action = effect.action;
      break;
    case 'timerSet':
      line.timer = { ...effect.timer, fireAt: new Date(effect.timer.fireAt).toISOString() };
      break;
    default: {
      const { at: _at, customerId: _c, journeyId: _j, version: _v, node: _n, inputId: _i, ordinal: _o, kind: _k, ...rest } = effect;
      Object.assign(line, rest);
    }
  }
  line.id = effectId(effect);
  return line;
}

const quoted = JSON.stringify;

/**
 * The JSON text of a name from the plan (journey, node, edge and stage ids: a few hundred at most),
 * quoted once per run rather than once per line.
 */
const quotedNames = new Map<string, string>();
function quotedName(name: string): string {
  let text = quotedNames.get(name);
  if (text === undefined) quotedNames.set(name, (text = quoted(name)));
  return text;
}

/** The customer quoted last: a step's effects are one customer's, a run of lines. */
let lastCustomer = '';
let lastCustomerText = '""';
const quotedCustomer = (id: string): string => (id === lastCustomer ? lastCustomerText : ((lastCustomer = id), (lastCustomerText = quoted(id))));

/**
 * The text of a line between the customer and the id, `,"journey":…,"version":…,"node":…,"kind":…` and the
 * kind's own fields, for one (journey, version, node, kind, fields) as the plan names them: a few hundred
 * per run at most, each made once. A line is then eight pieces instead of about twenty, and a line is a
 * string of pieces until its chunk is joined, which then walks them all: the year's output (2.35M lines,
 * made, joined and encoded) went from 3.7-4.1 s to 3.3-3.4 s (3 alternating runs).
 */
interface LineMiddle {
  journeyId: string;
  version: number;
  kind: Effect['kind'];
  first: string | undefined;
  second: string | undefined;
  text: string;
}

/** The middles made so far, by node: a node's few (kind, fields) pairs are told apart by comparing. */
const middles = new Map<string, LineMiddle[]>();

function lineMiddle(effect: Effect, first?: string, second?: string, fields?: (first: string, second: string | undefined) => string): string {
  let known = middles.get(effect.node);
  if (known === undefined) middles.set(effect.node, (known = []));
  for (let i = 0; i < known.length; i++) {
    const m = known[i]!;
    if (m.kind === effect.kind && m.first === first && m.second === second && m.journeyId === effect.journeyId && m.version === effect.version) return m.text;
  }
  const text = `,"journey":${quotedName(effect.journeyId)},"version":${effect.version},"node":${quotedName(effect.node)},"kind":"${effect.kind}"${first === undefined || fields === undefined ? '' : fields(first, second)}`;
  known.push({ journeyId: effect.journeyId, version: effect.version, kind: effect.kind, first, second, text });
  return text;
}

const branchFields = (branch: string, next: string | undefined): string => `,"branch":${quotedName(branch)},"next":${quotedName(next!)}`;
const goalFields = (goal: string, converted: string | undefined): string => `,"goal":${quotedName(goal)},"converted":${converted!}`;
const stageFields = (stage: string, from: string | undefined): string => (from === undefined ? `,"stage":${quotedName(stage)}` : `,"stage":${quotedName(stage)},"from":${quotedName(from)}`);

/** The fields of each kind of action, and of a task. */
type ActionField = Extract<Effect, { kind: 'action' }>['action'] extends infer A ? (A extends object ? keyof A : never) : never;
type TaskField = keyof Extract<Effect, { kind: 'task' }>['task'];
/** Fails to compile when an action or task field is named like one of the line's own (ownFields relies on it). */
type NoneOf<Clash extends never> = Clash;
type LineFieldsStayApart = NoneOf<Extract<ActionField | TaskField, 'at' | 'customerId' | 'journey' | 'version' | 'node' | 'kind' | 'id'>>;

/**
 * An action's or a task's fields as they follow the kind in a line: its JSON without the braces. The same
 * text as assigning them onto the line, since none of their keys is one of the line's own (checked above).
 */
function ownFields(fields: object): string {
  const text = JSON.stringify(fields);
  return text.length > 2 ? `,${text.slice(1, -1)}` : '';
}

/**
 * `JSON.stringify(effectLine(effect))`, written straight out for the kinds nearly every line is (entered,
 * branch, stage, goal, action, task) — the same text, without the object in between.
 *
 * @example
 * effectText(effect); // '{"at":"2025-01-01T00:00:00.000Z","customerId":"u1",…,"kind":"stage","stage":"active","id":"ef_…"}'
 */
export function effectText(effect: Effect): string {
  let middle: string;
  switch (effect.kind) {
    case 'entered':
      middle = lineMiddle(effect);
      break;
    case 'branch':
      middle = lineMiddle(effect, effect.branch, effect.next, branchFields);
      break;
    case 'stage':
      middle = lineMiddle(effect, effect.stage, effect.from, stageFields);
      break;
    case 'goal':
      middle = lineMiddle(effect, effect.goal, effect.converted ? 'true' : 'false', goalFields);
      break;
    case 'action':
      middle = lineMiddle(effect) + ownFields(effect.action);
      break;
    case 'task': {
      const task = effect.task;
      middle = lineMiddle(effect) + ownFields(task.dueAt === undefined ? task : { ...task, dueAt: new Date(task.dueAt).toISOString() });
      break;
    }
    default:
      return JSON.stringify(effectLine(effect));
  }
  return `{"at":"${isoTime(effect.at)}","customerId":${quotedCustomer(effect.customerId)}${middle},"id":"${effectId(effect)}"}`;
}

/** Lines written together (and then, when stdout is full, waited for). */
const CHUNK_LINES = 2000;
const DAY_MS = 86_400_000;

const BOOKKEEPING = new Set<Effect['kind']>(['timerSet', 'timerCleared']);

/**
 * Events files up to this size are parsed once: the first pass keeps their inputs (~1.5 times the
 * file's size in memory) rather than parsing every line again, a sixth of a long run.
 */
const KEEP_INPUTS_BYTES = 256 * 1024 * 1024;

/** The second pass over inputs the first pass kept, in order, waiting when `onInput` asks to. */
async function forEachKeptInput(inputs: (Input | undefined)[], onInput: (input: Input) => void | Promise<void>): Promise<void> {
  for (let i = 0; i < inputs.length; i++) {
    const waited = onInput(inputs[i]!);
    // Each input is let go once simulated: what the run holds should be the customers' states.
    inputs[i] = undefined;
    if (waited !== undefined) await waited;
  }
}

/**
 * Runs `simulate`; resolves to the exit code (0 ok, 1 bad journey or events, 2 bad usage). An events
 * file larger than `keepInputsBytes` is read twice rather than held.
 *
 * @example
 * await simulateCommand(['--journey', 'dormancy-ladder', '--events', 'cohort.ndjson', '--until', '2026-01-01T00:00:00Z'], io);
 */
export async function simulateCommand(args: string[], io: CliIo, keepInputsBytes = KEEP_INPUTS_BYTES): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(USAGE);
    return 0;
  }
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    io.stderr(`lifecycle-studio simulate: ${parsed}\n\n${USAGE}`);
    return 2;
  }
  let until: number | undefined;
  if (parsed.until !== undefined) {
    until = Date.parse(parsed.until);
    if (!Number.isFinite(until)) {
      io.stderr(`lifecycle-studio simulate: --until ${JSON.stringify(parsed.until)} is not a time (use ISO 8601, e.g. 2025-06-30T00:00:00Z)`);
      return 2;
    }
  }

  const doc = await loadJourney(parsed.journey, io.cwd, io);
  if (doc === undefined) return 1;
  const params: Record<string, ParamValue> = {};
  for (const [name, text] of parsed.params) {
    const def = Object.hasOwn(doc.params, name) ? doc.params[name] : undefined;
    params[name] = def === undefined ? text : paramValueFromText(def, text);
  }
  const compiled = compileJourney(doc, params);
  if (compiled.plan === undefined) {
    for (const d of compiled.diagnostics) if (d.severity === 'error') io.stderr(formatDiagnostic(parsed.journey, d));
    return 1;
  }

  // Two passes over the events, line by line: the first checks every line (a bad file prints its errors and
  // nothing else), the second simulates. The first keeps the inputs of a file up to KEEP_INPUTS_BYTES for the
  // second; a longer file is read again instead, so memory stays that of the customers, however long the file.
  const eventsPath = resolve(io.cwd, parsed.events);
  let lastAt: number | undefined;
  let errors: string[];
  let kept: (Input | undefined)[] | undefined;
  try {
    kept = (await stat(eventsPath)).size <= keepInputsBytes ? [] : undefined;
    errors = await forEachSegmentInput(eventsPath, parsed.events, (input) => {
      lastAt = input.at;
      kept?.push(input);
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr(`${parsed.events}: error: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message}`);
    return 1;
  }
  if (errors.length > 0) {
    for (const e of errors) io.stderr(e);
    return 1;
  }

  // Lines are gathered and written in chunks: one write per line would dominate large runs. After a chunk the
  // reading waits until the output has room, so a slow reader of stdout does not make the lines pile up in memory.
  let chunk: string[] = [];
  const flush = (): void | Promise<void> => {
    if (chunk.length === 0) return;
    io.stdout(chunk.join('\n'));
    chunk = [];
    return io.drained?.();
  };
  const flushWhenFull = (): void | Promise<void> => (chunk.length >= CHUNK_LINES ? flush() : undefined);
  const simulation = new Simulation(new PlanRegistry([compiled.plan]), {
    onEffect: (effect) => {
      if (!parsed.all && BOOKKEEPING.has(effect.kind)) return;
      chunk.push(effectText(effect));
    },
  });
  /** Fires the timers due up to `time` a day at a time, writing out each day's lines: a quiet stretch (or a late --until) can fire many. */
  const advanceByDays = async (time: number): Promise<void> => {
    for (let now = simulation.time; now !== undefined && now < time; now = simulation.time) {
      simulation.advanceTo(Math.min(time, now + DAY_MS));
      await flushWhenFull();
    }
  };
  let skipped = 0;
  const simulateInput = (input: Input): void | Promise<void> => {
    if (until !== undefined && input.at > until) {
      skipped++;
      return;
    }
    const now = simulation.time;
    if (now !== undefined && input.at - now > DAY_MS) {
      return advanceByDays(input.at - 1).then(() => {
        simulation.ingest(input);
        return flushWhenFull();
      });
    }
    simulation.ingest(input);
    return flushWhenFull();
  };
  if (kept === undefined) errors = await forEachSegmentInput(eventsPath, parsed.events, simulateInput);
  else await forEachKeptInput(kept, simulateInput);
  if (errors.length > 0) {
    // The file changed between the passes.
    for (const e of errors) io.stderr(e);
    return 1;
  }
  const end = until ?? lastAt;
  if (end !== undefined) {
    await advanceByDays(end);
    simulation.advanceTo(end);
  }
  await flush();
  if (skipped > 0) io.stderr(`note: ${skipped} event(s) after --until ${parsed.until} were not simulated`);
  return 0;
}
