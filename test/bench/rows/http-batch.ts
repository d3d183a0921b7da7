/** Row 5: /v1/batch with 500 events a request, answered once durable, over loopback. */
import { drive, ensureLoadGenerator, startBenchServer } from '../http-client.ts';
import { reportRow } from '../workload.ts';

const TARGET = 50_000;
const EVENTS = 500;
const generator = ensureLoadGenerator();
const server = await startBenchServer();
try {
  const messages = { kind: 'batch', size: EVENTS } as const;
  await drive(server, generator, '/v1/batch', messages, 4, 2);
  const load = await drive(server, generator, '/v1/batch', messages, 8, 10);
  const eventsPerSecond = load.requestsPerSecond * EVENTS;
  reportRow({
    measured: `${Math.round(eventsPerSecond / 1000)}k events/s (p99 ${Math.round(load.p99Ms)} ms, ${generator})`,
    pass: eventsPerSecond >= TARGET && load.non2xx === 0 && load.errors === 0,
    detail: { ...load, eventsPerSecond, eventsPerRequest: EVENTS, connections: 8 },
  });
} finally {
  await server.stop();
}
