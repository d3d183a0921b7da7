/** The layout worker: runs elk off the main thread so a large journey's canvas stays responsive while it is laid out. */
import type { JourneyDocument } from '../../dsl/schema/document.ts';
import type { XY } from './document-edits.ts';
import { elkLayout } from './elk-layout.ts';
import type { AutoLayoutOptions } from './layout.ts';
import type { WorkerAnswer } from '../workers/worker-requests.ts';

export interface LayoutRequest {
  id: number;
  doc: JourneyDocument;
  options: AutoLayoutOptions;
}

// Assigned, not added: elk's bundle installs its own `onmessage` when it finds itself in a worker, and this one must replace it.
self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const { id, doc, options } = event.data;
  elkLayout(doc, options).then(
    (positions) => self.postMessage({ id, result: positions } satisfies WorkerAnswer<Record<string, XY>>),
    (e: unknown) => self.postMessage({ id, error: e instanceof Error ? e.message : String(e) } satisfies WorkerAnswer<Record<string, XY>>),
  );
};
