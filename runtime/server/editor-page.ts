/** Serves the built editor (static files, SPA fallback to index.html) under strict security headers, or a placeholder until it is built. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Env, Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * The page's Content-Security-Policy. Everything loads from this origin only. Two allowances exist
 * because Monaco needs them: `style-src 'unsafe-inline'` (it injects style elements and inline styles
 * for decorations and the minimap) and `worker-src blob:` (its language workers may start from blob URLs).
 * `data:` fonts/images cover Monaco's codicon font and inline icons. No script may run inline or from elsewhere.
 */
export const EDITOR_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  workerSrc: ["'self'", 'blob:'],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

const PLACEHOLDER = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Lifecycle Studio</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222}code{background:#f3f3f3;padding:0 .3em}</style>
</head><body>
<h1>Lifecycle Studio</h1>
<p>The API is running under <code>/v1</code> (see <a href="/v1/openapi.json">/v1/openapi.json</a> and <a href="/v1/health">/v1/health</a>).</p>
<p>The editor has not been built yet: run <code>npm run build:editor</code>, or start with <code>npm start</code>, which builds it.</p>
</body></html>`;

/**
 * Mounts the editor at `/` on `app`: files from `distDir`, and index.html for every other GET outside `/v1`
 * so client-side routes survive a reload. `/v1/*` is left to the API.
 *
 * @example
 * mountEditorPage(app, '/srv/lifecycle-studio/editor/dist');
 */
export function mountEditorPage<E extends Env>(app: Hono<E>, distDir: string): void {
  const pageHeaders = secureHeaders({
    contentSecurityPolicy: EDITOR_CSP,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: 'no-referrer',
    xFrameOptions: 'DENY',
  });
  const isPage = (path: string): boolean => path !== '/v1' && !path.startsWith('/v1/');
  app.use('*', async (c, next) => (isPage(c.req.path) ? pageHeaders(c, next) : next()));

  const built = existsSync(join(distDir, 'index.html'));
  if (!built) {
    app.get('*', (c, next) => (isPage(c.req.path) ? c.html(PLACEHOLDER) : next()));
    return;
  }
  const files = serveStatic({ root: distDir });
  const index = serveStatic({ root: distDir, path: 'index.html' });
  app.get('*', async (c, next) => {
    if (!isPage(c.req.path)) return next();
    // Hashed assets are immutable; index.html must be revalidated so a new build is picked up.
    const response = await files(c, async () => {});
    if (response) {
      if (c.req.path.startsWith('/assets/')) response.headers.set('Cache-Control', 'public, max-age=31536000, immutable');
      return response;
    }
    const page = await index(c, next);
    page?.headers.set('Cache-Control', 'no-cache');
    return page;
  });
}
