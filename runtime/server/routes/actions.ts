/** /v1/actions (the outbox: pull with a cursor, acknowledge) and /v1/webhooks/dead-letters. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { ApiKeyStore, OutboxEntry, OutboxStore, WebhookDelivery, WebhookStore } from '../../store/types.ts';
import { requireRole, type AuthEnv } from '../auth/require-role.ts';
import { bearer, errors, IsoTime, isoTime, json, jsonBody } from './route-parts.ts';

const Consumer = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - (at most 64)')
  .default('default')
  .openapi({ description: 'Each consumer has its own acknowledged cursor' });

const Action = z
  .object({
    seq: z.number().int().openapi({ description: 'Position in the outbox; acknowledge up to it' }),
    id: z.string().openapi({ description: 'The effect id: stable, use it to drop repeats' }),
    at: IsoTime,
    customerId: z.string(),
    journeyId: z.string(),
    version: z.number().int(),
    node: z.string(),
    action: z.record(z.string(), z.unknown()).openapi({ description: 'The action: type (message, setField, addTag, removeTag, task, webhook) and its fields' }),
  })
  .openapi('Action');

const DeadLetter = z
  .object({
    id: z.string(),
    customerId: z.string(),
    journeyId: z.string(),
    node: z.string(),
    url: z.string(),
    payload: z.record(z.string(), z.unknown()),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: IsoTime,
  })
  .openapi('DeadLetter');

const AckRequest = z
  .union([
    z.strictObject({ consumer: Consumer.optional(), cursor: z.number().int().min(0) }),
    z.strictObject({ consumer: Consumer.optional(), ids: z.array(z.string().max(256)).min(1).max(1000) }),
  ])
  .openapi('AckActions', { description: 'Acknowledge everything up to `cursor`, or the actions with these ids (in outbox order, from the oldest unacknowledged)' });

const action = (e: OutboxEntry) => ({
  seq: e.seq,
  id: e.effectId,
  at: isoTime(e.at),
  customerId: e.customerId,
  journeyId: e.journeyId,
  version: e.version,
  node: e.node,
  action: { ...e.action } as Record<string, unknown>,
});

const deadLetter = (d: WebhookDelivery) => ({
  id: d.id,
  customerId: d.customerId,
  journeyId: d.journeyId,
  node: d.node,
  url: d.url,
  payload: d.payload,
  attempts: d.attempts,
  lastError: d.lastError ?? null,
  createdAt: isoTime(d.createdAt),
});

/**
 * The ids form is acknowledged as far as the ids cover the outbox without a gap from the consumer's
 * cursor: an outbox cursor cannot skip an entry, so later ids wait until the gap is acknowledged.
 */
async function ackIds(store: OutboxStore, consumer: string, ids: readonly string[]): Promise<{ cursor: number; acknowledged: number; pending: string[] }> {
  const wanted = new Set(ids);
  let cursor = await store.cursor(consumer);
  let acknowledged = 0;
  for (;;) {
    const { entries } = await store.pull({ consumer, after: cursor, limit: 500 });
    let gap = false;
    for (const entry of entries) {
      if (!wanted.delete(entry.effectId)) {
        gap = true;
        break;
      }
      cursor = entry.seq;
      acknowledged++;
    }
    if (gap || entries.length === 0 || wanted.size === 0) break;
  }
  if (acknowledged > 0) cursor = await store.ack(consumer, cursor);
  return { cursor, acknowledged, pending: [...wanted] };
}

/**
 * Outbox and dead-letter routes, mounted under /v1.
 *
 * @example
 * app.route('/v1', actionRoutes(store, Date.now));
 */
export function actionRoutes(store: Pick<ApiKeyStore, 'findApiKey'> & OutboxStore & WebhookStore, now: () => number): OpenAPIHono<AuthEnv> {
  const app = new OpenAPIHono<AuthEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/actions',
      tags: ['actions'],
      summary: 'Pull actions from the outbox, oldest first',
      description: 'Without `cursor`, starts after what the consumer acknowledged. Pass the returned `cursor` to get the next page.',
      security: bearer,
      middleware: [requireRole(store, 'viewer')] as const,
      request: {
        query: z.object({
          consumer: Consumer.optional(),
          cursor: z.coerce.number().int().min(0).optional(),
          limit: z.coerce.number().int().min(1).max(1000).optional(),
        }),
      },
      responses: {
        200: json(z.object({ actions: z.array(Action), cursor: z.number().int() }), 'A page of actions and the cursor after it'),
        ...errors(400, 401, 403),
      },
    }),
    async (c) => {
      const { consumer, cursor, limit } = c.req.valid('query');
      const page = await store.pull({ consumer: consumer ?? 'default', ...(cursor === undefined ? {} : { after: cursor }), limit: limit ?? 100 });
      return c.json({ actions: page.entries.map(action), cursor: page.cursor }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/actions/ack',
      tags: ['actions'],
      summary: 'Acknowledge handled actions',
      security: bearer,
      middleware: [requireRole(store, 'operator')] as const,
      request: { body: jsonBody(AckRequest) },
      responses: {
        200: json(
          z.object({
            cursor: z.number().int(),
            acknowledged: z.number().int().optional(),
            pending: z.array(z.string()).optional().openapi({ description: 'Ids not acknowledged yet: an earlier action is still open' }),
          }),
          'The consumer cursor now',
        ),
        ...errors(400, 401, 403),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const consumer = body.consumer ?? 'default';
      if ('cursor' in body) return c.json({ cursor: await store.ack(consumer, body.cursor) }, 200);
      return c.json(await ackIds(store, consumer, body.ids), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/webhooks/dead-letters',
      tags: ['actions'],
      summary: 'Webhook deliveries that failed every attempt',
      security: bearer,
      middleware: [requireRole(store, 'viewer')] as const,
      request: { query: z.object({ cursor: z.string().max(64).optional(), limit: z.coerce.number().int().min(1).max(1000).optional() }) },
      responses: { 200: json(z.object({ deadLetters: z.array(DeadLetter), next: z.string().nullable() }), 'Dead letters'), ...errors(400, 401, 403) },
    }),
    async (c) => {
      const { cursor, limit } = c.req.valid('query');
      const page = await store.listDeliveries({ status: 'dead', ...(cursor ? { cursor } : {}), ...(limit ? { limit } : {}) });
      return c.json({ deadLetters: page.items.map(deadLetter), next: page.next ?? null }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/webhooks/dead-letters/{id}/retry',
      tags: ['actions'],
      summary: 'Put a dead letter back in the delivery queue',
      security: bearer,
      middleware: [requireRole(store, 'operator')] as const,
      request: { params: z.object({ id: z.string().max(256).openapi({ param: { name: 'id', in: 'path' } }) }) },
      responses: { 200: json(z.object({ id: z.string(), status: z.enum(['pending', 'delivered', 'dead']) }), 'Queued again'), ...errors(401, 403, 404, 409) },
    }),
    async (c) => {
      const delivery = await store.requeueDelivery(c.req.valid('param').id, now());
      return c.json({ id: delivery.id, status: delivery.status }, 200);
    },
  );

  return app;
}
