/** /v1/templates: the built-in packs (manifest, notes, journeys, params), sample cohorts, export as one file, import with a preview. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { exportPack } from '../../../dsl/pack/export.ts';
import { importPack } from '../../../dsl/pack/import.ts';
import type { Pack } from '../../../dsl/pack/schema.ts';
import { generateCohort } from '../../../templates/cohort.ts';
import { findTemplate, listTemplates } from '../../../templates/index.ts';
import type { RuntimeStore } from '../../store/types.ts';
import { requireRole, type AuthEnv } from '../auth/require-role.ts';
import { ApiError, DiagnosticSchema, notFound } from '../errors.ts';
import { installedLookup, installPack } from '../journeys/template-install.ts';
import { bearer, errors, json, Slug } from './route-parts.ts';

const Localized = z.object({ zh: z.string(), en: z.string() });

const TemplateSummary = z
  .object({
    id: z.string(),
    name: Localized,
    version: z.string(),
    author: z.object({ name: z.string(), contact: z.string().optional() }),
    description: Localized,
    journeys: z.array(z.string()),
    stages: z.array(z.object({ id: z.string(), name: Localized })),
  })
  .openapi('TemplateSummary');

const TemplateDetail = TemplateSummary.extend({
  params: z.record(z.string(), z.unknown()).openapi({ description: 'Typed params with defaults and ranges' }),
  notes: z.record(z.string(), z.unknown()).openapi({ description: 'Per stage: purpose, typical actions, channels, KPIs (zh and en)' }),
  documents: z.array(z.unknown()).openapi({ description: 'The journey documents' }),
  cohort: z.object({ size: z.number(), seed: z.number(), days: z.number(), mix: z.record(z.string(), z.number()) }),
}).openapi('TemplateDetail');

const Preview = z
  .object({
    pack: z.object({ id: z.string(), version: z.string(), installedVersion: z.string().optional(), status: z.enum(['new', 'upgrade', 'same', 'downgrade']) }).optional(),
    added: z.array(z.object({ journeyId: z.string(), version: z.number() })),
    changed: z.array(z.object({ journeyId: z.string(), installedVersion: z.number(), version: z.number() })),
    unchanged: z.array(z.object({ journeyId: z.string(), version: z.number() })),
  })
  .openapi('ImportPreview');

const TemplateId = z.object({ id: Slug.openapi({ param: { name: 'id', in: 'path' } }) });

function summary(pack: Pack) {
  const stages = new Map<string, { id: string; name: { zh: string; en: string } }>();
  for (const journey of pack.journeys) for (const stage of journey.stages) if (!stages.has(stage.id)) stages.set(stage.id, stage);
  return {
    id: pack.id,
    name: pack.name,
    version: pack.version,
    author: pack.author,
    description: pack.description,
    journeys: pack.journeys.map((j) => j.id),
    stages: [...stages.values()],
  };
}

function templateOrThrow(id: string): Pack {
  const pack = findTemplate(id);
  if (pack === undefined) throw notFound(`template "${id}"`);
  return pack;
}

/** Generates a template's sample cohort as Segment-style events, deterministic for a seed and a start day. */
export type CohortGenerator = (pack: Pack, options: { size: number; seed: number; start: number }) => unknown[];

const DAY = 86_400_000;
const MAX_COHORT_SIZE = 5000;

/** The built-in packs' own cohort scripts (templates/cohort.ts). */
const packCohort: CohortGenerator = (pack, options) => generateCohort(pack.id, options);

/** Without a `start`, the cohort's window ends today (UTC), so the customers look current in the simulator. */
const defaultStart = (pack: Pack, now: number): number => (Math.floor(now / DAY) - pack.cohort.days + 1) * DAY;

/**
 * Template routes, mounted under /v1. `onInstalled` is told about versions an import published.
 *
 * @example
 * app.route('/v1', templateRoutes({ store, now: Date.now, onInstalled: async (ids) => {} }));
 */
