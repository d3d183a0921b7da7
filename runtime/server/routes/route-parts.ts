/** Pieces every route definition shares: JSON bodies and answers, the error answers, and the Bearer security requirement. */
import { z } from '@hono/zod-openapi';
import type { ZodType } from 'zod';
import { ErrorBody } from '../errors.ts';

const ERROR_TEXT = {
  400: 'Malformed JSON or input that does not fit the schema',
  401: 'No API key, or a key that is not valid',
  403: "The key's role may not do this",
  404: 'No such resource',
  409: 'Conflicts with the current state (stale revision, wrong status, id taken)',
  413: 'The body is larger than the limit',
  415: 'Unsupported content type',
  422: 'The journey has errors (see diagnostics)',
  429: 'Too many ingestion requests for this key (see Retry-After)',
  503: 'The data directory cannot be written now (full or read-only); retry later',
} as const;

export type ErrorStatus = keyof typeof ERROR_TEXT;

/**
 * OpenAPI error answers for the given statuses (all share the `Error` schema).
 *
 * @example
 * responses: { 200: json(Thing, 'the thing'), ...errors(401, 403, 404) }
 */
export function errors(...statuses: ErrorStatus[]) {
  const out: Partial<Record<ErrorStatus, { description: string; content: { 'application/json': { schema: typeof ErrorBody } } }>> = {};
  for (const s of statuses) out[s] = { description: ERROR_TEXT[s], content: { 'application/json': { schema: ErrorBody } } };
  return out;
}

/** A JSON answer. @example json(JourneyList, 'the journeys') */
export function json<T extends ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** A required JSON request body. @example body: jsonBody(PublishRequest) */
export function jsonBody<T extends ZodType>(schema: T, description?: string) {
  return { required: true, ...(description ? { description } : {}), content: { 'application/json': { schema } } };
}

/** Every authenticated route declares this. */
export const bearer = [{ bearerAuth: [] }];

/** Epoch milliseconds as an ISO timestamp, as the API shows times. */
export const isoTime = (ms: number): string => new Date(ms).toISOString();

export const IsoTime = z.string().openapi({ format: 'date-time', example: '2026-01-31T08:00:00.000Z' });

export const Slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be lower-case letters, digits, - and _')
  .openapi({ example: 'dormancy-ladder' });
