/** Child process of the kill test: ingests the kill-test events through an embedded store, printing `ack <id>` once each is durable. */
import { RealClock } from '../../../runtime/clock/clock.ts';
import { createRuntime } from '../../../runtime/runtime.ts';
import { EmbeddedStore } from '../../../runtime/store/embedded.ts';
import { inactivityJourney } from './inactivity-journey.ts';
import { killTestEvents } from './kill-events.ts';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: kill-child.ts DATA_DIR');
const store = await EmbeddedStore.open({ dir, snapshotEvery: 60 });
const runtime = createRuntime({ store, clock: new RealClock() });
await runtime.load(inactivityJourney);
process.stdout.write('ready\n');

// Several ingests in flight at once, as from concurrent HTTP requests: they share journal writes.
const inFlight = new Set<Promise<void>>();
for (const event of killTestEvents()) {
  const done = runtime.ingest(event).then(() => void process.stdout.write(`ack ${event.id}\n`));
  inFlight.add(done);
  void done.finally(() => inFlight.delete(done));
  if (inFlight.size >= 16) await Promise.race(inFlight);
}
await Promise.all(inFlight);
await runtime.close();
process.stdout.write('done\n');