export function templateRoutes(deps: {
  store: RuntimeStore;
  now: () => number;
  sampleCohort?: CohortGenerator;
  onInstalled: (journeyIds: string[]) => Promise<void>;
}): OpenAPIHono<AuthEnv> {
  const app = new OpenAPIHono<AuthEnv>();
  const { store } = deps;
  const viewer = requireRole(store, 'viewer');

  app.openapi(
    createRoute({
      method: 'get',
      path: '/templates',
      tags: ['templates'],
      summary: 'The built-in template packs',
      security: bearer,
      middleware: [viewer] as const,
      responses: { 200: json(z.object({ templates: z.array(TemplateSummary) }), 'The packs, in gallery order'), ...errors(401, 403) },
    }),
    (c) => c.json({ templates: listTemplates().map(summary) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/templates/{id}',
      tags: ['templates'],
      summary: 'One pack: manifest, params, per-stage notes (zh/en), journeys',
      security: bearer,
      middleware: [viewer] as const,
      request: { params: TemplateId },
      responses: { 200: json(TemplateDetail, 'The pack'), ...errors(400, 401, 403, 404) },
    }),
    (c) => {
      const pack = templateOrThrow(c.req.valid('param').id);
      return c.json({ ...summary(pack), params: pack.params, notes: pack.notes, documents: pack.journeys, cohort: pack.cohort }, 200);
    },
  );

  const sampleCohort = deps.sampleCohort ?? packCohort;
  app.openapi(
    createRoute({
      method: 'get',
      path: '/templates/{id}/cohort',
      tags: ['templates'],
      summary: 'A sample cohort as Segment-style events, for the browser simulator',
      description: 'Deterministic: the same size, seed and start always give the same events.',
      security: bearer,
      middleware: [viewer] as const,
      request: {
        params: TemplateId,
        query: z.object({
          size: z.coerce.number().int().min(1).max(MAX_COHORT_SIZE).optional().openapi({ description: `Customers (default: the pack's cohort size, at most 200; at most ${MAX_COHORT_SIZE})` }),
          seed: z.coerce.number().int().min(0).max(2 ** 32 - 1).optional().openapi({ description: "PRNG seed (default: the pack's)" }),
          start: z.iso
            .date()
            .optional()
            .openapi({ description: "First day of the window, YYYY-MM-DD (default: the window ends today, UTC)" }),
        }),
      },
      responses: { 200: json(z.object({ events: z.array(z.record(z.string(), z.unknown())) }), 'Events in time order'), ...errors(400, 401, 403, 404) },
    }),
    (c) => {
      const pack = templateOrThrow(c.req.valid('param').id);
      const query = c.req.valid('query');
      const options = {
        size: query.size ?? Math.min(pack.cohort.size, 200),
        seed: query.seed ?? pack.cohort.seed,
        start: query.start === undefined ? defaultStart(pack, deps.now()) : Date.parse(`${query.start}T00:00:00Z`),
      };
      let events: unknown[];
      try {
        events = sampleCohort(pack, options);
      } catch (error) {
        throw new ApiError(404, 'not_found', `template "${pack.id}" has no sample cohort: ${error instanceof Error ? error.message : String(error)}`, 'id');
      }
      return c.json({ events: events as Record<string, unknown>[] }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/templates/{id}/export',
      tags: ['templates'],
      summary: 'The pack as one file (integrity digests included)',
      security: bearer,
      middleware: [viewer] as const,
      request: { params: TemplateId },
      responses: { 200: { description: 'The pack file (JSON)', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } }, ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const pack = templateOrThrow(c.req.valid('param').id);
      const file = await exportPack(pack);
      return c.body(file, 200, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="${pack.id}-${pack.version}.lspack.json"`,
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/templates/import',
      tags: ['templates'],
      summary: 'Import a pack file: preview (dryRun=true, the default) or install',
      description:
        'The file is verified (digests, signature when present) and validated. Installing never overwrites: a changed journey becomes a new version; new journeys arrive paused.',
      security: bearer,
      middleware: [requireRole(store, 'operator')] as const,
      request: {
        query: z.object({ dryRun: z.enum(['true', 'false']).optional().openapi({ description: 'Default true' }) }),
        body: { required: true, content: { 'application/json': { schema: z.record(z.string(), z.unknown()).openapi({ description: 'An exported pack file' }) } } },
      },
      responses: {
        200: json(
          z.object({ dryRun: z.boolean(), preview: Preview, installed: z.array(z.object({ journeyId: z.string(), version: z.number() })), warnings: z.array(DiagnosticSchema) }),
          'What the import adds, changes and leaves unchanged',
        ),
        ...errors(400, 401, 403, 413, 422),
      },
    }),
    async (c) => {
      const dryRun = c.req.valid('query').dryRun !== 'false';
      // The body as sent (the validator only checked it is an object): digests must see every key.
      const text = await c.req.text();
      const result = await importPack(text, { existing: await installedLookup(store) });
      if (!result.ok || result.pack === undefined) {
        const first = result.errors[0];
        throw new ApiError(422, 'invalid_journey', first ? `the pack was refused: ${first.message}` : 'the pack was refused', 'body', result.errors);
      }
      const installed = dryRun ? [] : await installPack(store, result.pack, result.preview, deps.now());
      if (installed.length > 0) await deps.onInstalled(installed.map((v) => v.journeyId));
      return c.json(
        { dryRun, preview: result.preview, installed: installed.map((v) => ({ journeyId: v.journeyId, version: v.version })), warnings: result.warnings },
        200,
      );
    },
  );

  return app;
}
