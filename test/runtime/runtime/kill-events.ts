/** The event stream of the kill test, the same in the child that ingests it and the parent that checks. */
import type { EventInput } from '../../../runtime/engine/types.ts';

/** Far in the future, so no timer falls due on the real clock while the test runs. */
const START = Date.UTC(2036, 0, 1);

export function killTestEvents(count = 400, customers = 40): EventInput[] {
  const events: EventInput[] = [];
  for (let i = 0; i < count; i++) {
    const customerId = `c${(i * 7) % customers}`;
    const purchase = i % 3 !== 1;
    events.push({ type: 'event', id: `m${i}`, customerId, event: purchase ? 'purchase' : 'visit', at: START + i * 3_600_000, properties: { amount: (i % 5) * 10 } });
  }
  return events;
}
