/** Delivers webhook actions: one queue per receiver, retries with exponential backoff, a stable Idempotency-Key, then dead letters. */
import type { Millis } from '../../engine/types.ts';
import type { WebhookDelivery, WebhookStore } from '../../store/types.ts';

export interface WebhookWorkerOptions {
  store: Pick<WebhookStore, 'dueDeliveries' | 'recordAttempt'>;
  now: () => Millis;
  /** Attempts before a delivery becomes a dead letter (default 8). */
  maxAttempts?: number;
  /** Delay before the second attempt; doubles after each failure (default 1 s). */
  baseDelayMs?: number;
  /** Longest delay between attempts (default 1 h). */
  maxDelayMs?: number;
  /** Per request (default 10 s). */
  timeoutMs?: number;
  /** How often to look for due deliveries (default 1 s). */
  pollMs?: number;
  log?: (message: string) => void;
}

/**
 * The delay after the `attempts`-th failed attempt: base · 2^(attempts−1), capped.
 *
 * @example
 * backoffDelay(3, 1000, 3_600_000); // 4000
 */
export function backoffDelay(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

/** Receivers are queued apart (by origin), so one slow or dead receiver never holds up the others. */
const receiverOf = (url: string): string => {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
};

/**
 * Polls the store for due deliveries and POSTs them. Each request carries `Idempotency-Key: <delivery id>`,
 * the same on every retry, so a receiver can drop repeats (delivery is at-least-once).
 *
 * @example
 * const worker = new WebhookWorker({ store, now: () => Date.now() });
 * worker.start();
 * await worker.stop();
 */
export class WebhookWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = false;

  constructor(private readonly options: WebhookWorkerOptions) {}

  start(): void {
    this.stopped = false;
    const tick = (): void => {
      if (this.stopped) return;
      this.runOnce()
        .catch((error: unknown) => this.options.log?.(`webhook worker: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.options.pollMs ?? 1000);
        });
    };
    tick();
  }

  /** Stops polling and waits for the deliveries in flight to be recorded. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => 0);
  }

  /** Attempts every due delivery once; resolves to how many were attempted. */
  runOnce(): Promise<number> {
    this.running ??= this.deliverDue().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async deliverDue(): Promise<number> {
    const due = await this.options.store.dueDeliveries(this.options.now(), 500);
    const queues = new Map<string, WebhookDelivery[]>();
    for (const d of due) {
      const key = receiverOf(d.url);
      queues.set(key, [...(queues.get(key) ?? []), d]);
    }
    await Promise.all(
      [...queues.values()].map(async (queue) => {
        for (const delivery of queue) {
          if (this.stopped) return;
          await this.attempt(delivery);
        }
      }),
    );
    return due.length;
  }

  private async attempt(delivery: WebhookDelivery): Promise<void> {
    const { now, store } = this.options;
    let error: string | undefined;
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': delivery.id,
          'User-Agent': 'lifecycle-studio-webhooks',
        },
        body: JSON.stringify({
          id: delivery.id,
          customerId: delivery.customerId,
          journeyId: delivery.journeyId,
          node: delivery.node,
          createdAt: new Date(delivery.createdAt).toISOString(),
          payload: delivery.payload,
        }),
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      await response.body?.cancel();
      if (!response.ok) error = `HTTP ${response.status}`;
    } catch (e) {
      error = e instanceof Error ? (e.cause instanceof Error ? `${e.message}: ${e.cause.message}` : e.message) : String(e);
    }
    const at = now();
    if (error === undefined) {
      await store.recordAttempt(delivery.id, { at, ok: true });
      return;
    }
    const attempts = delivery.attempts + 1;
    const retry = attempts < (this.options.maxAttempts ?? 8);
    const retryAt = at + backoffDelay(attempts, this.options.baseDelayMs ?? 1000, this.options.maxDelayMs ?? 3_600_000);
    await store.recordAttempt(delivery.id, { at, ok: false, error, ...(retry ? { retryAt } : {}) });
    if (!retry) this.options.log?.(`webhook ${delivery.id} to ${delivery.url} failed ${attempts} times (${error}); moved to dead letters`);
  }
}
