/** The page's side of a request/answer worker: one worker started on the first request, answers matched to requests by id. */

/** What a worker posts back for request `id`: its result, or the message of what went wrong. */
export type WorkerAnswer<R> = { id: number; result: R } | { id: number; error: string };

interface Pending<R> {
  resolve(result: R): void;
  reject(error: Error): void;
}

/**
 * Returns `ask(question)`, which posts `{ ...question, id }` to the worker and resolves with its answer.
 * `start` must construct the worker itself (`new Worker(new URL('./x.worker.ts', import.meta.url), …)`
 * written out where it is called) so that Vite sees and bundles the worker file. A worker that fails to
 * start or crashes fails every waiting request; the next request starts a fresh one.
 *
 * @example
 * const ask = workerRequests<{ doc: JourneyDocument }, Positions>(
 *   () => new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' }), 'auto-layout');
 * const positions = await ask({ doc });
 */
export function workerRequests<Q extends object, R>(start: () => Worker, what: string): (question: Q) => Promise<R> {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending<R>>();

  function running(): Worker {
    if (worker) return worker;
    const started = start();
    started.onmessage = (event: MessageEvent<WorkerAnswer<R>>) => {
      const answer = event.data;
      const waiting = pending.get(answer.id);
      pending.delete(answer.id);
      if (!waiting) return;
      if ('error' in answer) waiting.reject(new Error(`${what} failed: ${answer.error}`));
      else waiting.resolve(answer.result);
    };
    started.onerror = (event) => {
      event.preventDefault();
      for (const waiting of pending.values()) waiting.reject(new Error(`${what} worker failed: ${event.message}`));
      pending.clear();
      started.terminate();
      worker = undefined;
    };
    worker = started;
    return started;
  }

  return (question) => {
    const id = nextId++;
    return new Promise<R>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      running().postMessage({ ...question, id });
    });
  };
}
