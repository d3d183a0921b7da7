/** The page's side of the analysis worker: one worker, started on the first check, answering requests by id; document checks cached per document object. */
import type { JourneyFormat } from '../../dsl/load.ts';
import type { JourneyDocument } from '../../dsl/schema/document.ts';
import type { Analysis } from './analysis.ts';
import type { AnalysisAnswer, AnalysisQuestion, AnalysisRequest } from './analysis.worker.ts';

interface Pending {
  resolve(analysis: Analysis): void;
  reject(error: Error): void;
}

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

function analysisWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' });
  started.onmessage = (event: MessageEvent<AnalysisAnswer>) => {
    const answer = event.data;
    const waiting = pending.get(answer.id);
    pending.delete(answer.id);
    if (!waiting) return;
    if ('error' in answer) waiting.reject(new Error(`checking the journey failed: ${answer.error}`));
    else waiting.resolve(answer.analysis);
  };
  // A worker that fails to start or crashes fails every waiting check; the next request starts a fresh one.
  started.onerror = (event) => {
    event.preventDefault();
    for (const waiting of pending.values()) waiting.reject(new Error(`journey analysis worker failed: ${event.message}`));
    pending.clear();
    started.terminate();
    worker = undefined;
  };
  worker = started;
  return started;
}

function ask(question: AnalysisQuestion): Promise<Analysis> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    analysisWorker().postMessage({ ...question, id } satisfies AnalysisRequest);
  });
}

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
