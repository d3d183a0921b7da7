/** The text form's entry points for reading: a whole journey, or one condition (for the editor's condition fields). */
import type { Diagnostic, SpanLookup, TextSpan } from '../diagnostics.ts';
import { Condition } from '../schema/condition.ts';
import { JourneyDocument } from '../schema/document.ts';
import { parseCondition } from './condition-parser.ts';
import { parseDocumentStatements } from './document-parser.ts';
import { lexJourneyText } from './lexer.ts';
import type { LexError, Token } from './lexer.ts';
import { schemaDiagnostics } from './schema-diagnostics.ts';
import { SpanMap } from './span-map.ts';
import { ParseFailure, TokenStream } from './token-stream.ts';

export interface JourneyTextResult {
  /** The validated document (defaults filled in); absent when there is any error. */
  doc?: JourneyDocument;
  diagnostics: Diagnostic[];
  /** JSON path → text span (or its nearest ancestor's). */
  spans: SpanLookup;
}

export interface ConditionTextResult {
  condition?: Condition;
  diagnostics: Diagnostic[];
  spans: SpanLookup;
}

/**
 * Reads a journey in the text form. Never throws: syntax errors (code `syntax`) and schema errors
 * (code `schema`) come back as diagnostics with line:col.
 *
 * @example
 * const { doc, diagnostics } = parseJourneyText('journey demo version 1\nname zh "演示" en "Demo"\nentry on signup -> bye\nnode bye: exit');
 * diagnostics; // []
 * doc?.nodes[0]; // { id: 'bye', kind: 'exit' }
 */
export function parseJourneyText(source: string): JourneyTextResult {
  const { tokens, errors: lexErrors } = lexJourneyText(source);
  const spans = new SpanMap(wholeText(tokens));
  const lookup = spans.toLookup();
  if (lexErrors.length > 0) return { diagnostics: lexErrors.map(lexDiagnostic), spans: lookup };
  const { json, errors } = parseDocumentStatements({ stream: new TokenStream(tokens), spans });
  if (errors.length > 0) return { diagnostics: errors, spans: lookup };
  const result = JourneyDocument.safeParse(json);
  if (!result.success) return { diagnostics: schemaDiagnostics(result.error.issues, json, lookup), spans: lookup };
  return { doc: result.data, diagnostics: [], spans: lookup };
}

/**
 * Reads one condition, e.g. from an inspector field. Paths in the result are relative to the condition.
 *
 * @example
 * parseConditionText('purchaseCount >= 1 and "vip" in tags').condition;
 * // { all: [{ fact: 'purchaseCount', operator: 'greaterThanInclusive', value: 1 }, { fact: 'tags', operator: 'contains', value: 'vip' }] }
 */
export function parseConditionText(source: string): ConditionTextResult {
  const { tokens, errors: lexErrors } = lexJourneyText(source);
  const spans = new SpanMap(wholeText(tokens));
  const lookup = spans.toLookup();
  if (lexErrors.length > 0) return { diagnostics: lexErrors.map(lexDiagnostic), spans: lookup };
  const stream = new TokenStream(tokens);
  let json: Condition;
  try {
    json = parseCondition({ stream, spans }, []);
    if (!stream.atEnd()) stream.fail('the end of the condition', 'join conditions with `and` or `or`');
  } catch (failure) {
    if (!(failure instanceof ParseFailure)) throw failure;
    return { diagnostics: [{ severity: 'error', code: 'syntax', message: failure.message, path: [], span: failure.span }], spans: lookup };
  }
  const result = Condition.safeParse(json);
  if (!result.success) return { diagnostics: schemaDiagnostics(result.error.issues, json, lookup), spans: lookup };
  return { condition: result.data, diagnostics: [], spans: lookup };
}

const lexDiagnostic = (error: LexError): Diagnostic => ({ severity: 'error', code: 'syntax', message: error.message, path: [], span: error.span });

function wholeText(tokens: readonly Token[]): TextSpan {
  const last = tokens[tokens.length - 1] as Token;
  return { line: 1, column: 1, endLine: last.span.endLine, endColumn: last.span.endColumn };
}
