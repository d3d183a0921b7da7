/** The HTTP application: every /v1 route group, auth, limits, errors, the OpenAPI document and the editor page. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { cors } from 'hono/cors';
import type { Millis } from '../engine/types.ts';
import type { Runtime } from '../runtime.ts';
import type { RuntimeStore } from '../store/types.ts';
import type { IngestRateLimit } from './auth/ingest-rate-limit.ts';
import type { AuthEnv } from './auth/require-role.ts';
import { bodyLimit } from './body-limit.ts';
import { mountEditorPage } from './editor-page.ts';
import { MAX_JSON_DEPTH } from '../../dsl/json-depth.ts';
import { jsonDepthLimit } from './json-depth-limit.ts';
import { ApiError, errorHandler, sendError, validationError } from './errors.ts';
import { JourneyService } from './journeys/journey-service.ts';
import { instantiateTemplate } from './journeys/template-install.ts';
import { actionRoutes } from './routes/actions.ts';
import { customerRoutes } from './routes/customers.ts';
import { ingestRoutes, type Ingestor } from './routes/ingest.ts';
import { journeyRoutes } from './routes/journeys.ts';
import { keyRoutes } from './routes/keys.ts';
import { json } from './routes/route-parts.ts';
import { statsRoutes } from './routes/stats.ts';
import { taskRoutes } from './routes/tasks.ts';
import { templateRoutes, type CohortGenerator } from './routes/templates.ts';

export const API_VERSION = '0.1.0';

export interface AppOptions {
  store: RuntimeStore;
  /** Runs what is ingested; told to re-read journeys after publish, pause, resume, archive and pack installs, and to move customers on a `migrate` publish. */
  runtime: Pick<Runtime, 'ingest' | 'sync' | 'migrate'>;
  now?: () => Millis;
  /** Where real bugs are reported (client mistakes are not logged). */
  log?: (message: string, error?: unknown) => void;
  /** The built editor (`editor/dist`); a placeholder page is served while it has no index.html. */
  editorDir?: string;
  /** Largest accepted request body, in bytes (default 5 MiB). */
  maxBodyBytes?: number;
  /** Sample cohorts for the browser simulator (`GET /v1/templates/:id/cohort`); default: the packs' own cohort scripts. */
  sampleCohort?: CohortGenerator;
  /** Per-key limit on ingestion requests (429 with Retry-After beyond it). Default: none. */
  ingestRateLimit?: IngestRateLimit;
  /** Origins other web pages may call the API from (CORS). Default: none — CORS stays off. */
  corsOrigins?: readonly string[];
}

/**
 * Builds the application. Serve it with `@hono/node-server` (see `startServer`), or call `app.request` in process.
 *
 * @example
 * const store = new MemoryStore();
 * const app = createApp({ store, runtime: createRuntime({ store, clock: new RealClock() }) });
 * const res = await app.request('/v1/health');
 */
export function createApp(options: AppOptions): OpenAPIHono<AuthEnv> {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error));
  const started = now();
  const app = new OpenAPIHono<AuthEnv>({
    // Every validation failure becomes the same JSON error, pointing at the field.
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error, result.target === 'json' ? 'body' : result.target);
    },
  });
  app.onError(errorHandler(log));
  const maxBodyBytes = options.maxBodyBytes ?? 5 * 1024 * 1024;
  app.use(
    '/v1/*',
    bodyLimit(maxBodyBytes, () => {
      throw new ApiError(413, 'payload_too_large', `the body is larger than ${maxBodyBytes} bytes`);
    }),
  );
  if (options.corsOrigins !== undefined && options.corsOrigins.length > 0) {
    const allowed = new Set(options.corsOrigins);
    app.use('/v1/*', cors({ origin: (origin) => (allowed.has(origin) ? origin : null), allowHeaders: ['Authorization', 'Content-Type'], maxAge: 600 }));
  }
  app.use('/v1/*', jsonDepthLimit(MAX_JSON_DEPTH));
  // The API is for programs: never cached, never sniffed. Set before the handler so its answer is built with
  // them; setting headers on a finished answer makes Hono rebuild it as a streamed web Response.
  app.use('/v1/*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    c.header('X-Content-Type-Options', 'nosniff');
    await next();
    // An answer made without the context (a bare `new Response`) did not take them.
    if (!c.res.headers.has('X-Content-Type-Options')) {
      c.header('Cache-Control', 'no-store');
      c.header('X-Content-Type-Options', 'nosniff');
    }
  });

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key: `Authorization: Bearer <key>`',
  });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/health',
      tags: ['server'],
      summary: 'Liveness (no key needed)',
      responses: { 200: json(z.object({ status: z.literal('ok'), version: z.string(), uptimeSeconds: z.number() }), 'The server is up') },
    }),
    (c) => c.json({ status: 'ok' as const, version: API_VERSION, uptimeSeconds: Math.round((now() - started) / 1000) }, 200),
  );

  const { store, runtime } = options;
  const sync = (): Promise<void> => runtime.sync();
  const ingest: Ingestor = async (inputs) => {
    const result = await runtime.ingest(inputs);
    return { committed: result.accepted, duplicates: result.duplicates };
  };
  const journeys = new JourneyService({
    store,
    now,
    // The publish answers once the new version is live and, with `migrate`, every customer's move is durable.
    onPublished: async (published, move) => {
      await sync();
      if (published.migration === 'move') await runtime.migrate(published.journeyId, published.version, move.mapping);
    },
    onStatusChanged: sync,
  });
  app.route('/v1', keyRoutes(store, now));
  app.route('/v1', ingestRoutes(store, ingest, now, options.ingestRateLimit));
  app.route('/v1', statsRoutes(store, now));
  app.route('/v1', journeyRoutes({ keys: store, journeys, instantiateTemplate: async (id, params, newId) => instantiateTemplate(id, params, newId) }));
  app.route('/v1', customerRoutes(store));
  app.route('/v1', actionRoutes(store, now));
  app.route('/v1', taskRoutes(store, ingest, now));
  app.route('/v1', templateRoutes({ store, now, onInstalled: sync, ...(options.sampleCohort ? { sampleCohort: options.sampleCohort } : {}) }));

  app.doc31('/v1/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Lifecycle Studio API',
      version: API_VERSION,
      description: 'Journeys, ingestion (Segment-compatible), customers, actions, staff tasks, stats, template packs and API keys.',
    },
    servers: [{ url: '/' }],
  });

  app.all('/v1/*', (c) => sendError(c, new ApiError(404, 'not_found', `no route ${c.req.method} ${c.req.path}`)));
  if (options.editorDir !== undefined) mountEditorPage(app, options.editorDir);
  app.notFound((c) => sendError(c, new ApiError(404, 'not_found', `no route ${c.req.method} ${c.req.path}`)));
  return app;
}
