/** /v1/track, /v1/identify, /v1/batch: Segment-compatible ingestion, answered only once the input is durable. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import type { Input } from '../../engine/types.ts';
import type { ApiKeyStore } from '../../store/types.ts';
import { ingestRateLimit, type IngestRateLimit } from '../auth/ingest-rate-limit.ts';
import { requireRole, type AuthEnv } from '../auth/require-role.ts';
import {
  Batch,
  Identify,
  identifyInput,
  MAX_BATCH,
  readBatch,
  readIdentify,
  readTrack,
  Track,
  trackInput,
  type BatchMessage,
  type IdentifyMessage,
  type TrackMessage,
} from './ingest-messages.ts';
import { bearer, errors, json, jsonBody } from './route-parts.ts';

/** Makes inputs durable and runs them; resolves once they are committed. Ids committed before are reported as duplicates. */
export type Ingestor = (inputs: Input[]) => Promise<{ committed: string[]; duplicates: string[] }>;

const Answer = z
  .object({
    success: z.literal(true),
    accepted: z.number().int().openapi({ description: 'Messages made durable now' }),
    deduplicated: z.number().int().openapi({ description: 'Messages whose messageId was seen before (no second effect)' }),
  })
  .openapi('IngestAnswer');

/** Content types the OpenAPI validators certainly treat as JSON (their media-type gate and their parser agree). */
const PLAIN_JSON = /^application\/json(;\s*charset=[a-z0-9-]+)?$/i;

const batchInputs = (batch: readonly BatchMessage[], at: number): Input[] =>
  batch.map((m, i) => (m.type === 'track' ? trackInput(m, `body.batch[${i}]`, at) : identifyInput(m, `body.batch[${i}]`, at)));

/**
 * Ingestion routes, mounted under /v1. Every key role may call them (ingest keys may call nothing else).
 * With `rateLimit`, each key may send that many requests per second (429 with Retry-After beyond it).
 *
 * @example
 * app.route('/v1', ingestRoutes(store, runtimeIngest, Date.now));
 */
export function ingestRoutes(keys: Pick<ApiKeyStore, 'findApiKey'>, ingest: Ingestor, now: () => number, rateLimit?: IngestRateLimit): OpenAPIHono<AuthEnv> {
  const app = new OpenAPIHono<AuthEnv>();
  const ingestRole = requireRole(keys, 'ingest');
  const limiter = ingestRateLimit(rateLimit, now);
  const answer = async (inputs: Input[]) => {
    const result = await ingest(inputs);
    return { success: true as const, accepted: result.committed.length, deduplicated: result.duplicates.length };
  };
  /**
   * A well-formed body is answered here, without zod (see `ingest-messages.ts`). Any other body goes on to the
   * route's OpenAPI validators and handler, which give every error its usual answer.
   */
  const wellFormed = (toInputs: (body: unknown, at: number) => Input[] | undefined) =>
    createMiddleware<AuthEnv>(async (c, next) => {
      if (!PLAIN_JSON.test(c.req.header('content-type') ?? '')) return next();
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        return next();
      }
      const inputs = toInputs(body, now());
      return inputs === undefined ? next() : c.json(await answer(inputs), 200);
    });
  const route = (path: string, summary: string, schema: z.ZodType, fastPath: ReturnType<typeof wellFormed>) =>
    createRoute({
      method: 'post',
      path,
      tags: ['ingestion'],
      summary,
      security: bearer,
      middleware: [ingestRole, limiter, fastPath] as const,
      request: { body: jsonBody(schema) },
      responses: { 200: json(Answer, 'Durable: the message will not be lost'), ...errors(400, 401, 413, 429, 503) },
    });

  const trackFast = wellFormed((body, at) => {
    const message = readTrack(body);
    return message === undefined ? undefined : [trackInput(message, 'body', at)];
  });
  const identifyFast = wellFormed((body, at) => {
    const message = readIdentify(body);
    return message === undefined ? undefined : [identifyInput(message, 'body', at)];
  });
  const batchFast = wellFormed((body, at) => {
    const batch = readBatch(body);
    return batch === undefined ? undefined : batchInputs(batch, at);
  });

  app.openapi(route('/track', 'Record an event (Segment `track`)', Track, trackFast), async (c) => {
    const body = c.req.valid('json') as TrackMessage;
    return c.json(await answer([trackInput(body, 'body', now())]), 200);
  });

  app.openapi(route('/identify', 'Update a profile (Segment `identify`)', Identify, identifyFast), async (c) => {
    const body = c.req.valid('json') as IdentifyMessage;
    return c.json(await answer([identifyInput(body, 'body', now())]), 200);
  });

  app.openapi(route('/batch', `Several track/identify messages at once (at most ${MAX_BATCH})`, Batch, batchFast), async (c) => {
    const { batch } = c.req.valid('json') as z.infer<typeof Batch>;
    return c.json(await answer(batchInputs(batch, now())), 200);
  });

  return app;
}
