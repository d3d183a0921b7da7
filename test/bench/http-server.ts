/** The server under test for the HTTP rows, in its own process: a fresh data directory, the dormancy ladder live, no rate limit. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../runtime/server/start.ts';
import { bigJourney, templatePlan } from './workload.ts';

const adminKey = process.env.BENCH_ADMIN_KEY;
if (adminKey === undefined) throw new Error('BENCH_ADMIN_KEY is required');
const dataDir = mkdtempSync(join(tmpdir(), 'ls-bench-http-'));
const server = await startServer({ port: 0, hostname: '127.0.0.1', dataDir, adminKey, ingestRateLimit: false, log: () => {} });
await server.runtime.load(templatePlan('dormancy-ladder'));
const bigNodes = Number(process.env.BENCH_JOURNEY_NODES ?? 0);
if (bigNodes > 0) {
  const doc = bigJourney(bigNodes);
  await server.store.saveDraft(doc.id, doc, { expectedRevision: 0, at: Date.now() });
}
process.stdout.write(`BENCH_SERVER http://127.0.0.1:${server.port}\n`);

const stop = async (): Promise<void> => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.resume();
