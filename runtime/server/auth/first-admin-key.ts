/** Makes sure an admin can log in on a fresh install: creates (or adopts from the environment) the first admin key. */
import type { ApiKeyStore } from '../../store/types.ts';
import { adoptKey, issueKey } from './api-key.ts';

export interface BootstrappedKey {
  /** The key to print; the store keeps only its hash. */
  key: string;
  id: string;
  /** `env`: from LIFECYCLE_ADMIN_KEY; `generated`: created because the store had no key; `renewed`: asked for. */
  source: 'env' | 'generated' | 'renewed';
}

/**
 * With `envKey` (LIFECYCLE_ADMIN_KEY), makes that key an admin key if it is not one yet. Otherwise, when the
 * store has no usable key at all (or `renew` is set), creates a random admin key. Returns the key to print,
 * or undefined when existing keys are kept (their secrets cannot be shown again: only hashes are stored).
 *
 * @example
 * const first = await ensureAdminKey(store, { envKey: process.env.LIFECYCLE_ADMIN_KEY, now: Date.now() });
 * if (first) console.log(`admin key: ${first.key}`);
 */
export async function ensureAdminKey(
  store: ApiKeyStore,
  options: { envKey?: string | undefined; renew?: boolean; now: number },
): Promise<BootstrappedKey | undefined> {
  if (options.envKey !== undefined && options.envKey !== '') {
    const adopted = adoptKey(options.envKey);
    const existing = await store.findApiKey(adopted.hash);
    if (existing === undefined) {
      if ((await store.listApiKeys()).some((k) => k.id === adopted.id)) {
        throw new Error('LIFECYCLE_ADMIN_KEY was revoked by an admin; set a new value to create a new admin key');
      }
      await store.createApiKey({ id: adopted.id, name: 'LIFECYCLE_ADMIN_KEY', role: 'admin', hash: adopted.hash, createdAt: options.now });
    }
    return { key: adopted.key, id: adopted.id, source: 'env' };
  }
  const usable = (await store.listApiKeys()).filter((k) => k.revokedAt === undefined);
  if (usable.length > 0 && options.renew !== true) return undefined;
  const issued = issueKey();
  await store.createApiKey({
    id: issued.id,
    name: usable.length === 0 ? 'first admin key' : 'admin key (renewed at start)',
    role: 'admin',
    hash: issued.hash,
    createdAt: options.now,
  });
  return { key: issued.key, id: issued.id, source: usable.length === 0 ? 'generated' : 'renewed' };
}
