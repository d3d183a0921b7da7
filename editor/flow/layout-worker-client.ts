/** The page's side of the layout worker: elk layouts asked of it. */
import type { JourneyDocument } from '../../dsl/schema/document.ts';
import type { XY } from './document-edits.ts';
import type { AutoLayoutOptions } from './layout.ts';
import type { LayoutRequest } from './layout.worker.ts';
import { workerRequests } from '../workers/worker-requests.ts';

const ask = workerRequests<Omit<LayoutRequest, 'id'>, Record<string, XY>>(
  () => new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' }),
  'auto-layout',
);

/**
 * Positions for every node (and the entry) from elk, computed in the layout worker.
 *
 * @example
 * const layout = await layoutInWorker(doc, { overview: true });
 */
export function layoutInWorker(doc: JourneyDocument, options: AutoLayoutOptions): Promise<Record<string, XY>> {
  return ask({ doc, options });
}
