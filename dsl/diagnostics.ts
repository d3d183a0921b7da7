/** Diagnostics: what is wrong, how badly, and where (node id, JSON path, and line:col for text). */

export type Severity = 'error' | 'warning';

/** A path into a JSON document: property names and array indexes. */
export type JsonPath = readonly (string | number)[];

/** A position in the text form, 1-based. */
export interface TextSpan {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Diagnostic {
  severity: Severity;
  /** Stable machine-readable code, e.g. `unknown-fact`, `unreachable-node`, `ladder-gap`. */
  code: string;
  message: string;
  /** JSON path into the document, e.g. `["nodes", 3, "branches", 0, "when", "all", 1, "fact"]`. */
  path: (string | number)[];
  /** The node the problem belongs to, when there is one. */
  nodeId?: string;
  /** Where in the text form, when the document came from text. */
  span?: TextSpan;
}

/** `nodes[3].branches[0].when` — a JSON path in the form users read. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out === '' ? '$' : out;
}

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean => diagnostics.some((d) => d.severity === 'error');

/** Finds the text span of a JSON path (or of its nearest ancestor that has one). Built by the text parser and the JSON loader. */
export type SpanLookup = (path: readonly (string | number)[]) => TextSpan | undefined;
