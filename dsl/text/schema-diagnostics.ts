/** Turns zod's issues on a parsed document into Diagnostics with their JSON path, node id and text span. */
import type { z } from 'zod';
import { formatPath } from '../diagnostics.ts';
import type { Diagnostic, SpanLookup } from '../diagnostics.ts';

type Issue = z.core.$ZodIssue;

const TOP_LEVEL_STATEMENTS: Readonly<Record<string, string>> = {
  id: '`journey <id> version <n>`',
  version: '`journey <id> version <n>`',
  name: '`name zh "…" en "…"`',
  entry: '`entry on <event> -> <node>`',
  nodes: 'at least one `node`',
};

/**
 * One Diagnostic per schema issue. A union issue (a node or action that fits none of its shapes) is replaced by
 * the issues of the shape it came closest to, so the message names the real field.
 *
 * @example
 * schemaDiagnostics(result.error.issues, json, spans); // [{ code: 'schema', path: ['nodes', 0, 'stage'], span: {…}, … }]
 */
export function schemaDiagnostics(issues: readonly Issue[], json: unknown, spans: SpanLookup): Diagnostic[] {
  return flatten(issues, []).map((issue) => {
    const path = issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment));
    const nodeId = nodeIdAt(json, path);
    const missing = path.length === 1 && issue.code === 'invalid_type' && TOP_LEVEL_STATEMENTS[path[0] as string];
    const message = missing ? `missing ${missing}` : `${formatPath(path)}: ${issue.message}`;
    const span = spans(path);
    return { severity: 'error', code: 'schema', message, path, ...(nodeId !== undefined ? { nodeId } : {}), ...(span !== undefined ? { span } : {}) };
  });
}

function flatten(issues: readonly Issue[], prefix: readonly PropertyKey[]): Issue[] {
  return issues.flatMap((issue): Issue[] => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0] as Issue[];
      if (closest.length > 0) return flatten(closest, path);
    }
    return [{ ...issue, path } as Issue];
  });
}

function nodeIdAt(json: unknown, path: readonly (string | number)[]): string | undefined {
  if (path[0] !== 'nodes' || typeof path[1] !== 'number' || typeof json !== 'object' || json === null) return undefined;
  const nodes = (json as { nodes?: unknown }).nodes;
  const node = Array.isArray(nodes) ? (nodes[path[1]] as { id?: unknown } | undefined) : undefined;
  return typeof node?.id === 'string' ? node.id : undefined;
}
