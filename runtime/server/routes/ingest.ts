/** /v1/track, /v1/identify, /v1/batch: Segment-compatible ingestion, answered only once the input is durable. */
import { randomUUID } from 'node:crypto';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { EventInput, IdentifyInput, Input } from '../../engine/types.ts';
import type { ApiKeyStore } from '../../store/types.ts';
import { ingestRateLimit, type IngestRateLimit } from '../auth/ingest-rate-limit.ts';
import { requireRole, type AuthEnv } from '../auth/require-role.ts';
import { ApiError } from '../errors.ts';
import { bearer, errors, json, jsonBody } from './route-parts.ts';

/** Makes inputs durable and runs them; resolves once they are committed. Ids committed before are reported as duplicates. */
export type Ingestor = (inputs: Input[]) => Promise<{ committed: string[]; duplicates: string[] }>;

const MAX_BATCH = 500;

const Id = z.union([z.string().min(1).max(256), z.number().int().transform(String)]);
const Properties = z.record(z.string().max(256), z.unknown());
const common = {
  userId: Id.optional(),
  anonymousId: Id.optional(),
  messageId: z.string().min(1).max(256).optional().openapi({ description: 'The same messageId twice has one effect' }),
  timestamp: z.iso.datetime({ offset: true }).optional().openapi({ description: 'When it happened (ISO 8601); default: when received' }),
  context: z.record(z.string(), z.unknown()).optional(),
};

const Track = z
  .object({
    type: z.literal('track').optional(),
    event: z.string().min(1).max(128).regex(/^[^\u0000-\u001f"\\]+$/, 'must not contain quotes, backslashes or control characters'),
    properties: Properties.optional(),
    ...common,
  })
  .openapi('Track');
const Identify = z.object({ type: z.literal('identify').optional(), traits: Properties.optional(), ...common }).openapi('Identify');
const BatchItem = z.discriminatedUnion('type', [Track.extend({ type: z.literal('track') }), Identify.extend({ type: z.literal('identify') })]);
const Batch = z.object({ batch: z.array(BatchItem).min(1).max(MAX_BATCH), context: z.record(z.string(), z.unknown()).optional() }).openapi('Batch');

const Answer = z
  .object({
    success: z.literal(true),
    accepted: z.number().int().openapi({ description: 'Messages made durable now' }),
    deduplicated: z.number().int().openapi({ description: 'Messages whose messageId was seen before (no second effect)' }),
  })
  .openapi('IngestAnswer');

type TrackMessage = z.infer<typeof Track>;
type IdentifyMessage = z.infer<typeof Identify>;

function customerOf(message: { userId?: string | undefined; anonymousId?: string | undefined }, path: string): string {
  const id = message.userId ?? message.anonymousId;
  if (id === undefined) throw new ApiError(400, 'validation_failed', `${path}: needs userId or anonymousId`, `${path}.userId`);
  return id;
}

/** Message ids get their own namespace, apart from timer and task-completion input ids. */
const inputId = (messageId: string | undefined): string => `m:${messageId ?? randomUUID()}`;

function timeOf(timestamp: string | undefined, now: number): number {
  return timestamp === undefined ? now : Date.parse(timestamp);
}

function trackInput(m: TrackMessage, path: string, now: number): EventInput {
  return { type: 'event', id: inputId(m.messageId), customerId: customerOf(m, path), event: m.event, at: timeOf(m.timestamp, now), properties: m.properties ?? {} };
}

function identifyInput(m: IdentifyMessage, path: string, now: number): IdentifyInput {
  return { type: 'identify', id: inputId(m.messageId), customerId: customerOf(m, path), at: timeOf(m.timestamp, now), traits: m.traits ?? {} };
}

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
  const route = (path: string, summary: string, schema: z.ZodType) =>
    createRoute({
      method: 'post',
      path,
      tags: ['ingestion'],
      summary,
      security: bearer,
      middleware: [ingestRole, limiter] as const,
      request: { body: jsonBody(schema) },
      responses: { 200: json(Answer, 'Durable: the message will not be lost'), ...errors(400, 401, 413, 429, 503) },
    });

  app.openapi(route('/track', 'Record an event (Segment `track`)', Track), async (c) => {
    const body = c.req.valid('json') as TrackMessage;
    return c.json(await answer([trackInput(body, 'body', now())]), 200);
  });

  app.openapi(route('/identify', 'Update a profile (Segment `identify`)', Identify), async (c) => {
    const body = c.req.valid('json') as IdentifyMessage;
    return c.json(await answer([identifyInput(body, 'body', now())]), 200);
  });

  app.openapi(route('/batch', `Several track/identify messages at once (at most ${MAX_BATCH})`, Batch), async (c) => {
    const { batch } = c.req.valid('json') as z.infer<typeof Batch>;
    const at = now();
    const inputs = batch.map((m, i) => (m.type === 'track' ? trackInput(m, `body.batch[${i}]`, at) : identifyInput(m, `body.batch[${i}]`, at)));
    return c.json(await answer(inputs), 200);
  });

  return app;
}
