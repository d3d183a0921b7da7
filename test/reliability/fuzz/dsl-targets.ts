/** Fuzz targets for the journey language and the file readers: text parser, JSON loader, checker, compiler, pack importer, simulate's NDJSON reader. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { checkJourney } from '../../../dsl/checker/index.ts';
import { compileJourney } from '../../../dsl/compiler/index.ts';
import type { Diagnostic } from '../../../dsl/diagnostics.ts';
import { loadJourneySource } from '../../../dsl/load.ts';
import { exportPack } from '../../../dsl/pack/index.ts';
import { importPack } from '../../../dsl/pack/import.ts';
import { parseJourneyText } from '../../../dsl/text/index.ts';
import { parseSegmentNdjson } from '../../../runtime/cli/ndjson.ts';
import { listTemplates } from '../../../templates/index.ts';
import { journeyDocumentArb } from '../../dsl/arbitraries.ts';
import { hostileStringArb, hostileValueArb, mutatedTextArb, mutatedValueArb, toJson } from './mutations.ts';
import { assertNoPollution, timed, type FuzzTarget } from './target.ts';

const GOLDEN = join(import.meta.dirname, '../../dsl/text/golden');
const goldenFiles = (ext: string): string[] =>
  readdirSync(GOLDEN)
    .filter((f) => f.endsWith(ext))
    .map((f) => readFileSync(join(GOLDEN, f), 'utf8'));

const TEXT_SEEDS = goldenFiles('.journey');
const JSON_SEEDS = goldenFiles('.json');
const DOC_SEEDS: unknown[] = [...JSON_SEEDS.map((t) => JSON.parse(t) as unknown), ...listTemplates().flatMap((p) => p.journeys)];
const TEXT_WORDS = ['journey', 'node', 'stage', 'wait', 'for', 'timeout', 'if', 'else', '->', 'and', 'or', 'not', 'in', '"', '(', ')', '[', ']', '\n', '45d', '__proto__'];

/** A diagnostic a person can act on: a severity, a code, a message and where. */
function assertClear(where: string, diagnostics: readonly Diagnostic[], needsError: boolean): void {
  if (needsError && !diagnostics.some((d) => d.severity === 'error')) throw new Error(`${where}: no document and no error diagnostic`);
  for (const d of diagnostics) {
    if (typeof d.message !== 'string' || d.message.length === 0 || typeof d.code !== 'string' || !Array.isArray(d.path)) {
      throw new Error(`${where}: unclear diagnostic ${JSON.stringify(d)}`);
    }
    if (/\n\s+at .+:\d+:\d+/.test(d.message)) throw new Error(`${where}: a stack trace in a diagnostic: ${d.message}`);
    if (d.span !== undefined && (d.span.line < 1 || d.span.column < 1)) throw new Error(`${where}: a span before the start: ${JSON.stringify(d.span)}`);
  }
}

const textParser: FuzzTarget = {
  name: 'text parser',
  weight: 3,
  property: () =>
    fc.property(fc.oneof(mutatedTextArb(TEXT_SEEDS, TEXT_WORDS), fc.string({ maxLength: 300 }), journeyDocumentArb.map((d) => JSON.stringify(d))), (text) => {
      const result = timed('parseJourneyText', () => parseJourneyText(text));
      assertClear('parseJourneyText', result.diagnostics, result.doc === undefined);
      for (const d of result.diagnostics) if (d.span === undefined) throw new Error(`parseJourneyText: a diagnostic without line:col: ${d.message}`);
      assertNoPollution('parseJourneyText');
      return true;
    }),
};

const jsonLoader: FuzzTarget = {
  name: 'JSON loader/validator',
  weight: 3,
  property: () =>
    fc.property(
      fc.oneof(mutatedTextArb(JSON_SEEDS), mutatedValueArb(DOC_SEEDS).map(toJson), hostileValueArb.map(toJson), fc.string({ maxLength: 200 })),
      fc.boolean(),
      (source, asText) => {
        const result = timed('loadJourneySource', () => loadJourneySource(source, asText ? { format: 'text' } : {}));
        assertClear('loadJourneySource', result.diagnostics, result.doc === undefined);
        assertNoPollution('loadJourneySource');
        return true;
      },
    ),
};

