/** /v1/customers/:id and its timeline: profile, facts, the journeys the customer is in, inputs and effects. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { identifiedEffect } from '../../engine/index.ts';
import type { ApiKeyStore, CustomerStore, HistoryStore } from '../../store/types.ts';
import { requireRole, type AuthEnv } from '../auth/require-role.ts';
import { notFound } from '../errors.ts';
import { bearer, errors, IsoTime, isoTime, json } from './route-parts.ts';

const CustomerId = z.object({ id: z.string().min(1).max(256).openapi({ param: { name: 'id', in: 'path' } }) });

const JourneyPlace = z
  .object({
    journeyId: z.string(),
    version: z.number().int(),
    status: z.enum(['active', 'exited', 'completed']),
    node: z.string(),
    since: IsoTime.openapi({ description: 'When the customer reached the node' }),
    enteredAt: IsoTime,
    stage: z.string().nullable(),
    stageSince: IsoTime.nullable(),
    exitedAt: IsoTime.nullable(),
    entries: z.number().int(),
  })
  .openapi('JourneyPlace');

const Customer = z
  .object({
    id: z.string(),
    profile: z.record(z.string(), z.unknown()),
    tags: z.array(z.string()),
    facts: z.record(z.string(), z.unknown()).openapi({ description: 'Computed aggregates: last activity, counts, spend, purchases' }),
    journeys: z.array(JourneyPlace),
  })
  .openapi('Customer');

const TimelineItem = z
  .object({ seq: z.number().int(), at: IsoTime, kind: z.enum(['input', 'effect']), input: z.unknown().optional(), effect: z.unknown().optional() })
  .openapi('TimelineEntry');

const optionalIso = (ms: number | undefined): string | null => (ms === undefined ? null : isoTime(ms));

/**
 * Customer routes, mounted under /v1.
 *
 * @example
 * app.route('/v1', customerRoutes(store));
 */
export function customerRoutes(store: Pick<ApiKeyStore, 'findApiKey'> & CustomerStore & HistoryStore): OpenAPIHono<AuthEnv> {
  const app = new OpenAPIHono<AuthEnv>();
  const viewer = requireRole(store, 'viewer');

  app.openapi(
    createRoute({
      method: 'get',
      path: '/customers/{id}',
      tags: ['customers'],
      summary: 'A customer: profile, facts and the journeys they are in',
      security: bearer,
      middleware: [viewer] as const,
      request: { params: CustomerId },
      responses: { 200: json(Customer, 'The customer'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const stored = await store.getCustomer(id);
      if (stored === undefined) throw notFound(`customer "${id}"`);
      const { state } = stored;
      const { lastEventAt, eventCounts, totalSpend, purchaseCount, firstSeenAt, lastActivityAt, firstPurchaseAt, lastPurchaseAt } = state.facts;
      return c.json(
        {
          id: state.customerId,
          profile: state.profile,
          tags: state.tags,
          facts: {
            firstSeenAt: optionalIso(firstSeenAt),
            lastActivityAt: optionalIso(lastActivityAt),
            firstPurchaseAt: optionalIso(firstPurchaseAt),
            lastPurchaseAt: optionalIso(lastPurchaseAt),
            totalSpend,
            purchaseCount,
            eventCounts,
            lastEventAt: Object.fromEntries(Object.entries(lastEventAt).map(([name, at]) => [name, isoTime(at)])),
          },
          journeys: Object.values(state.journeys).map((j) => ({
            journeyId: j.journeyId,
            version: j.version,
            status: j.status,
            node: j.node,
            since: isoTime(j.nodeEnteredAt),
            enteredAt: isoTime(j.enteredAt),
            stage: j.stage ?? null,
            stageSince: optionalIso(j.stageSince),
            exitedAt: optionalIso(j.exitedAt),
            entries: j.entries,
          })),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/customers/{id}/timeline',
      tags: ['customers'],
      summary: "A customer's inputs and effects, newest first",
      security: bearer,
      middleware: [viewer] as const,
      request: {
        params: CustomerId,
        query: z.object({ cursor: z.string().max(64).optional(), limit: z.coerce.number().int().min(1).max(1000).optional() }),
      },
      responses: {
        200: json(z.object({ entries: z.array(TimelineItem), next: z.string().nullable() }), 'One page of the timeline'),
        ...errors(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { cursor, limit } = c.req.valid('query');
      if ((await store.getCustomer(id)) === undefined) throw notFound(`customer "${id}"`);
      const page = await store.timeline(id, { ...(cursor ? { cursor } : {}), ...(limit ? { limit } : {}) });
      return c.json(
        {
          entries: page.items.map((e) =>
            e.kind === 'input' ? { seq: e.seq, at: isoTime(e.at), kind: e.kind, input: e.input } : { seq: e.seq, at: isoTime(e.at), kind: e.kind, effect: identifiedEffect(e.effect) },
          ),
          next: page.next ?? null,
        },
        200,
      );
    },
  );

  return app;
}
