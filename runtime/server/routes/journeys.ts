/** /v1/journeys: list, create, read, save drafts, validate, publish, pause/resume/archive, duplicate, versions and diffs. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Diagnostic } from '../../../dsl/diagnostics.ts';
import type { ApiKeyStore, JourneyRecord, PublishedVersion } from '../../store/types.ts';
import type { AuthEnv } from '../auth/require-role.ts';
import { requireRole } from '../auth/require-role.ts';
import { ApiError, DiagnosticSchema } from '../errors.ts';
import { checkDraft, checkText, draftText, type CheckedDraft } from '../journeys/journey-source.ts';
import { draftName, sortDiagnostics, type JourneyService } from '../journeys/journey-service.ts';
import { bearer, errors, IsoTime, isoTime, json, jsonBody, Slug } from './route-parts.ts';

const Name = z.object({ zh: z.string(), en: z.string() }).openapi('LocalizedText');
const Status = z.enum(['draft', 'live', 'paused', 'archived']);

const JourneySummary = z
  .object({
    id: z.string(),
    name: Name,
    status: Status,
    liveVersion: z.number().int().nullable(),
    latestVersion: z.number().int().nullable(),
    draftRevision: z.number().int(),
    updatedAt: IsoTime,
  })
  .openapi('JourneySummary');

const VersionSummary = z
  .object({ version: z.number().int(), publishedAt: IsoTime, policy: z.enum(['finish', 'migrate']) })
  .openapi('VersionSummary');

const JourneyDetail = JourneySummary.extend({
  createdAt: IsoTime,
  draft: z.object({
    document: z.unknown().openapi({ description: 'The draft as last saved (a journey document, possibly still incomplete)' }),
    text: z.string().nullable().openapi({ description: 'The text form, or null while the draft is not yet a well-formed document' }),
    revision: z.number().int(),
    diagnostics: z.array(DiagnosticSchema),
  }),
  versions: z.array(VersionSummary),
}).openapi('JourneyDetail');

const VersionDetail = VersionSummary.extend({
  journeyId: z.string(),
  document: z.unknown(),
  text: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
}).openapi('JourneyVersion');

const Document = z.record(z.string(), z.unknown()).openapi({ description: 'A journey document (JSON form)' });
const Text = z.string().min(1).max(1_000_000).openapi({ description: 'A journey in the text form' });

const CreateRequest = z
  .union([
    z.strictObject({ document: Document }),
    z.strictObject({ text: Text }),
    z.strictObject({
      fromTemplate: Slug,
      params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
      id: Slug.optional(),
    }),
  ])
  .openapi('CreateJourney');

const SaveDraftRequest = z
  .union([
    z.strictObject({ document: Document, baseRevision: z.number().int().min(0) }),
    z.strictObject({ text: Text, baseRevision: z.number().int().min(0) }),
  ])
  .openapi('SaveDraft');

const ValidateRequest = z.union([z.strictObject({ document: z.unknown() }), z.strictObject({ text: Text })]).openapi('ValidateJourney');

const PublishRequest = z
  .strictObject({
    policy: z.enum(['finish', 'migrate']).openapi({
      description: '`finish`: customers inside stay on their version until they leave. `migrate`: they move to the new version',
    }),
    migrate: z
      .record(z.string(), z.string())
      .optional()
      .openapi({ description: 'For `migrate`: old node id → new node id, for every node the new version no longer has' }),
    baseRevision: z.number().int().min(0).optional(),
  })
  .openapi('PublishJourney');

const IdParam = z.object({ id: Slug.openapi({ param: { name: 'id', in: 'path' } }) });
const VersionParam = IdParam.extend({
  v: z.coerce.number().int().min(1).openapi({ param: { name: 'v', in: 'path' }, type: 'integer' }),
});
const VersionRef = z
  .union([z.literal('draft'), z.coerce.number().int().min(1)])
  .openapi({ type: 'string', description: 'a version number or `draft`' });

/** What the journey routes need. */
export interface JourneyRouteDeps {
  keys: Pick<ApiKeyStore, 'findApiKey'>;
  journeys: JourneyService;
  /** Instantiates a template's journey with param values (`fromTemplate`). */
  instantiateTemplate: (templateId: string, params: Record<string, string | number | boolean>, id?: string) => Promise<unknown>;
}

function summary(record: JourneyRecord) {
  return {
    id: record.id,
    name: draftName(record),
    status: record.status,
    liveVersion: record.liveVersion ?? null,
    latestVersion: record.latestVersion ?? null,
    draftRevision: record.revision,
    updatedAt: isoTime(record.updatedAt),
  };
}

const policyOf = (v: PublishedVersion): 'finish' | 'migrate' => (v.migration === 'move' ? 'migrate' : 'finish');
const versionSummary = (v: PublishedVersion) => ({ version: v.version, publishedAt: isoTime(v.publishedAt), policy: policyOf(v) });

