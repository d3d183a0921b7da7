/** Records where each JSON path of a parsed document sits in the text, and answers span lookups for it. */
import type { SpanLookup, TextSpan } from '../diagnostics.ts';

import type { JsonPath } from '../diagnostics.ts';

export type { JsonPath };

/** The span from the start of `first` to the end of `last`. */
export const spanJoin = (first: TextSpan, last: TextSpan): TextSpan => ({
  line: first.line,
  column: first.column,
  endLine: last.endLine,
  endColumn: last.endColumn,
});

/** Path → span, filled while parsing; a lookup falls back to the nearest ancestor with a span. */
export class SpanMap {
  readonly #spans = new Map<string, { path: JsonPath; span: TextSpan }>();

  constructor(readonly root: TextSpan) {}

  set(path: JsonPath, span: TextSpan): void {
    this.#spans.set(JSON.stringify(path), { path, span });
  }

  /** Copies every span of `from` into this map with `prefix` put in front of its path. */
  adopt(from: SpanMap, prefix: JsonPath): void {
    for (const { path, span } of from.#spans.values()) this.set([...prefix, ...path], span);
  }

  /**
   * @example
   * spans.lookup(['nodes', 3, 'branches', 0, 'when']); // the condition's span, or the branch's, or the node's…
   */
  lookup(path: JsonPath): TextSpan {
    for (let length = path.length; length >= 0; length--) {
      const found = this.#spans.get(JSON.stringify(path.slice(0, length)));
      if (found !== undefined) return found.span;
    }
    return this.root;
  }

  /** The lookup as the shared `SpanLookup` function type. */
  toLookup(): SpanLookup {
    return (path) => this.lookup(path);
  }
}
