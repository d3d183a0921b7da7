/** The request-size limit; JSON bodies are read once, straight from Node's request, into Hono's body cache (no web Request or stream is built for them). */
import { IncomingMessage } from 'node:http';
import { bodyLimit as honoBodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';

/** The same test the JSON depth limit and the routes use to decide a body is JSON. */
const JSON_TYPE = /json/i;

/** Decodes like `Request.text()`: UTF-8, a leading byte-order mark dropped, bad bytes replaced. */
const utf8 = new TextDecoder();

/**
 * Node's request stream, when this request came through `@hono/node-server` and nothing has started reading its body.
 * Anything else (in-process `app.request`, HTTP/2, a body already being read) goes the web-standard way.
 */
function unreadIncoming(env: unknown): IncomingMessage | undefined {
  const incoming = (env as { incoming?: unknown } | undefined)?.incoming;
  if (!(incoming instanceof IncomingMessage)) return undefined;
  return incoming.readableFlowing === null && !incoming.readableDidRead ? incoming : undefined;
}

/** The whole body, or undefined as soon as it grows past `maxBytes` (the rest is left for the server to drain). */
function readIncoming(incoming: IncomingMessage, maxBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (): void => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
      incoming.off('close', onClose);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) {
        stop();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      stop();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onError = (error: Error): void => {
      stop();
      reject(error);
    };
    // A client that hangs up mid-body: 'close' without 'end' (newer Node versions also emit an 'aborted' error).
    const onClose = (): void => {
      stop();
      reject(new Error('the client closed the connection before the body arrived'));
    };
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
    incoming.on('close', onClose);
  });
}

/**
 * Middleware: a body larger than `maxBytes` calls `onTooLarge` (which throws or answers), exactly like
 * `hono/body-limit` — a declared Content-Length over the limit is refused before anything is read. A JSON body
 * (`Content-Type` mentioning json) that arrived through `@hono/node-server` is read here, whole, and put in
 * `c.req.bodyCache.text`: `c.req.text()` and `c.req.json()` then parse it without the web `Request` and
 * `ReadableStream` that reading `c.req.raw` builds per request. Other bodies go through `hono/body-limit`.
 *
 * @example
 * app.use('/v1/*', bodyLimit(5 * 1024 * 1024, () => { throw new ApiError(413, 'payload_too_large', 'too large') }));
 */
export function bodyLimit(maxBytes: number, onTooLarge: () => never) {
  const webLimit = honoBodyLimit({ maxSize: maxBytes, onError: onTooLarge });
  return createMiddleware(async (c, next) => {
    const method = c.req.method;
    // GET and HEAD requests carry no body (a web Request refuses one); asking for it would build the web Request.
    if (method === 'GET' || method === 'HEAD') return next();
    const incoming = unreadIncoming(c.env);
    if (incoming === undefined || !JSON_TYPE.test(incoming.headers['content-type'] ?? '')) return webLimit(c, next);
    const declared = incoming.headers['content-length'];
    if (declared !== undefined && incoming.headers['transfer-encoding'] === undefined && parseInt(declared, 10) > maxBytes) onTooLarge();
    const body = await readIncoming(incoming, maxBytes);
    if (body === undefined) onTooLarge();
    // Hono keeps promises in its body cache (`json()` chains on the cached text), though its type says string.
    (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve(utf8.decode(body));
    await next();
  });
}
