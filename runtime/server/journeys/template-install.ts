/** Template packs on the server: a template's journey with param values, and installing an imported pack as journeys and versions. */
import { formatPath } from '../../../dsl/diagnostics.ts';
import { applyPackParams } from '../../../dsl/pack/params.ts';
import type { Pack } from '../../../dsl/pack/schema.ts';
import type { InstalledLookup } from '../../../dsl/pack/import.ts';
import type { ParamValue } from '../../../dsl/schema/params.ts';
import type { Millis } from '../../engine/types.ts';
import type { PublishedVersion, RuntimeStore } from '../../store/types.ts';
import { findTemplate, listTemplates } from '../../../templates/index.ts';
import { ApiError, notFound } from '../errors.ts';

/**
 * The first journey of a built-in template with the given param values applied (as the params' defaults),
 * optionally under another id. Bad param values are a 400 naming the param.
 *
 * @example
 * const doc = instantiateTemplate('dormancy-ladder', { silentAfterDays: 60 }, 'ladder-vip');
 */
export function instantiateTemplate(templateId: string, params: Readonly<Record<string, ParamValue>>, id?: string): unknown {
  const pack = findTemplate(templateId);
  if (pack === undefined) throw notFound(`template "${templateId}"`);
  const unknownParam = Object.keys(params).find((name) => !Object.hasOwn(pack.params, name));
  if (unknownParam !== undefined) {
    throw new ApiError(400, 'validation_failed', `body.params.${unknownParam}: template "${templateId}" has no such param`, `body.params.${unknownParam}`);
  }
  const { journeys, diagnostics } = applyPackParams(pack, params);
  const problem = diagnostics.find((d) => d.severity === 'error');
  if (problem !== undefined) {
    throw new ApiError(400, 'validation_failed', `body.params: ${formatPath(problem.path)}: ${problem.message}`, `body.${formatPath(problem.path)}`);
  }
  const journey = journeys[0];
  if (journey === undefined) throw notFound(`a journey in template "${templateId}"`);
  return id === undefined ? journey : { ...journey, id };
}

/**
 * What the store has installed, in the shape the pack importer asks for (latest version of each journey).
 *
 * @example
 * const existing = await installedLookup(store);
 * const result = await importPack(text, { existing });
 */
export async function installedLookup(store: RuntimeStore): Promise<InstalledLookup> {
  const latest = new Map<string, PublishedVersion>();
  for (const journey of await store.listJourneys()) {
    if (journey.latestVersion === undefined) continue;
    const version = await store.getVersion(journey.id, journey.latestVersion);
    if (version !== undefined) latest.set(journey.id, version);
  }
  const packs = new Map(listTemplates().map((p) => [p.id, { version: p.version }]));
  return {
    journey: (id) => {
      const v = latest.get(id);
      return v === undefined ? undefined : { version: v.version, document: v.document };
    },
    pack: (id) => packs.get(id),
  };
}

/**
 * Installs an imported pack. New journeys are published as version 1 and paused (an operator resumes them
 * once reviewed); changed journeys get a new version beside the old ones (customers inside finish on theirs)
 * and keep their status; the draft an operator may be editing is never replaced. Unchanged journeys are left alone.
 *
 * @example
 * const installed = await installPack(store, result.pack, result.preview, Date.now());
 */
export async function installPack(
  store: RuntimeStore,
  pack: Pack,
  preview: { added: { journeyId: string }[]; changed: { journeyId: string; version: number }[] },
  at: Millis,
): Promise<PublishedVersion[]> {
  const published: PublishedVersion[] = [];
  const added = new Set(preview.added.map((a) => a.journeyId));
  const changed = new Map(preview.changed.map((c) => [c.journeyId, c.version]));
  for (const document of pack.journeys) {
    if (added.has(document.id)) {
      if ((await store.getJourney(document.id)) === undefined) await store.saveDraft(document.id, document, { expectedRevision: 0, at });
      published.push(await store.publish(document.id, { document, migration: 'finish', at }));
      await store.setStatus(document.id, 'paused', at);
    } else if (changed.has(document.id)) {
      const before = await store.getJourney(document.id);
      published.push(await store.publish(document.id, { document, migration: 'finish', at, version: changed.get(document.id) as number }));
      if (before !== undefined && before.status !== 'live') await store.setStatus(document.id, before.status === 'draft' ? 'paused' : before.status, at);
    }
  }
  return published;
}
