/** Starts the whole server: opens the data directory, runs the runtime, preloads templates, ensures an admin key, serves and shuts down cleanly. */
import { resolve } from 'node:path';
import { listTemplates } from '../../templates/index.ts';
import { RealClock } from '../clock/clock.ts';
import { createRuntime, type Runtime } from '../runtime.ts';
import { EmbeddedStore } from '../store/embedded.ts';
import type { RuntimeStore } from '../store/types.ts';
import { ensureAdminKey, type BootstrappedKey } from './auth/first-admin-key.ts';
import type { IngestRateLimit } from './auth/ingest-rate-limit.ts';
import { createApp } from './app.ts';
import { listen } from './listen.ts';
import { WebhookWorker, type WebhookWorkerOptions } from './webhooks/webhook-worker.ts';

export interface StartOptions {
  /** 0 picks a free port. */
  port: number;
  /** Default 127.0.0.1; use 0.0.0.0 to accept connections from other machines. */
  hostname?: string;
  /** The data directory (created when missing). Without it, state lives in memory only. */
  dataDir?: string;
  /** The built editor; default `editor/dist` of this package. */
  editorDir?: string;
  /** LIFECYCLE_ADMIN_KEY. */
  adminKey?: string | undefined;
  /** Create a fresh admin key even though keys exist (for an operator who lost theirs). */
  renewAdminKey?: boolean;
  /** Overrides for the webhook delivery worker (tests shorten the delays). */
  webhooks?: Partial<Omit<WebhookWorkerOptions, 'store' | 'now'>>;
  log?: (message: string, error?: unknown) => void;
  /** Per-key ingestion limit; default 500 requests per second with bursts of 1,000; `false` turns it off. */
  ingestRateLimit?: IngestRateLimit | false;
  /** Origins allowed to call the API from a browser (CORS); default none. */
  corsOrigins?: readonly string[];
}

export const DEFAULT_INGEST_RATE_LIMIT: IngestRateLimit = { perSecond: 500, burst: 1000 };

export interface RunningServer {
  url: string;
  port: number;
  /** The admin key to print, when one was created or adopted at this start. */
  adminKey?: BootstrappedKey;
  store: RuntimeStore;
  runtime: Runtime;
  /** Stops accepting connections, finishes requests in flight, stops the workers and flushes the store. */
  close(): Promise<void>;
}

const DEFAULT_EDITOR_DIR = resolve(import.meta.dirname, '../../editor/dist');

/** Every built-in template journey becomes a draft, unless a journey with its id exists already. */
async function preloadTemplates(store: RuntimeStore, now: number): Promise<void> {
  for (const pack of listTemplates()) {
    for (const journey of pack.journeys) {
      if ((await store.getJourney(journey.id)) === undefined) await store.saveDraft(journey.id, journey, { expectedRevision: 0, at: now });
    }
  }
}

/**
 * Starts Lifecycle Studio: the API under /v1 and the editor at /.
 *
 * @example
 * const server = await startServer({ port: 8080, dataDir: './data', adminKey: process.env.LIFECYCLE_ADMIN_KEY });
 * console.log(server.url, server.adminKey?.key);
 * process.once('SIGTERM', () => void server.close());
 */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));
  const clock = new RealClock();
  const store: RuntimeStore = options.dataDir === undefined
    ? new (await import('../store/memory.ts')).MemoryStore()
    : await EmbeddedStore.open({ dir: resolve(options.dataDir) });
  const runtime = createRuntime({ store, clock, onError: (error) => log('runtime error', error) });
  try {
    await runtime.ready;
    await preloadTemplates(store, clock.now());
    const adminKey = await ensureAdminKey(store, { envKey: options.adminKey, renew: options.renewAdminKey === true, now: clock.now() });
    const rateLimit = options.ingestRateLimit ?? DEFAULT_INGEST_RATE_LIMIT;
    const app = createApp({
      store,
      runtime,
      log,
      editorDir: options.editorDir ?? DEFAULT_EDITOR_DIR,
      now: () => clock.now(),
      ...(rateLimit === false ? {} : { ingestRateLimit: rateLimit }),
      ...(options.corsOrigins === undefined ? {} : { corsOrigins: options.corsOrigins }),
    });
    const hostname = options.hostname ?? '127.0.0.1';
    const listening = await listen(app.fetch, { port: options.port, hostname });
    const webhooks = new WebhookWorker({ store, now: () => clock.now(), log: (m) => log(m), ...options.webhooks });
    webhooks.start();
    const shownHost = hostname === '0.0.0.0' || hostname === '::' ? 'localhost' : hostname === '127.0.0.1' ? 'localhost' : hostname;
    let closing: Promise<void> | undefined;
    return {
      url: `http://${shownHost}:${listening.port}`,
      port: listening.port,
      ...(adminKey ? { adminKey } : {}),
      store,
      runtime,
      close: () =>
        (closing ??= (async () => {
          await listening.close();
          await webhooks.stop();
          await runtime.close();
        })()),
    };
  } catch (error) {
    await runtime.close().catch(() => {});
    throw error;
  }
}
