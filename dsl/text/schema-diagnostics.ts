/** Schema problems of a document read from text: the checker's wording, plus the text span and the statement to write. */
import type { z } from 'zod';
import { schemaDiagnostics as checkerSchemaDiagnostics } from '../checker/schema-diagnostics.ts';
import type { Diagnostic, SpanLookup } from '../diagnostics.ts';

type Issue = z.core.$ZodIssue;

/** What to write when a top-level part is missing, in the text form's words. */
const TOP_LEVEL_STATEMENTS: Readonly<Record<string, string>> = {
  id: '`journey <id> version <n>`',
  version: '`journey <id> version <n>`',
  name: '`name zh "…" en "…"`',
  entry: '`entry on <event> -> <node>`',
  nodes: 'at least one `node`',
};

/**
 * One Diagnostic per schema issue, worded like the checker's (so JSON and text read alike), located in the text.
 *
 * @example
 * schemaDiagnostics(result.error.issues, json, spans); // [{ code: 'schema', path: ['nodes', 0, 'stage'], span: {…}, … }]
 */
export function schemaDiagnostics(issues: readonly Issue[], json: unknown, spans: SpanLookup): Diagnostic[] {
  return checkerSchemaDiagnostics(issues, json).map((d) => {
    const top = d.path.length === 1 && typeof d.path[0] === 'string' ? TOP_LEVEL_STATEMENTS[d.path[0]] : undefined;
    const missing = top !== undefined && json !== null && typeof json === 'object' && !((d.path[0] as string) in json);
    const span = d.span ?? spans(d.path);
    return { ...d, ...(missing ? { message: `missing ${top}` } : {}), ...(span !== undefined ? { span } : {}) };
  });
}
