/** Live stats as canvas overlays. */
import { describe, expect, it } from 'vitest';
import { nodeCountsFromStats } from '../../editor/stats/node-counts-from-stats.ts';

describe('node counts from stats', () => {
  it('maps waiting and entered per node, and entries to the entry card', () => {
    const counts = nodeCountsFromStats({
      customers: { entered: 12, active: 4 },
      nodes: { st: { entered: 12, waiting: 0, exited: 0, converted: 0 }, w: { entered: 9, waiting: 4, exited: 0, converted: 0 } },
    });
    expect(counts).toEqual({ st: { current: 0, passed: 12 }, w: { current: 4, passed: 9 }, $entry: { passed: 12 } });
    expect(nodeCountsFromStats({})).toEqual({});
  });
});
