/** The simulator's Web Worker: compiles the journey and runs the engine over the events off the main thread, reporting progress. */
import { compileJourney } from '../../dsl/compiler/index.ts';
import type { JourneyDocument } from '../../dsl/schema/document.ts';
import { parseSegmentNdjson, type LineProblem } from './segment-events.ts';
import { simulateJourney } from './simulate.ts';
import type { SimulationSummary } from './simulate.ts';

export interface SimulationRequest {
  doc: JourneyDocument;
  ndjson: string;
}

export type SimulationMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; summary: SimulationSummary; badLines: LineProblem[] }
  | { type: 'failed'; message: string };

const post = (message: SimulationMessage) => self.postMessage(message);

self.onmessage = (event: MessageEvent<SimulationRequest>) => {
  try {
    const { plan, diagnostics } = compileJourney(event.data.doc);
    if (!plan) {
      const first = diagnostics.find((d) => d.severity === 'error');
      post({ type: 'failed', message: first ? `${first.nodeId ? `${first.nodeId}: ` : ''}${first.message}` : 'the journey does not compile' });
      return;
    }
    const { inputs, errors } = parseSegmentNdjson(event.data.ndjson);
    const summary = simulateJourney(plan, inputs, { onProgress: (done, total) => post({ type: 'progress', done, total }) });
    post({ type: 'done', summary, badLines: errors.slice(0, 20) });
  } catch (e) {
    post({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
  }
};
