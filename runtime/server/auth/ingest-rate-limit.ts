/** Per-key rate limit for ingestion: a token bucket per API key, answering 429 with Retry-After when it runs dry. */
import { createMiddleware } from 'hono/factory';
import type { AuthEnv } from './require-role.ts';

export interface IngestRateLimit {
  /** Requests per second each key may sustain. */
  perSecond: number;
  /** Requests a key may send at once after a quiet spell (the bucket size). Default: 2 × perSecond. */
  burst?: number;
}

/** Keys idle this long are forgotten (their bucket would be full again anyway). */
const FORGET_AFTER_MS = 10 * 60_000;

/**
 * Middleware for routes behind `requireRole`: counts one token per request against the calling key.
 * A key out of tokens gets `429 rate_limited` with `Retry-After` (whole seconds until one token is back).
 * Without a limit it lets everything through.
 *
 * @example
 * middleware: [requireRole(store, 'ingest'), ingestRateLimit({ perSecond: 200 }, Date.now)]
 */
export function ingestRateLimit(limit: IngestRateLimit | undefined, now: () => number) {
  if (limit === undefined) return createMiddleware<AuthEnv>(async (_c, next) => next());
  const rate = limit.perSecond / 1000;
  const burst = Math.max(1, limit.burst ?? limit.perSecond * 2);
  const buckets = new Map<string, { tokens: number; at: number }>();
  let lastSweep = now();
  return createMiddleware<AuthEnv>(async (c, next) => {
    const at = now();
    if (at - lastSweep > FORGET_AFTER_MS) {
      for (const [key, bucket] of buckets) if (at - bucket.at > FORGET_AFTER_MS) buckets.delete(key);
      lastSweep = at;
    }
    const keyId = c.var.principal.keyId;
    const bucket = buckets.get(keyId) ?? { tokens: burst, at };
    bucket.tokens = Math.min(burst, bucket.tokens + (at - bucket.at) * rate);
    bucket.at = at;
    buckets.set(keyId, bucket);
    if (bucket.tokens < 1) {
      const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / rate / 1000));
      c.header('Retry-After', String(retryAfter));
      return c.json(
        { error: { code: 'rate_limited', message: `this key sends more than ${limit.perSecond} ingestion requests per second; retry after ${retryAfter} s` } },
        429,
      );
    }
    bucket.tokens -= 1;
    await next();
  });
}
