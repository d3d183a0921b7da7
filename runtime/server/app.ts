/** The HTTP application: every /v1 route group, auth, limits, errors, the OpenAPI document and the editor page. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { Millis } from '../engine/types.ts';
import type { RuntimeStore } from '../store/types.ts';
import type { AuthEnv } from './auth/require-role.ts';
import { mountEditorPage } from './editor-page.ts';
import { ApiError, errorHandler, sendError, validationError } from './errors.ts';
import { JourneyService, type PublishListener } from './journeys/journey-service.ts';
import { journeyRoutes, type JourneyRouteDeps } from './routes/journeys.ts';
import { keyRoutes } from './routes/keys.ts';
import { json } from './routes/route-parts.ts';

export const API_VERSION = '0.1.0';

export interface AppOptions {
  store: RuntimeStore;
  now?: () => Millis;
  /** Where real bugs are reported (client mistakes are not logged). */
  log?: (message: string, error?: unknown) => void;
  /** The built editor (`editor/dist`); a placeholder page is served while it has no index.html. */
  editorDir?: string;
  /** Largest accepted request body, in bytes (default 5 MiB). */
  maxBodyBytes?: number;
  onPublished?: PublishListener;
  instantiateTemplate: JourneyRouteDeps['instantiateTemplate'];
}

/**
 * Builds the application. Serve it with `@hono/node-server` (see `startServer`), or call `app.request` in process.
 *
 * @example
 * const app = createApp({ store: new MemoryStore(), instantiateTemplate });
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
  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: options.maxBodyBytes ?? 5 * 1024 * 1024,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', `the body is larger than ${options.maxBodyBytes ?? 5 * 1024 * 1024} bytes`);
      },
    }),
  );
  // The API is for programs: never cached, never sniffed.
  app.use('/v1/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
    c.header('X-Content-Type-Options', 'nosniff');
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

  const journeys = new JourneyService({ store: options.store, now, ...(options.onPublished ? { onPublished: options.onPublished } : {}) });
  app.route('/v1', keyRoutes(options.store, now));
  app.route('/v1', journeyRoutes({ keys: options.store, journeys, instantiateTemplate: options.instantiateTemplate }));

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
