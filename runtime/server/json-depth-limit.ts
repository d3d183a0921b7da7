/** Refuses JSON bodies nested deeper than a limit, before anything parses them: deep nesting overflows the stack of recursive code (validation, cloning, the journal's JSON.stringify). */
import { createMiddleware } from 'hono/factory';
import { ApiError } from './errors.ts';

/**
 * How deeply `text` nests arrays and objects, stopping early once it passes `limit` (strings are skipped, escapes honoured).
 *
 * @example
 * jsonNestingDepth('{"a":[1,[2]]}', 64); // 3
 */
export function jsonNestingDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92) i++;
      else if (ch === 34) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 123 || ch === 91) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (ch === 125 || ch === 93) depth--;
  }
  return deepest;
}

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
      if (jsonNestingDepth(text, maxDepth) > maxDepth) {
        throw new ApiError(400, 'bad_request', `the body nests arrays and objects more than ${maxDepth} levels deep`, 'body');
      }
    }
    await next();
  });
}
