/** API keys: generation, hashing for storage, constant-time comparison and what each role may do. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ApiRole } from '../../store/types.ts';

/** Roles, least to most powerful among people; ingest stands apart (it may only write events). */
export const ROLES = ['ingest', 'viewer', 'operator', 'admin'] as const satisfies readonly ApiRole[];
export type Role = ApiRole;

export interface IssuedKey {
  /** The full key, shown to its owner exactly once. */
  key: string;
  /** The public id, shown in key lists. */
  id: string;
  /** SHA-256 of the key (hex): the only form that is stored. */
  hash: string;
}

/**
 * Creates a new random key: `ls_<id>_<secret>`, where the secret is 32 random bytes.
 *
 * @example
 * const { key, id, hash } = issueKey(); // store { id, hash }, hand out `key`
 */
export function issueKey(): IssuedKey {
  const id = randomBytes(6).toString('hex');
  const key = `ls_${id}_${randomBytes(32).toString('base64url')}`;
  return { key, id, hash: hashKey(key) };
}

/**
 * Adopts a key chosen by the operator (`LIFECYCLE_ADMIN_KEY`). It must be long enough to be unguessable.
 *
 * @example
 * adoptKey('a-very-long-secret-of-at-least-24-characters').id; // "env-…"
 */
export function adoptKey(key: string): IssuedKey {
  if (key.length < 24 || key.length > 512 || !/^[\x21-\x7e]+$/.test(key)) {
    throw new Error('LIFECYCLE_ADMIN_KEY must be 24 to 512 printable ASCII characters without spaces');
  }
  const hash = hashKey(key);
  return { key, id: `env-${hash.slice(0, 8)}`, hash };
}

/** SHA-256 (hex) of a key. A high-entropy key needs no slow hash. @example hashKey('ls_…') */
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * Whether a presented key matches a stored hash, in time independent of where they differ. A caller that has
 * hashed the presented key already passes its hash.
 *
 * @example
 * keyMatches(presented, stored.hash)
 */
export function keyMatches(presented: string, storedHash: string, presentedHash: string = hashKey(presented)): boolean {
  const a = Buffer.from(presentedHash, 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Whether a key with `role` may call a route that needs `required`. Ingest keys may do nothing but ingest.
 *
 * @example
 * roleAllows('operator', 'viewer'); // true
 * roleAllows('ingest', 'viewer');   // false
 */
export function roleAllows(role: Role, required: Role): boolean {
  if (required === 'ingest') return true;
  if (role === 'ingest') return false;
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}