async function detail(journeys: JourneyService, record: JourneyRecord, checked?: CheckedDraft) {
  const { doc, diagnostics } = checked ?? checkDraft(record.draft);
  const versions = await journeys.versions(record.id);
  return {
    ...summary(record),
    createdAt: isoTime(record.createdAt),
    draft: {
      document: record.draft,
      text: doc === undefined ? null : (draftText(doc) ?? null),
      revision: record.revision,
      diagnostics: sortDiagnostics(diagnostics),
    },
    versions: versions.map(versionSummary),
  };
}

/** A text body that does not even parse cannot be stored: 422 with where it failed. */
function documentFromText(text: string): { doc: unknown; checked: CheckedDraft } {
  const checked = checkText(text);
  if (checked.doc === undefined) throw new ApiError(422, 'invalid_journey', 'the text does not parse as a journey', 'body.text', checked.diagnostics);
  return { doc: checked.doc, checked };
}

/** Reads POST /journeys' body: JSON as the schema says, or the text form as text/plain. */
async function createBody(c: Context): Promise<z.infer<typeof CreateRequest>> {
  const type = c.req.header('content-type') ?? '';
  if (/^text\/plain\b/i.test(type)) return { text: await c.req.text() };
  if (!/^application\/([a-z.+-]+\+)?json\b/i.test(type)) {
    throw new ApiError(415, 'unsupported_media_type', 'send application/json ({ document } or { text } or { fromTemplate }) or the text form as text/plain');
  }
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new ApiError(400, 'invalid_json', 'the request body is not valid JSON');
  }
  return CreateRequest.parse(raw);
}

/**
 * The journey routes, mounted under /v1.
 *
 * @example
 * app.route('/v1', journeyRoutes({ keys: store, journeys, instantiateTemplate }));
 */
