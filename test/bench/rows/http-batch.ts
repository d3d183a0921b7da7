/** Row 5: /v1/batch with 500 events a request, answered once durable, over loopback. */
import { drive, startBenchServer } from '../http-client.ts';
import { reportRow } from '../workload.ts';

const TARGET = 50_000;
const EVENTS = 500;
const server = await startBenchServer();
try {
  let sequence = 0;
  const body = (): string => {
    const batch = [];
    const timestamp = new Date().toISOString();
    for (let i = 0; i < EVENTS; i++) {
      const n = sequence++;
      batch.push({ type: 'track', event: n % 3 === 0 ? 'page_view' : 'purchase', userId: `u${n % 100_000}`, messageId: `b${n}`, timestamp, properties: { amount: 50 + (n % 500) } });
    }
    return JSON.stringify({ batch });
  };
  await drive(server, '/v1/batch', 4, 2, body);
  const load = await drive(server, '/v1/batch', 8, 10, body);
  const eventsPerSecond = load.requestsPerSecond * EVENTS;
  reportRow({
    measured: `${Math.round(eventsPerSecond / 1000)}k events/s (p99 ${load.p99Ms} ms)`,
    pass: eventsPerSecond >= TARGET && load.non2xx === 0 && load.errors === 0,
    detail: { ...load, eventsPerSecond, eventsPerRequest: EVENTS, connections: 8 },
  });
} finally {
  await server.stop();
}
