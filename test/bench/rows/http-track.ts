/** Row 6: /v1/track, one event a request, 64 concurrent connections, answered once durable. */
import { drive, ensureLoadGenerator, startBenchServer } from '../http-client.ts';
import { reportRow } from '../workload.ts';

const TARGET_RPS = 5_000;
const TARGET_P99_MS = 50;
const generator = ensureLoadGenerator();
const server = await startBenchServer();
try {
  const messages = { kind: 'track' } as const;
  await drive(server, generator, '/v1/track', messages, 64, 2);
  const load = await drive(server, generator, '/v1/track', messages, 64, 10);
  reportRow({
    measured: `${Math.round(load.requestsPerSecond)} req/s, p99 ${Math.round(load.p99Ms)} ms (${generator})`,
    pass: load.requestsPerSecond >= TARGET_RPS && load.p99Ms <= TARGET_P99_MS && load.non2xx === 0 && load.errors === 0,
    detail: load,
  });
} finally {
  await server.stop();
}
