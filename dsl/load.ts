/** Turns the text of a journey file (JSON or the text form) into a checked document with located diagnostics. */
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { checkJourney } from './checker/index.ts';
import type { Diagnostic, SpanLookup, TextSpan } from './diagnostics.ts';
import { jsonTooDeepAt, MAX_JSON_DEPTH } from './json-depth.ts';
import type { ParamValue } from './schema/params.ts';
import type { JourneyDocument } from './schema/document.ts';
import { parseJourneyText } from './text/index.ts';

export type JourneyFormat = 'json' | 'text';

export interface LoadedJourney {
  format: JourneyFormat;
  /** The document, when it is well-formed enough to be one (it may still have checker errors). */
  doc?: JourneyDocument;
  diagnostics: Diagnostic[];
}

/** 1-based line/column of every offset, computed once per source. */
function offsetLocator(source: string): (offset: number) => { line: number; column: number } {
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) lineStarts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (lineStarts[lo] ?? 0) + 1 };
  };
}

function spanOf(locate: ReturnType<typeof offsetLocator>, offset: number, length: number): TextSpan {
  const start = locate(offset);
  const end = locate(offset + Math.max(length, 0));
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

const JSON_ERROR_TEXT: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected `:` after the property name',
  CommaExpected: 'expected `,` between entries',
  CloseBraceExpected: 'expected `}` — the object is not closed (truncated file?)',
  CloseBracketExpected: 'expected `]` — the array is not closed (truncated file?)',
  EndOfFileExpected: 'unexpected content after the end of the JSON value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string (truncated file?)',
  UnexpectedEndOfNumber: 'number ends abruptly',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in string',
};

/** Guesses the format: JSON when the first meaningful character opens a JSON value. */
export function detectFormat(source: string, fileName?: string): JourneyFormat {
  if (fileName?.toLowerCase().endsWith('.json')) return 'json';
  const first = source.replace(/^\uFEFF/, '').trimStart()[0];
  return first === '{' || first === '[' || first === '"' ? 'json' : 'text';
}

function loadJson(source: string, params: Record<string, ParamValue> | undefined): LoadedJourney {
  const locate = offsetLocator(source);
  const tooDeep = jsonTooDeepAt(source, MAX_JSON_DEPTH);
  if (tooDeep !== undefined) {
    return {
      format: 'json',
      diagnostics: [{ severity: 'error', code: 'too-deep', message: `the JSON nests objects and lists more than ${MAX_JSON_DEPTH} levels deep`, path: [], span: spanOf(locate, tooDeep, 1) }],
    };
  }
  const errors: ParseError[] = [];
  const root = parseTree(source, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length > 0 || root === undefined) {
    const first = errors[0];
    const offset = first?.offset ?? 0;
    const code = first ? printParseErrorCode(first.error) : 'ValueExpected';
    return {
      format: 'json',
      diagnostics: [
        {
          severity: 'error',
          code: 'json-syntax',
          message:
            offset >= source.trimEnd().length
              ? `invalid JSON: the file ends before the journey does (truncated?): ${JSON_ERROR_TEXT[code] ?? code}`
              : `invalid JSON: ${JSON_ERROR_TEXT[code] ?? code}`,
          path: [],
          span: spanOf(locate, offset, first?.length ?? 0),
        },
      ],
    };
  }
  if (root.type !== 'object') {
    return {
      format: 'json',
      diagnostics: [
        {
          severity: 'error',
          code: 'not-a-journey',
          message: `expected a journey object at the top level, found ${root.type === 'array' ? 'an array' : `a ${root.type}`}`,
          path: [],
          span: spanOf(locate, root.offset, 1),
        },
      ],
    };
  }
  const spans: SpanLookup = (path) => {
    for (let n = path.length; n >= 0; n--) {
      const node: JsonNode | undefined = findNodeAtLocation(root, [...path.slice(0, n)]);
      if (node !== undefined) {
        // Point at the property key when there is one: that is where a reader looks.
        const at = node.parent?.type === 'property' ? node.parent : node;
        return spanOf(locate, at.offset, at.type === 'property' ? (at.children?.[0]?.length ?? at.length) : at.length);
      }
    }
    return undefined;
  };
  const value: unknown = JSON.parse(source.replace(/^\uFEFF/, ''));
  const checked = checkJourney(value, { spans, ...(params ? { params } : {}) });
  return { format: 'json', ...checked };
}

function loadText(source: string, params: Record<string, ParamValue> | undefined): LoadedJourney {
  const parsed = parseJourneyText(source);
  if (parsed.doc === undefined) return { format: 'text', diagnostics: parsed.diagnostics };
  const checked = checkJourney(parsed.doc, { spans: parsed.spans, ...(params ? { params } : {}) });
  return { format: 'text', ...checked, diagnostics: [...parsed.diagnostics, ...checked.diagnostics] };
}

/**
 * Loads a journey from its source text, in either form, and checks it.
 * Never throws: everything wrong with the input comes back as a diagnostic with a span.
 *
 * @example
 * const { doc, diagnostics } = loadJourneySource(readFileText('ladder.journey'), { fileName: 'ladder.journey' });
 * if (!hasErrors(diagnostics)) console.log(doc!.id);
 */
export function loadJourneySource(
  source: string,
  options: { fileName?: string; format?: JourneyFormat; params?: Record<string, ParamValue> } = {},
): LoadedJourney {
  const format = options.format ?? detectFormat(source, options.fileName);
  if (source.trim() === '') {
    return {
      format,
      diagnostics: [{ severity: 'error', code: 'empty', message: 'the file is empty — expected a journey', path: [], span: { line: 1, column: 1, endLine: 1, endColumn: 1 } }],
    };
  }
  return format === 'json' ? loadJson(source, options.params) : loadText(source, options.params);
}

/**
 * Decodes file bytes as UTF-8, refusing binary content (NUL bytes or invalid UTF-8).
 *
 * @example
 * const text = decodeJourneyBytes(new TextEncoder().encode('journey x version 1'));
 * typeof text === 'string'; // true
 */
export function decodeJourneyBytes(bytes: Uint8Array): string | { error: string } {
  if (bytes.includes(0)) return { error: 'this is a binary file, not a journey (it contains NUL bytes)' };
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { error: 'this file is not valid UTF-8 text, so it cannot be a journey' };
  }
}
