/** Checks the open journey: its text form (printed, or as the user typed it), and the located diagnostics for markers, node badges and the problems list. */
import type { Diagnostic } from '../../dsl/diagnostics.ts';
import { loadJourneySource, type JourneyFormat } from '../../dsl/load.ts';
import type { JourneyDocument } from '../../dsl/schema/document.ts';
import { printJourneyText } from '../../dsl/text/index.ts';

export interface Analysis {
  /** The source the diagnostics' spans refer to. */
  source: string;
  format: JourneyFormat;
  /** The checked document (defaults filled in) when the source is a document at all. */
  doc?: JourneyDocument;
  diagnostics: Diagnostic[];
}

/**
 * Checks a document by printing it in the given form and loading that back, so every diagnostic has a span in the source the panel shows.
 *
 * @example
 * analyzeDocument(doc, 'text').diagnostics.filter((d) => d.nodeId === 'wait_30d');
 */
export function analyzeDocument(doc: JourneyDocument, format: JourneyFormat): Analysis {
  // The workspace (badges, problems) and the DSL panel (markers) ask about the same document: check it once.
  const cached = analyses.get(doc)?.[format];
  if (cached) return cached;
  const analysis = analyzeSource(documentSource(doc, format), format);
  analyses.set(doc, { ...analyses.get(doc), [format]: analysis });
  return analysis;
}

/** Analyses per document object (documents are never mutated: every change makes a new one). */
const analyses = new WeakMap<JourneyDocument, Partial<Record<JourneyFormat, Analysis>>>();

/**
 * The source the DSL panel shows for a document: its canonical text form, or indented JSON.
 *
 * @example
 * documentSource(doc, 'json').startsWith('{'); // true
 */
export function documentSource(doc: JourneyDocument, format: JourneyFormat): string {
  return format === 'text' ? printJourneyText(doc) : JSON.stringify(doc, null, 2);
}

/**
 * Checks source typed by the user.
 *
 * @example
 * analyzeSource('journey x …', 'text').doc; // undefined when it does not parse
 */
export function analyzeSource(source: string, format: JourneyFormat): Analysis {
  const loaded = loadJourneySource(source, { format });
  return { source, format, ...(loaded.doc ? { doc: loaded.doc } : {}), diagnostics: loaded.diagnostics };
}

/** Diagnostics grouped by node id, for the badges on the canvas. */
export function diagnosticsByNode(diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const id = d.nodeId ?? (d.path[0] === 'entry' ? '$entry' : undefined);
    if (id === undefined) continue;
    out.set(id, [...(out.get(id) ?? []), d]);
  }
  return out;
}

/**
 * Keeps the canvas positions when a document arrives from text or JSON without them (or with fewer).
 *
 * @example
 * keepLayout(parsedFromText, current).layout; // current positions for the nodes that still exist
 */
export function keepLayout(next: JourneyDocument, current: JourneyDocument | undefined): JourneyDocument {
  if (current?.layout === undefined) return next;
  const ids = new Set(next.nodes.map((n) => n.id));
  const carried = Object.fromEntries(Object.entries(current.layout).filter(([id]) => ids.has(id)));
  return { ...next, layout: { ...carried, ...(next.layout ?? {}) } };
}
