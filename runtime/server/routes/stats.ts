/** /v1/journeys/:id/stats: per-node counts, stage distribution now and per day, transitions, goal conversions. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { RuntimeStore } from '../../store/types.ts';
import { requireRole, type AuthEnv } from '../auth/require-role.ts';
import { notFound } from '../errors.ts';
import { journeyStats } from '../stats/journey-stats.ts';
import { bearer, errors, json, Slug } from './route-parts.ts';

const Counts = z.record(z.string(), z.number().int());

const Stats = z
  .object({
    journeyId: z.string(),
    customers: z.object({ entered: z.number().int(), active: z.number().int() }),
    nodes: z.record(z.string(), z.object({ entered: z.number().int(), waiting: z.number().int(), exited: z.number().int(), converted: z.number().int() })),
    stages: z.object({ now: Counts, daily: z.array(z.object({ date: z.string(), counts: Counts })) }),
    transitions: z.array(
      z.object({
        from: z.string().nullable().openapi({ description: 'null: the first stage a customer reached' }),
        to: z.string(),
        count: z.number().int(),
        rate: z.number().openapi({ description: 'count ÷ customers who ever reached `from` (0..1)' }),
      }),
    ),
    goals: z.array(z.object({ goal: z.string(), node: z.string(), converted: z.number().int(), rate: z.number() })),
  })
  .openapi('JourneyStats');

/**
 * The stats route, mounted under /v1.
 *
 * @example
 * app.route('/v1', statsRoutes(store, Date.now));
 */
export function statsRoutes(store: RuntimeStore, now: () => number): OpenAPIHono<AuthEnv> {
  const app = new OpenAPIHono<AuthEnv>();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/journeys/{id}/stats',
      tags: ['journeys'],
      summary: 'Numbers for the canvas overlay and the stage charts',
      security: bearer,
      middleware: [requireRole(store, 'viewer')] as const,
      request: {
        params: z.object({ id: Slug.openapi({ param: { name: 'id', in: 'path' } }) }),
        query: z.object({ days: z.coerce.number().int().min(1).max(366).optional().openapi({ description: 'Daily points (default 30)' }) }),
      },
      responses: { 200: json(Stats, 'The stats'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      if ((await store.getJourney(id)) === undefined) throw notFound(`journey "${id}"`);
      const stats = await journeyStats(store, id, { now: now(), days: c.req.valid('query').days ?? 30 });
      return c.json({ journeyId: id, ...stats }, 200);
    },
  );
  return app;
}
