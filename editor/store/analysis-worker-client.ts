/** The page's side of the analysis worker: checks asked of it, cached per document object. */
import type { JourneyFormat } from '../../dsl/load.ts';
import type { JourneyDocument } from '../../dsl/schema/document.ts';
import type { Analysis } from './analysis.ts';
import type { AnalysisQuestion } from './analysis.worker.ts';
import { workerRequests } from '../workers/worker-requests.ts';

const ask = workerRequests<AnalysisQuestion, Analysis>(
  () => new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' }),
  'journey check',
);

/** Checks in flight or done, per document object (documents are never mutated: every change makes a new one). */
const documentChecks = new WeakMap<JourneyDocument, Partial<Record<JourneyFormat, Promise<Analysis>>>>();

/**
 * `analyzeDocument` in the worker, without the checked copy of the document: the source in the given form and its
 * diagnostics. The workspace (badges, problems) and the DSL panel (text, markers) ask about the same document, so
 * each document is checked once per form; a failed check is forgotten so that asking again retries.
 *
 * @example
 * const { diagnostics } = await analyzeDocumentInWorker(doc, 'text');
 */
export function analyzeDocumentInWorker(doc: JourneyDocument, format: JourneyFormat): Promise<Analysis> {
  const known = documentChecks.get(doc);
  const cached = known?.[format];
  if (cached) return cached;
  const check = ask({ doc, format });
  documentChecks.set(doc, { ...known, [format]: check });
  check.catch(() => {
    const current = documentChecks.get(doc);
    if (current?.[format] === check) documentChecks.set(doc, { ...current, [format]: undefined });
  });
  return check;
}

/**
 * `analyzeSource` in the worker: checks source typed by the user; the answer carries the document when it parses.
 *
 * @example
 * const { doc, diagnostics } = await analyzeSourceInWorker(text, 'text');
 */
export function analyzeSourceInWorker(source: string, format: JourneyFormat): Promise<Analysis> {
  return ask({ source, format });
}
