/** The page's side of the layout worker: one worker, started on the first layout, answering requests by id. */
import type { JourneyDocument } from '../../dsl/schema/document.ts';
import type { XY } from './document-edits.ts';
import type { AutoLayoutOptions } from './layout.ts';
import type { LayoutAnswer, LayoutRequest } from './layout.worker.ts';

interface Pending {
  resolve(positions: Record<string, XY>): void;
  reject(error: Error): void;
}

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

function layoutWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
  started.onmessage = (event: MessageEvent<LayoutAnswer>) => {
    const answer = event.data;
    const waiting = pending.get(answer.id);
    pending.delete(answer.id);
    if (!waiting) return;
    if ('error' in answer) waiting.reject(new Error(`auto-layout failed: ${answer.error}`));
    else waiting.resolve(answer.positions);
  };
  // A worker that fails to start or crashes fails every waiting layout; the next request starts a fresh one.
  started.onerror = (event) => {
    event.preventDefault();
    for (const waiting of pending.values()) waiting.reject(new Error(`auto-layout worker failed: ${event.message}`));
    pending.clear();
    started.terminate();
    worker = undefined;
  };
  worker = started;
  return started;
}

/**
 * Positions for every node (and the entry) from elk, computed in the layout worker.
 *
 * @example
 * const layout = await layoutInWorker(doc, { overview: true });
 */
export function layoutInWorker(doc: JourneyDocument, options: AutoLayoutOptions): Promise<Record<string, XY>> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    layoutWorker().postMessage({ id, doc, options } satisfies LayoutRequest);
  });
}