const checker: FuzzTarget = {
  name: 'checker',
  weight: 3,
  property: () =>
    fc.property(fc.oneof(mutatedValueArb(DOC_SEEDS), hostileValueArb, journeyDocumentArb), (value) => {
      const result = timed('checkJourney', () => checkJourney(value));
      assertClear('checkJourney', result.diagnostics, result.doc === undefined);
      assertNoPollution('checkJourney');
      return true;
    }),
};

const compiler: FuzzTarget = {
  name: 'compiler',
  weight: 3,
  property: () =>
    fc.property(
      fc.oneof(mutatedValueArb(DOC_SEEDS), journeyDocumentArb),
      fc.dictionary(fc.oneof(fc.constantFrom('silentAfterDays', 'sleepingAfterDays', 'channel', '__proto__'), fc.string({ maxLength: 8 })), hostileValueArb, { maxKeys: 3 }),
      (value, params) => {
        const result = timed('compileJourney', () => compileJourney(value, params));
        assertClear('compileJourney', result.diagnostics, result.plan === undefined);
        assertNoPollution('compileJourney');
        return true;
      },
    ),
};

let packSeeds: Promise<string[]> | undefined;
const exportedPacks = (): Promise<string[]> => (packSeeds ??= Promise.all(listTemplates().map((p) => exportPack(p))));

/** Pack files: byte edits of real exports, structural edits of their JSON (digests then mismatch or match by luck), random JSON. */
function packTarget(seeds: string[]): FuzzTarget {
  const values = seeds.map((s) => JSON.parse(s) as unknown);
  return {
    name: 'pack importer',
    weight: 1,
    property: () =>
      fc.asyncProperty(fc.oneof(mutatedTextArb(seeds), mutatedValueArb(values).map(toJson), hostileValueArb.map(toJson), hostileStringArb), async (text) => {
        const start = performance.now();
        const result = await importPack(text);
        if (performance.now() - start > 10_000) throw new Error('importPack: took longer than 10 s');
        assertClear('importPack', [...result.errors, ...result.warnings], !result.ok);
        if (result.ok !== (result.errors.length === 0)) throw new Error('importPack: ok disagrees with the errors');
        assertNoPollution('importPack');
        return true;
      }),
  };
}

const SEGMENT_SEEDS = [
  '{"type":"track","event":"purchase","userId":"u1","timestamp":"2025-01-01T00:00:00Z","properties":{"amount":99},"messageId":"m1"}',
  '{"type":"identify","userId":7,"timestamp":1735689600000,"traits":{"grade":"3"}}',
  '{"event":"visit","userId":"u2","timestamp":"2025-01-02T08:00:00+08:00"}',
];

const ndjsonReader: FuzzTarget = {
  name: 'simulate NDJSON reader',
  weight: 2,
  property: () =>
    fc.property(
      fc.array(fc.oneof(mutatedTextArb(SEGMENT_SEEDS), mutatedValueArb(SEGMENT_SEEDS.map((s) => JSON.parse(s) as unknown)).map(toJson), hostileValueArb.map(toJson), fc.string({ maxLength: 40 })), {
        maxLength: 8,
      }),
      (lines) => {
        const text = lines.join('\n');
        const result = timed('parseSegmentNdjson', () => parseSegmentNdjson(text, 'events.ndjson'));
        for (const e of result.errors) if (!/^events\.ndjson(:\d+)?: error: \S/.test(e)) throw new Error(`parseSegmentNdjson: unclear error ${JSON.stringify(e)}`);
        for (const input of result.inputs) if (!Number.isFinite(input.at) || typeof input.customerId !== 'string') throw new Error(`parseSegmentNdjson: a bad input got through: ${JSON.stringify(input)}`);
        assertNoPollution('parseSegmentNdjson');
        return true;
      },
    ),
};

/** The language and file-reader targets. @example const targets = await dslTargets(); */
export async function dslTargets(): Promise<FuzzTarget[]> {
  return [textParser, jsonLoader, checker, compiler, packTarget(await exportedPacks()), ndjsonReader];
}
