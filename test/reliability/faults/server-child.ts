/** Child process of the kill and disk tests: the real server on a data directory, printing `listening <port>` once it serves. */
import { startServer } from '../../../runtime/server/start.ts';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: server-child.ts DATA_DIR');
try {
  const server = await startServer({
    port: 0,
    dataDir: dir,
    adminKey: process.env['LIFECYCLE_ADMIN_KEY'],
    editorDir: '/nonexistent-editor-dist',
    ingestRateLimit: false,
    webhooks: { pollMs: 50, baseDelayMs: 100, maxDelayMs: 1000, timeoutMs: 2000 },
    log: (message, error) => process.stderr.write(`${message}${error === undefined ? '' : ` ${error instanceof Error ? error.stack : String(error)}`}\n`),
  });
  process.stdout.write(`listening ${server.port}\n`);
  // The soak asks for the heap after a full collection (RSS alone cannot tell data from garbage not yet collected).
  // Several passes with turns between them: fetch's Request objects are freed by finalizers, which run only after a collection.
  process.on('SIGUSR2', () => {
    void (async () => {
      for (let pass = 0; pass < 5; pass++) {
        (globalThis as { gc?: () => void }).gc?.();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      process.stdout.write(`heap ${process.memoryUsage().heapUsed}\n`);
    })();
  });
  process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
} catch (error) {
  process.stderr.write(`cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
