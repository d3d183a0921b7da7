/** Refuses JSON bodies nested deeper than a limit, before anything parses them: deep nesting overflows the stack of recursive code (validation, cloning, the journal's JSON.stringify). */
import { createMiddleware } from 'hono/factory';
import { jsonTooDeepAt } from '../../dsl/json-depth.ts';
import { ApiError } from './errors.ts';

/**
 * Middleware: a JSON request body nested deeper than `maxDepth` is a `400 bad_request`. Runs after the body-size limit;
 * the body stays readable for the handlers (Hono caches it).
 *
 * @example
 * app.use('/v1/*', jsonDepthLimit(64));
 */
export function jsonDepthLimit(maxDepth: number) {
  return createMiddleware(async (c, next) => {
    const type = c.req.header('content-type') ?? '';
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && /json/i.test(type)) {
      const text = await c.req.text();
      if (jsonTooDeepAt(text, maxDepth) !== undefined) {
        throw new ApiError(400, 'bad_request', `the body nests arrays and objects more than ${maxDepth} levels deep`, 'body');
      }
    }
    await next();
  });
}
