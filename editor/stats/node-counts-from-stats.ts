/** Turns the server's journey stats into the per-node overlays the canvas draws. */
import type { StatsAnswer } from '../api/client.ts';
import { ENTRY_NODE_ID } from '../flow/document-edits.ts';
import type { NodeCounts } from '../flow/document-to-flow.ts';

/**
 * The server's per-node numbers as canvas overlays: customers waiting at a node, and how many entered it.
 *
 * @example
 * nodeCountsFromStats({ nodes: { wait: { waiting: 3, entered: 10 } } }).wait; // { current: 3, passed: 10 }
 */
export function nodeCountsFromStats(stats: StatsAnswer): Record<string, NodeCounts> {
  const out: Record<string, NodeCounts> = {};
  for (const [id, n] of Object.entries(stats.nodes ?? {})) out[id] = { current: n.waiting ?? 0, passed: n.entered ?? 0 };
  if (stats.customers) out[ENTRY_NODE_ID] = { passed: stats.customers.entered };
  return out;
}
