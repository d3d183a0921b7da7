/** API errors: one JSON shape for every 4xx, and the global handler that keeps client input from ever causing a 500. */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import type { Diagnostic } from '../../dsl/diagnostics.ts';
import { InvalidStateError, NotFoundError, RevisionConflictError, StoreUnavailableError } from '../store/types.ts';

/** Machine-readable error codes the API answers with. */
export type ApiErrorCode =
  | 'bad_request'
  | 'invalid_json'
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'invalid_journey'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

/** A failure the client can act on. Thrown anywhere in a handler; the global handler turns it into JSON. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ApiErrorCode,
    message: string,
    readonly path?: string,
    readonly diagnostics?: Diagnostic[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** `404 not_found` with what was missing. @example throw notFound(`journey "${id}"`) */
export const notFound = (what: string): ApiError => new ApiError(404, 'not_found', `${what} does not exist`);

export const DiagnosticSchema = z
  .object({
    severity: z.enum(['error', 'warning']),
    code: z.string(),
    message: z.string(),
    path: z.array(z.union([z.string(), z.number()])),
    nodeId: z.string().optional(),
    span: z
      .object({ line: z.number(), column: z.number(), endLine: z.number(), endColumn: z.number() })
      .optional(),
  })
  .openapi('Diagnostic');

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      path: z.string().optional(),
      diagnostics: z.array(DiagnosticSchema).optional(),
    }),
  })
  .openapi('Error');
export type ErrorBody = z.infer<typeof ErrorBody>;

/** `body.events[2].userId` from a zod issue path, prefixed by where the input came from. */
function issuePath(target: string, path: readonly PropertyKey[]): string {
  let out = target;
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : `.${String(seg)}`;
  return out;
}

/**
 * The ApiError for a failed zod validation: the first issue's message and where it is.
 *
 * @example
 * const r = Schema.safeParse(input); if (!r.success) throw validationError(r.error, 'body');
 */
export function validationError(error: ZodError, target: string): ApiError {
  const issue = error.issues[0];
  if (issue === undefined) return new ApiError(400, 'validation_failed', 'invalid input', target);
  const path = issuePath(target, issue.path);
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? 's' : ''})` : '';
  return new ApiError(400, 'validation_failed', `${path}: ${issue.message}${more}`, path);
}

/** Sends the JSON error body. */
export function sendError(c: Context, error: ApiError): Response {
  const body: ErrorBody = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.path === undefined ? {} : { path: error.path }),
      ...(error.diagnostics === undefined ? {} : { diagnostics: error.diagnostics }),
    },
  };
  return c.json(body, error.status);
}

const HTTP_CODES: Partial<Record<number, ApiErrorCode>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

/** File-system failures that mean "the data directory cannot take writes now", not a bug. */
const STORAGE_ERRNOS = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EIO']);

/** Seconds a client should wait before writing again while storage is unavailable. */
const STORAGE_RETRY_AFTER_S = 5;

/**
 * Maps anything thrown to the JSON error body. Client mistakes become 4xx; anything else is a bug:
 * it is logged with its stack and answered with a 500 that reveals nothing.
 *
 * @example
 * app.onError(errorHandler(console.error));
 */
export function errorHandler(log: (message: string, error: unknown) => void) {
  return (err: unknown, c: Context): Response => {
    if (err instanceof ApiError) return sendError(c, err);
    // The store's own errors name the record; they are the client's to fix.
    if (err instanceof NotFoundError) return sendError(c, new ApiError(404, 'not_found', err.message));
    if (err instanceof RevisionConflictError || err instanceof InvalidStateError) return sendError(c, new ApiError(409, 'conflict', err.message));
    if (err instanceof ZodError) return sendError(c, validationError(err, 'input'));
    const errno = (err as { code?: unknown } | null)?.code;
    if (err instanceof StoreUnavailableError || (typeof errno === 'string' && STORAGE_ERRNOS.has(errno))) {
      log(`${c.req.method} ${c.req.path}: storage unavailable (${String(errno ?? (err as Error).message)}); answered 503`, undefined);
      c.header('Retry-After', String(STORAGE_RETRY_AFTER_S));
      return sendError(c, new ApiError(503, 'unavailable', 'the data directory cannot be written now (full, read-only or failing); nothing of this request was stored — retry later'));
    }
    if (err instanceof HTTPException) {
      const status = err.status as ContentfulStatusCode;
      const code: ApiErrorCode = /JSON/i.test(err.message) ? 'invalid_json' : (HTTP_CODES[status] ?? 'bad_request');
      if (status < 500) return sendError(c, new ApiError(status, code, err.message || 'bad request'));
    }
    if (err instanceof SyntaxError && /JSON/i.test(err.message)) {
      return sendError(c, new ApiError(400, 'invalid_json', 'the request body is not valid JSON'));
    }
    log(`${c.req.method} ${c.req.path} failed`, err);
    return sendError(c, new ApiError(500, 'internal', 'internal error; the server log has the details'));
  };
}