export function journeyRoutes(deps: JourneyRouteDeps): OpenAPIHono<AuthEnv> {
  const app = new OpenAPIHono<AuthEnv>();
  const viewer = requireRole(deps.keys, 'viewer');
  const operator = requireRole(deps.keys, 'operator');
  const { journeys } = deps;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/journeys',
      tags: ['journeys'],
      summary: 'List journeys',
      security: bearer,
      middleware: [viewer] as const,
      request: {
        query: z.object({
          q: z.string().max(200).optional().openapi({ description: 'Search in id and names' }),
          status: Status.optional(),
        }),
      },
      responses: { 200: json(z.object({ journeys: z.array(JourneySummary) }), 'Journeys, most recently changed first'), ...errors(400, 401, 403) },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const list = await journeys.list({ ...(query.q ? { q: query.q } : {}), ...(query.status ? { status: query.status } : {}) });
      return c.json({ journeys: list.map(summary) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/journeys',
      tags: ['journeys'],
      summary: 'Create a journey from a document, the text form, or a template',
      security: bearer,
      middleware: [operator] as const,
      request: {
        // Not `required`: the JSON validator would then refuse text/plain. createBody reads either form.
        body: {
          content: {
            'application/json': { schema: CreateRequest },
            'text/plain': { schema: z.string().openapi({ description: 'The journey in the text form' }) },
          },
        },
      },
      responses: { 201: json(JourneyDetail, 'The new journey'), ...errors(400, 401, 403, 409, 413, 415, 422) },
    }),
    async (c) => {
      const body = await createBody(c);
      let created: { record: JourneyRecord; checked: CheckedDraft };
      if ('document' in body) created = await journeys.create(body.document);
      else if ('text' in body) created = await journeys.create(documentFromText(body.text).doc, 'body.text');
      else created = await journeys.create(await deps.instantiateTemplate(body.fromTemplate, body.params ?? {}, body.id), 'body');
      return c.json(await detail(journeys, created.record, created.checked), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/journeys/{id}',
      tags: ['journeys'],
      summary: 'A journey: its draft (document, text, diagnostics), status and versions',
      security: bearer,
      middleware: [viewer] as const,
      request: { params: IdParam },
      responses: { 200: json(JourneyDetail, 'The journey'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => c.json(await detail(journeys, await journeys.get(c.req.valid('param').id)), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/journeys/{id}/draft',
      tags: ['journeys'],
      summary: 'Save the draft (refused with 409 if someone saved since baseRevision)',
      security: bearer,
      middleware: [operator] as const,
      request: { params: IdParam, body: jsonBody(SaveDraftRequest) },
      responses: { 200: json(JourneyDetail, 'The journey with the saved draft and its diagnostics'), ...errors(400, 401, 403, 404, 409, 413, 422) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const saved =
        'document' in body
          ? await journeys.saveDraft(id, body.document, body.baseRevision)
          : await (async () => {
              const { doc, checked } = documentFromText(body.text);
              return { ...(await journeys.saveDraft(id, doc, body.baseRevision)), checked };
            })();
      return c.json(await detail(journeys, saved.record, saved.checked), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/journeys/{id}/validate',
      tags: ['journeys'],
      summary: 'Check a document or text (or, without a body, the saved draft)',
      security: bearer,
      middleware: [viewer] as const,
      request: { params: IdParam, body: { required: false, content: { 'application/json': { schema: ValidateRequest } } } },
      responses: { 200: json(z.object({ diagnostics: z.array(DiagnosticSchema) }), 'Diagnostics, errors first'), ...errors(400, 401, 403, 404, 413) },
    }),
    async (c) => {
      const record = await journeys.get(c.req.valid('param').id);
      // Without a JSON body nothing was validated, and the saved draft is checked.
      const body = c.req.valid('json') as Partial<{ text: string; document: unknown }> | undefined;
      let diagnostics: Diagnostic[];
      if (body === undefined || (!('text' in body) && !('document' in body))) diagnostics = checkDraft(record.draft).diagnostics;
      else if (body.text !== undefined) diagnostics = checkText(body.text).diagnostics;
      else diagnostics = checkDraft(body.document).diagnostics;
      return c.json({ diagnostics: sortDiagnostics(diagnostics) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/journeys/{id}/publish',
      tags: ['journeys'],
      summary: 'Publish the draft as the next immutable version and make it live',
      security: bearer,
      middleware: [operator] as const,
      request: { params: IdParam, body: jsonBody(PublishRequest) },
      responses: {
        200: json(z.object({ version: z.number().int(), journey: JourneySummary }), 'The new version number'),
        ...errors(400, 401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const published = await journeys.publish(id, {
        policy: body.policy,
        ...(body.migrate ? { migrate: body.migrate } : {}),
        ...(body.baseRevision === undefined ? {} : { baseRevision: body.baseRevision }),
      });
      return c.json({ version: published.version, journey: summary(await journeys.get(id)) }, 200);
    },
  );

  for (const action of ['pause', 'resume', 'archive'] as const) {
    app.openapi(
      createRoute({
        method: 'post',
        path: `/journeys/{id}/${action}`,
        tags: ['journeys'],
        summary:
          action === 'pause'
            ? 'Pause a live journey (no new entries)'
            : action === 'resume'
              ? 'Resume a paused journey'
              : 'Archive a journey (read-only from then on)',
        security: bearer,
        middleware: [operator] as const,
        request: { params: IdParam },
        responses: { 200: json(JourneySummary, 'The journey with its new status'), ...errors(400, 401, 403, 404, 409) },
      }),
      async (c) => c.json(summary(await journeys.setStatus(c.req.valid('param').id, action)), 200),
    );
  }

  app.openapi(
    createRoute({
      method: 'post',
      path: '/journeys/{id}/duplicate',
      tags: ['journeys'],
      summary: 'Copy the draft into a new journey',
      security: bearer,
      middleware: [operator] as const,
      request: { params: IdParam, body: { required: false, content: { 'application/json': { schema: z.strictObject({ id: Slug.optional() }) } } } },
      responses: { 201: json(JourneyDetail, 'The copy'), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const newId = (c.req.valid('json') as { id?: string } | undefined)?.id;
      const copy = await journeys.duplicate(c.req.valid('param').id, newId);
      return c.json(await detail(journeys, copy), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/journeys/{id}/versions',
      tags: ['journeys'],
      summary: 'Published versions, oldest first',
      security: bearer,
      middleware: [viewer] as const,
      request: { params: IdParam },
      responses: { 200: json(z.object({ versions: z.array(VersionSummary) }), 'The versions'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => c.json({ versions: (await journeys.versions(c.req.valid('param').id)).map(versionSummary) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/journeys/{id}/versions/{v}',
      tags: ['journeys'],
      summary: 'One published version: document and text',
      security: bearer,
      middleware: [viewer] as const,
      request: { params: VersionParam },
      responses: { 200: json(VersionDetail, 'The version'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id, v } = c.req.valid('param');
      const found = await journeys.version(id, v);
      return c.json(
        { ...versionSummary(found), journeyId: id, document: found.document, text: draftText(found.document) ?? '', params: found.params },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/journeys/{id}/diff',
      tags: ['journeys'],
      summary: 'Unified diff of the text forms of two versions (or a version and the draft)',
      security: bearer,
      middleware: [viewer] as const,
      request: { params: IdParam, query: z.object({ from: VersionRef, to: VersionRef }) },
      responses: {
        200: json(
          z.object({ from: z.string(), to: z.string(), format: z.enum(['text', 'json']), diff: z.string().openapi({ description: 'Empty when equal' }) }),
          'The diff',
        ),
        ...errors(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { from, to } = c.req.valid('query');
      const result = await journeys.diff(id, from, to);
      return c.json({ from: String(from), to: String(to), ...result }, 200);
    },
  );

  return app;
}
