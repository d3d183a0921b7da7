/** Orders diagnostics by where they are: text position when known, otherwise the order of the document as written. */
import type { Diagnostic } from '../diagnostics.ts';

/** A path as positions: array indices as they are, object keys as their order in the written document. */
function documentOrder(input: unknown, path: readonly (string | number)[]): number[] {
  const order: number[] = [];
  let value = input;
  for (const key of path) {
    if (typeof key === 'number') {
      order.push(key);
    } else {
      const keys = value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
      const index = keys.indexOf(key);
      order.push(index === -1 ? keys.length : index);
    }
    value = value !== null && typeof value === 'object' && Object.hasOwn(value, key) ? (value as Record<string | number, unknown>)[key] : undefined;
  }
  return order;
}

function compareLists(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return a.length - b.length;
}

/**
 * The diagnostics sorted by text span (line, then column) where both have one, then by document
 * order; errors before warnings at the same place. Stable for equal positions.
 *
 * @example
 * sortDiagnostics(diagnostics, JSON.parse(source));
 */
export function sortDiagnostics(diagnostics: readonly Diagnostic[], input: unknown): Diagnostic[] {
  const keyed = diagnostics.map((d) => ({ d, order: documentOrder(input, d.path) }));
  keyed.sort((x, y) => {
    const a = x.d.span;
    const b = y.d.span;
    const bySpan = a !== undefined && b !== undefined ? a.line - b.line || a.column - b.column : 0;
    if (bySpan !== 0) return bySpan;
    const byPath = compareLists(x.order, y.order);
    if (byPath !== 0) return byPath;
    return (x.d.severity === 'error' ? 0 : 1) - (y.d.severity === 'error' ? 0 : 1);
  });
  return keyed.map((k) => k.d);
}
