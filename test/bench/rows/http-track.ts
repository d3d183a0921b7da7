/** Row 6: /v1/track, one event a request, 64 concurrent connections, answered once durable. */
import { drive, startBenchServer } from '../http-client.ts';
import { reportRow } from '../workload.ts';

const TARGET_RPS = 5_000;
const TARGET_P99_MS = 50;
const server = await startBenchServer();
try {
  let sequence = 0;
  const body = (): string => {
    const n = sequence++;
    return JSON.stringify({ event: n % 3 === 0 ? 'page_view' : 'purchase', userId: `u${n % 100_000}`, messageId: `t${n}`, properties: { amount: 50 + (n % 500) } });
  };
  await drive(server, '/v1/track', 64, 2, body);
  const load = await drive(server, '/v1/track', 64, 10, body);
  reportRow({
    measured: `${Math.round(load.requestsPerSecond)} req/s, p99 ${load.p99Ms} ms`,
    pass: load.requestsPerSecond >= TARGET_RPS && load.p99Ms <= TARGET_P99_MS && load.non2xx === 0 && load.errors === 0,
    detail: load,
  });
} finally {
  await server.stop();
}
