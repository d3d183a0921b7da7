/** The error a compile step raises when a document (or a param value) cannot become a plan; it says where. */

/** A JSON path segment list, as in {@link import('../diagnostics.ts').Diagnostic}. */
import type { JsonPath } from '../diagnostics.ts';

export type { JsonPath };

/**
 * Raised by compile steps; `compileJourney` turns it into an `error` diagnostic with the same code and path.
 *
 * @example
 * throw new CompileError('unknown-param', 'param "limit" is not declared', ['nodes', 2, 'duration']);
 */
export class CompileError extends Error {
  readonly code: string;
  readonly path: JsonPath;
  readonly nodeId: string | undefined;

  constructor(code: string, message: string, path: JsonPath, nodeId?: string) {
    super(message);
    this.name = 'CompileError';
    this.code = code;
    this.path = path;
    this.nodeId = nodeId;
  }

  /** The same error located under a parent path (and node), for errors raised by helpers that only know a relative path. */
  under(prefix: JsonPath, nodeId?: string): CompileError {
    return new CompileError(this.code, this.message, [...prefix, ...this.path], this.nodeId ?? nodeId);
  }
}
