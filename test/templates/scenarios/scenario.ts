/** A hand-written scenario: events in, the exact visible effects expected out. Shared by the library run and the CLI run. */
import type { SegmentEvent } from '../../../templates/cohort.ts';

/** An expected effect: when, who, which node, what kind; the stage for stage changes; the detail for actions, tasks and goals. */
export type Expected = [at: string, customerId: string, node: string, kind: string, stageOrDetail?: string];

export interface Scenario {
  name: string;
  template: string;
  params?: Record<string, number | string | boolean>;
  events: SegmentEvent[];
  until: string;
  expected: Expected[];
}

let counter = 0;
/** A `track` event; message ids are unique per test run. */
export const track = (timestamp: string, userId: string, event: string, properties: Record<string, unknown> = {}): SegmentEvent => ({
  type: 'track',
  event,
  userId,
  timestamp,
  properties,
  messageId: `scenario-${++counter}`,
});
