/** The built-in template packs, loaded with static JSON imports so they work in Node and in the browser bundle. */
import { formatPath } from '../dsl/diagnostics.ts';
import { checkPackConsistency } from '../dsl/pack/consistency.ts';
import { Pack, PackManifest } from '../dsl/pack/schema.ts';
import type { JourneyDocument } from '../dsl/schema/document.ts';
import aarrrJourney from './aarrr/journeys/aarrr.json' with { type: 'json' };
import aarrrNotes from './aarrr/notes.json' with { type: 'json' };
import aarrrManifest from './aarrr/pack.json' with { type: 'json' };
import awarenessJourney from './awareness-to-advocacy/journeys/awareness-to-advocacy.json' with { type: 'json' };
import awarenessNotes from './awareness-to-advocacy/notes.json' with { type: 'json' };
import awarenessManifest from './awareness-to-advocacy/pack.json' with { type: 'json' };
import churnJourney from './churn-warning/journeys/churn-warning.json' with { type: 'json' };
import churnNotes from './churn-warning/notes.json' with { type: 'json' };
import churnManifest from './churn-warning/pack.json' with { type: 'json' };
import dormancyJourney from './dormancy-ladder/journeys/dormancy-ladder.json' with { type: 'json' };
import dormancyNotes from './dormancy-ladder/notes.json' with { type: 'json' };
import dormancyManifest from './dormancy-ladder/pack.json' with { type: 'json' };
import k12Journey from './k12-five-stage/journeys/k12-five-stage.json' with { type: 'json' };
import k12Notes from './k12-five-stage/notes.json' with { type: 'json' };
import k12Manifest from './k12-five-stage/pack.json' with { type: 'json' };
import ladderJourney from './purchase-ladder/journeys/purchase-ladder.json' with { type: 'json' };
import ladderNotes from './purchase-ladder/notes.json' with { type: 'json' };
import ladderManifest from './purchase-ladder/pack.json' with { type: 'json' };
import rfmJourney from './rfm-segments/journeys/rfm-segments.json' with { type: 'json' };
import rfmNotes from './rfm-segments/notes.json' with { type: 'json' };
import rfmManifest from './rfm-segments/pack.json' with { type: 'json' };

interface PackSource {
  manifest: unknown;
  journeys: Record<string, unknown>;
  notes: unknown;
}

/** Each pack folder: its manifest, its journeys by id, its notes. Order is the gallery order. */
const SOURCES: readonly PackSource[] = [
  { manifest: k12Manifest, journeys: { 'k12-five-stage': k12Journey }, notes: k12Notes },
  { manifest: aarrrManifest, journeys: { aarrr: aarrrJourney }, notes: aarrrNotes },
  { manifest: dormancyManifest, journeys: { 'dormancy-ladder': dormancyJourney }, notes: dormancyNotes },
  { manifest: rfmManifest, journeys: { 'rfm-segments': rfmJourney }, notes: rfmNotes },
  { manifest: awarenessManifest, journeys: { 'awareness-to-advocacy': awarenessJourney }, notes: awarenessNotes },
  { manifest: ladderManifest, journeys: { 'purchase-ladder': ladderJourney }, notes: ladderNotes },
  { manifest: churnManifest, journeys: { 'churn-warning': churnJourney }, notes: churnNotes },
];

let loaded: readonly Pack[] | undefined;

/**
 * Assembles a pack from its folder parts (manifest, journeys by id, notes) and validates it.
 * Throws with every problem listed when the parts do not make a valid pack.
 *
 * @example
 * const pack = assemblePack(manifestJson, { aarrr: journeyJson }, notesJson);
 */
export function assemblePack(manifest: unknown, journeys: Readonly<Record<string, unknown>>, notes: unknown): Pack {
  const parsedManifest = PackManifest.safeParse(manifest);
  if (!parsedManifest.success) throw new Error(`pack.json is not valid: ${issuesText(parsedManifest.error.issues)}`);
  const { journeys: journeyIds, ...rest } = parsedManifest.data;
  const missing = journeyIds.filter((id) => !Object.hasOwn(journeys, id));
  if (missing.length > 0) throw new Error(`pack "${rest.id}" lists journeys with no file: ${missing.join(', ')}`);
  const pack = Pack.safeParse({ ...rest, journeys: journeyIds.map((id) => journeys[id]), notes });
  if (!pack.success) throw new Error(`pack "${rest.id}" is not valid: ${issuesText(pack.error.issues)}`);
  const problems = checkPackConsistency(pack.data);
  if (problems.length > 0) {
    throw new Error(`pack "${rest.id}" is not consistent: ${problems.map((d) => `${formatPath(d.path)}: ${d.message}`).join('; ')}`);
  }
  return pack.data;
}

const issuesText = (issues: readonly { path: readonly PropertyKey[]; message: string }[]): string =>
  issues.map((issue) => `${formatPath(issue.path.map((s) => (typeof s === 'number' ? s : String(s))))}: ${issue.message}`).join('; ');

/**
 * Every built-in template pack, validated (once, on first use).
 *
 * @example
 * listTemplates().map((pack) => pack.id); // ['k12-five-stage', 'aarrr', 'dormancy-ladder', …]
 */
export function listTemplates(): readonly Pack[] {
  loaded ??= SOURCES.map((source) => assemblePack(source.manifest, source.journeys, source.notes));
  return loaded;
}

/**
 * The built-in pack with this id.
 *
 * @example
 * findTemplate('aarrr')?.notes.referral.purpose.en;
 */
export function findTemplate(id: string): Pack | undefined {
  return listTemplates().find((pack) => pack.id === id);
}

/**
 * A template's main (first) journey by template id, or any template journey by its journey id.
 * This is what `simulate --journey TEMPLATE_ID` runs.
 *
 * @example
 * findTemplateJourney('dormancy-ladder')?.entry.trigger; // { type: 'event', event: 'purchase' }
 */
export function findTemplateJourney(idOrJourneyId: string): JourneyDocument | undefined {
  const pack = findTemplate(idOrJourneyId);
  if (pack !== undefined) return pack.journeys[0];
  for (const candidate of listTemplates()) {
    const journey = candidate.journeys.find((j) => j.id === idOrJourneyId);
    if (journey !== undefined) return journey;
  }
  return undefined;
}
