/** /v1/keys (admin) and /v1/me: who am I, list, create and revoke API keys. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { NotFoundError, type ApiKeyRecord, type ApiKeyStore } from '../../store/types.ts';
import { issueKey, ROLES } from '../auth/api-key.ts';
import { requireRole, type AuthEnv } from '../auth/require-role.ts';
import { notFound } from '../errors.ts';
import { bearer, errors, IsoTime, isoTime, json, jsonBody } from './route-parts.ts';

const Role = z.enum(ROLES).openapi({ description: 'admin manages keys; operator edits and publishes; viewer reads; ingest only sends events' });

const KeyInfo = z
  .object({ id: z.string(), name: z.string(), role: Role, createdAt: IsoTime, revokedAt: IsoTime.nullable() })
  .openapi('ApiKey');

const keyInfo = (k: ApiKeyRecord) => ({
  id: k.id,
  name: k.name,
  role: k.role,
  createdAt: isoTime(k.createdAt),
  revokedAt: k.revokedAt === undefined ? null : isoTime(k.revokedAt),
});

/**
 * Key management and `/me`, mounted under /v1.
 *
 * @example
 * app.route('/v1', keyRoutes(store, () => Date.now()));
 */
export function keyRoutes(store: ApiKeyStore, now: () => number): OpenAPIHono<AuthEnv> {
  const app = new OpenAPIHono<AuthEnv>();
  const admin = requireRole(store, 'admin');

  app.openapi(
    createRoute({
      method: 'get',
      path: '/me',
      tags: ['access'],
      summary: "The calling key's role",
      security: bearer,
      middleware: [requireRole(store, 'ingest')] as const,
      responses: { 200: json(z.object({ role: Role, keyId: z.string() }), 'The role and key id'), ...errors(401) },
    }),
    (c) => c.json({ role: c.var.principal.role, keyId: c.var.principal.keyId }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/keys',
      tags: ['access'],
      summary: 'List API keys (never the keys themselves)',
      security: bearer,
      middleware: [admin] as const,
      responses: { 200: json(z.object({ keys: z.array(KeyInfo) }), 'The keys'), ...errors(401, 403) },
    }),
    async (c) => c.json({ keys: (await store.listApiKeys()).map(keyInfo) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/keys',
      tags: ['access'],
      summary: 'Create an API key; the key is in this answer only',
      security: bearer,
      middleware: [admin] as const,
      request: { body: jsonBody(z.strictObject({ name: z.string().min(1).max(200), role: Role })) },
      responses: {
        201: json(KeyInfo.extend({ key: z.string().openapi({ description: 'Shown once; only its hash is stored' }) }), 'The new key'),
        ...errors(400, 401, 403),
      },
    }),
    async (c) => {
      const { name, role } = c.req.valid('json');
      const issued = issueKey();
      const record = await store.createApiKey({ id: issued.id, name, role, hash: issued.hash, createdAt: now() });
      return c.json({ ...keyInfo(record), key: issued.key }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/keys/{keyId}',
      tags: ['access'],
      summary: 'Revoke an API key',
      security: bearer,
      middleware: [admin] as const,
      request: { params: z.object({ keyId: z.string().max(64).openapi({ param: { name: 'keyId', in: 'path' } }) }) },
      responses: { 200: json(KeyInfo, 'The revoked key'), ...errors(401, 403, 404) },
    }),
    async (c) => {
      const { keyId } = c.req.valid('param');
      try {
        return c.json(keyInfo(await store.revokeApiKey(keyId, now())), 200);
      } catch (error) {
        if (error instanceof NotFoundError) throw notFound(`API key "${keyId}"`);
        throw error;
      }
    },
  );

  return app;
}
