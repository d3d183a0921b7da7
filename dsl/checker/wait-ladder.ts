/** Inactivity ladders: waits timed from the last activity, chained by their timeout exits, must have strictly increasing thresholds. */
import { nodeEdges, type JourneyNode, type WaitEventsNode } from '../nodes/index.ts';
import type { JourneyDocument } from '../schema/document.ts';
import type { Reporter } from './context.ts';
import { describeDuration } from './durations.ts';
import { indexNodes } from './graph.ts';

/** Nodes a customer passes straight through on the way from one rung of a ladder to the next. */
const PASS_THROUGH: ReadonlySet<JourneyNode['kind']> = new Set(['stage', 'action', 'condition', 'split', 'goal']);

const isInactivityWait = (node: JourneyNode): node is WaitEventsNode => node.kind === 'wait' && node.mode === 'events' && node.timeoutFrom === 'lastActivity';

/**
 * For each wait timed from the last activity, follows its timeout exit through stage, action, condition,
 * split and goal nodes to the next waits; a next inactivity wait must time out strictly later.
 * `timeoutMs` holds each wait's resolved timeout by node index.
 */
export function checkWaitLadders(doc: JourneyDocument, timeoutMs: ReadonlyMap<number, number>, reporter: (nodeId: string) => Reporter): void {
  const { nodes } = doc;
  const byId = indexNodes(nodes);
  nodes.forEach((node, i) => {
    if (!isInactivityWait(node)) return;
    const threshold = timeoutMs.get(i);
    const start = byId.get(node.timeoutNext);
    if (threshold === undefined || start === undefined) return;
    const seen = new Set<number>([start]);
    const queue = [start];
    while (queue.length > 0) {
      const j = queue.shift()!;
      const next = nodes[j]!;
      if (PASS_THROUGH.has(next.kind)) {
        for (const edge of nodeEdges(next)) {
          const k = byId.get(edge.target);
          if (k !== undefined && !seen.has(k)) {
            seen.add(k);
            queue.push(k);
          }
        }
        continue;
      }
      const later = timeoutMs.get(j);
      if (j === i || !isInactivityWait(next) || later === undefined || later > threshold) continue;
      const code = later === threshold ? 'ladder-overlap' : 'ladder-order';
      const why =
        later === threshold
          ? `the same threshold as \`${node.id}\` before it, so it times out the moment customers arrive`
          : `less than the ${describeDuration(threshold)} of \`${node.id}\` before it, so it has already run out when customers arrive`;
      reporter(next.id).error(code, `inactivity ladder out of order: \`${next.id}\` times out after ${describeDuration(later)} without activity, ${why} — thresholds must increase (e.g. 30/45/90/180 days)`, ['nodes', j, 'timeout']);
    }
  });
}
