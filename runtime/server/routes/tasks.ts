/** /v1/tasks: staff tasks (the SOP part) listed per assignee and status, completed or postponed. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { ApiKeyStore, StaffTask, TaskStore } from '../../store/types.ts';
import { UNIT_MS } from '../../../dsl/schema/common.ts';
import { requireRole, type AuthEnv } from '../auth/require-role.ts';
import { ApiError } from '../errors.ts';
import type { Ingestor } from './ingest.ts';
import { bearer, errors, IsoTime, isoTime, json, jsonBody } from './route-parts.ts';

const Task = z
  .object({
    id: z.string(),
    customerId: z.string(),
    journeyId: z.string(),
    version: z.number().int(),
    node: z.string(),
    title: z.string(),
    assignee: z.string().nullable(),
    note: z.string().nullable(),
    status: z.enum(['open', 'done']),
    createdAt: IsoTime,
    dueAt: IsoTime.nullable(),
    postponedUntil: IsoTime.nullable(),
    completedAt: IsoTime.nullable(),
    completedBy: z.string().nullable(),
  })
  .openapi('StaffTask');

const optionalIso = (ms: number | undefined): string | null => (ms === undefined ? null : isoTime(ms));
const task = (t: StaffTask) => ({
  id: t.id,
  customerId: t.customerId,
  journeyId: t.journeyId,
  version: t.version,
  node: t.node,
  title: t.title,
  assignee: t.assignee ?? null,
  note: t.note ?? null,
  status: t.status,
  createdAt: isoTime(t.createdAt),
  dueAt: optionalIso(t.dueAt),
  postponedUntil: optionalIso(t.postponedUntil),
  completedAt: optionalIso(t.completedAt),
  completedBy: t.completedBy ?? null,
});

const TaskId = z.object({ id: z.string().min(1).max(512).openapi({ param: { name: 'id', in: 'path' } }) });

const PostponeRequest = z
  .union([
    z.strictObject({ until: z.iso.datetime({ offset: true }).openapi({ description: 'New due time' }) }),
    z.strictObject({ by: z.string().regex(/^[1-9][0-9]{0,5}(m|h|d|w)$/, 'must be a number and a unit m, h, d or w, e.g. "2d"').openapi({ description: 'Postpone by, from now' }) }),
  ])
  .openapi('PostponeTask');

/** The event a completed task sends: journeys can wait for it (`task_completed` with `properties.taskId`). */
export const TASK_COMPLETED_EVENT = 'task_completed';

/**
 * Task routes, mounted under /v1.
 *
 * @example
 * app.route('/v1', taskRoutes(store, ingest, Date.now));
 */
export function taskRoutes(store: Pick<ApiKeyStore, 'findApiKey'> & TaskStore, ingest: Ingestor, now: () => number): OpenAPIHono<AuthEnv> {
  const app = new OpenAPIHono<AuthEnv>();
  const operator = requireRole(store, 'operator');

  app.openapi(
    createRoute({
      method: 'get',
      path: '/tasks',
      tags: ['tasks'],
      summary: 'Staff tasks, filtered by assignee, status, customer or journey',
      security: bearer,
      middleware: [requireRole(store, 'viewer')] as const,
      request: {
        query: z.object({
          assignee: z.string().max(200).optional(),
          status: z.enum(['open', 'done']).optional(),
          customerId: z.string().max(256).optional(),
          journeyId: z.string().max(64).optional(),
          cursor: z.string().max(64).optional(),
          limit: z.coerce.number().int().min(1).max(1000).optional(),
        }),
      },
      responses: { 200: json(z.object({ tasks: z.array(Task), next: z.string().nullable() }), 'One page of tasks'), ...errors(400, 401, 403) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const query = Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as typeof q;
      const page = await store.listTasks(query);
      return c.json({ tasks: page.items.map(task), next: page.next ?? null }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/tasks/{id}/complete',
      tags: ['tasks'],
      summary: 'Mark a task done; sends a `task_completed` event (properties.taskId) for the customer',
      security: bearer,
      middleware: [operator] as const,
      request: { params: TaskId },
      responses: { 200: json(Task, 'The task'), ...errors(401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const at = now();
      const done = await store.completeTask(id, { at, by: c.var.principal.keyId });
      // Its input id is derived from the task, so completing twice (or a retry) has one effect.
      await ingest([
        {
          type: 'event',
          id: `task:${id}`,
          customerId: done.customerId,
          event: TASK_COMPLETED_EVENT,
          at: done.completedAt ?? at,
          properties: { taskId: id, journeyId: done.journeyId, node: done.node, ...(done.assignee ? { assignee: done.assignee } : {}) },
        },
      ]);
      return c.json(task(done), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/tasks/{id}/postpone',
      tags: ['tasks'],
      summary: 'Move a task to later (`until` a time, or `by` a duration from now)',
      security: bearer,
      middleware: [operator] as const,
      request: { params: TaskId, body: jsonBody(PostponeRequest) },
      responses: { 200: json(Task, 'The task'), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const at = now();
      let until: number;
      if ('until' in body) until = Date.parse(body.until);
      else {
        const unit = body.by.slice(-1) as 'm' | 'h' | 'd' | 'w';
        until = at + Number(body.by.slice(0, -1)) * UNIT_MS[unit];
      }
      if (until <= at) throw new ApiError(400, 'validation_failed', 'body.until: must be in the future', 'body.until');
      return c.json(task(await store.postponeTask(id, until)), 200);
    },
  );

  return app;
}
