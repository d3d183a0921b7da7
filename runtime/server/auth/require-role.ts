/** Bearer-key authentication and role checks, as route middleware. */
import { createMiddleware } from 'hono/factory';
import type { ApiKeyStore } from '../../store/types.ts';
import { ApiError } from '../errors.ts';
import { hashKey, keyMatches, roleAllows, type Role } from './api-key.ts';

/** Who is calling: the key's public id and its role. */
export interface Principal {
  keyId: string;
  role: Role;
}

export type AuthEnv = { Variables: { principal: Principal } };

/** Reads the Bearer token; a missing or malformed header is a 401. */
function bearerToken(header: string | undefined): string {
  const match = header === undefined ? null : /^Bearer +([\x21-\x7e]{1,512}) *$/i.exec(header);
  if (match?.[1] === undefined) {
    throw new ApiError(401, 'unauthorized', 'send an API key as `Authorization: Bearer <key>`');
  }
  return match[1];
}

/** How many recently accepted keys keep their hash in memory. */
const KNOWN_KEYS_MAX = 1024;

/**
 * SHA-256 of keys the store recognised lately. Hashing the presented key cost more than the rest of an
 * ingestion request's authentication; the store is still asked every time, so a revoked key fails at once.
 * Only keys the store knew are kept (random keys from a caller cannot fill it), and it starts over when full.
 */
const knownKeyHashes = new Map<string, string>();

function hashOfPresented(key: string): string {
  return knownKeyHashes.get(key) ?? hashKey(key);
}

function rememberHash(key: string, hash: string): void {
  if (knownKeyHashes.has(key)) return;
  if (knownKeyHashes.size >= KNOWN_KEYS_MAX) knownKeyHashes.clear();
  knownKeyHashes.set(key, hash);
}

/**
 * Middleware: authenticates the Bearer key and requires at least `role` (ingest keys pass only `ingest` routes).
 * Sets `c.var.principal`.
 *
 * @example
 * createRoute({ method: 'get', path: '/journeys', middleware: [requireRole(store, 'viewer')], … })
 */
export function requireRole(keys: Pick<ApiKeyStore, 'findApiKey'>, role: Role) {
  return createMiddleware<AuthEnv>(async (c, next) => {
    const key = bearerToken(c.req.header('authorization'));
    const hash = hashOfPresented(key);
    const stored = await keys.findApiKey(hash);
    // The store finds by hash; the constant-time comparison guards against a store that matches loosely.
    if (stored === undefined || stored.revokedAt !== undefined || !keyMatches(key, stored.hash, hash)) {
      throw new ApiError(401, 'unauthorized', 'this API key is not valid');
    }
    rememberHash(key, hash);
    if (!roleAllows(stored.role, role)) {
      throw new ApiError(403, 'forbidden', `this needs the ${role} role; the key has the ${stored.role} role`);
    }
    c.set('principal', { keyId: stored.id, role: stored.role });
    await next();
  });
}
