/** The analysis worker: prints, parses and checks journeys off the main thread, so panning and typing never wait for a check. */
import type { JourneyFormat } from '../../dsl/load.ts';
import type { JourneyDocument } from '../../dsl/schema/document.ts';
import { analyzeDocument, analyzeSource, type Analysis } from './analysis.ts';
import type { WorkerAnswer } from '../workers/worker-requests.ts';

/** A document to print in a form and check, or source to check. */
export type AnalysisQuestion = { format: JourneyFormat } & ({ doc: JourneyDocument } | { source: string });

export type AnalysisRequest = AnalysisQuestion & { id: number };


self.onmessage = (event: MessageEvent<AnalysisRequest>) => {
  const request = event.data;
  try {
    // A document's analysis goes back without the checked copy of the document: nobody reads it, and cloning
    // 500 nodes back to the page would cost the main thread what the worker saved it.
    const analysis = 'doc' in request ? withoutDocument(analyzeDocument(request.doc, request.format)) : analyzeSource(request.source, request.format);
    self.postMessage({ id: request.id, result: analysis } satisfies WorkerAnswer<Analysis>);
  } catch (e) {
    self.postMessage({ id: request.id, error: e instanceof Error ? e.message : String(e) } satisfies WorkerAnswer<Analysis>);
  }
};

function withoutDocument({ source, format, diagnostics }: Analysis): Analysis {
  return { source, format, diagnostics };
}
