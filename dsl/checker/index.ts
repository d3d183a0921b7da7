/** The journey checker: schema validation, then types, params, durations, graph and ladder analysis, as sorted diagnostics. */
import type { Diagnostic, SpanLookup } from '../diagnostics.ts';
import { MAX_JSON_DEPTH, valueTooDeep } from '../json-depth.ts';
import { JourneyDocument } from '../schema/document.ts';
import type { ParamValue } from '../schema/params.ts';
import { checkDocument } from './journey-checker.ts';
import { schemaDiagnostics } from './schema-diagnostics.ts';
import { sortDiagnostics } from './sort-diagnostics.ts';

export interface CheckOptions {
  /** Text spans for JSON paths, when the document came from the text form or a JSON source with positions. */
  spans?: SpanLookup;
  /** The caller's param values, overriding the defaults (validated too). */
  params?: Record<string, ParamValue>;
}

export interface CheckResult {
  /** The validated document (defaults filled in), when it passed the schema — even if semantic checks found errors. */
  doc?: JourneyDocument;
  diagnostics: Diagnostic[];
}

/**
 * Checks a journey document (any JSON value) and never throws. The document is validated against the
 * schema first; only a schema-valid document gets the semantic checks. Diagnostics carry the JSON path,
 * the node id where one applies and, with `options.spans`, the text span; they are sorted by position.
 *
 * @example
 * const { doc, diagnostics } = checkJourney(JSON.parse(source), { params: { silentAfterDays: 60 } });
 * if (!hasErrors(diagnostics)) compile(doc!);
 */
export function checkJourney(input: unknown, options: CheckOptions = {}): CheckResult {
  // Validation and every later pass recurse; a document nested absurdly deep would overflow the stack.
  if (valueTooDeep(input, MAX_JSON_DEPTH)) {
    return { diagnostics: [{ severity: 'error', code: 'too-deep', message: `the document nests objects and lists more than ${MAX_JSON_DEPTH} levels deep`, path: [] }] };
  }
  const parsed = JourneyDocument.safeParse(input);
  let result: CheckResult;
  if (!parsed.success) {
    result = { diagnostics: schemaDiagnostics(parsed.error.issues, input) };
  } else {
    let diagnostics: Diagnostic[];
    try {
      diagnostics = checkDocument(parsed.data, options.params === undefined ? {} : { params: options.params });
    } catch (error) {
      diagnostics = [{ severity: 'error', code: 'checker-failure', message: `the checker failed on this document: ${error instanceof Error ? error.message : String(error)}`, path: [] }];
    }
    result = { doc: parsed.data, diagnostics };
  }
  const { spans } = options;
  if (spans !== undefined) {
    for (const d of result.diagnostics) {
      const span = spans(d.path);
      if (span !== undefined) d.span = span;
    }
  }
  result.diagnostics = sortDiagnostics(result.diagnostics, input);
  return result;
}

export { CHECK_CODES, type CheckCode } from './codes.ts';
export { CHECK_CODES_ZH, diagnosticMessageZh } from './messages-zh.ts';
export { checkDocument, type SemanticCheckOptions } from './journey-checker.ts';
export { schemaDiagnostics } from './schema-diagnostics.ts';
export { closestName, didYouMean } from './did-you-mean.ts';
export type { ConditionScope, DurationSite, JsonPath, NodeCheckContext, Reporter } from './context.ts';
