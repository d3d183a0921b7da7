/** The journey as a graph: node ids, edge targets, reachability, traps with no way out, and loops with no wait in them. */
import { nodeEdges, type Edge, type JourneyNode } from '../nodes/index.ts';
import type { JourneyDocument } from '../schema/document.ts';
import type { JsonPath, Reporter } from './context.ts';
import { closestName, didYouMean } from './did-you-mean.ts';
import { listNames } from './wording.ts';
import { stronglyConnected } from './strongly-connected.ts';

/**
 * How a node holds a customer back in time, which decides whether a loop through it can spin:
 * `until-date` stops waiting once the date has passed; `inactivity` (a wait timed from the last activity)
 * times out at once when it is reached again with no activity in between.
 */
export type Pause = 'pauses' | 'instant' | 'until-date' | 'inactivity';

/** Whether leaving a node by an edge can happen without any time passing (on a second visit); an awaited event always has to arrive first. */
function instantEdge(pause: Pause, edge: Edge): boolean {
  if (pause === 'pauses' || edge.kind === 'event') return false;
  return pause !== 'inactivity' || edge.kind === 'timeout';
}

/** The JSON path (inside the node) of the field an edge handle comes from. */
export function edgeFieldPath(handle: string): JsonPath {
  const [kind, index] = handle.split(':');
  switch (kind) {
    case 'branch':
    case 'split':
      return ['branches', Number(index), 'next'];
    case 'event':
      return ['events', Number(index), 'next'];
    case 'timeout':
      return ['timeoutNext'];
    default:
      return [kind ?? handle];
  }
}

/** Node ids to their (first) index in `nodes`. */
export function indexNodes(nodes: readonly JourneyNode[]): Map<string, number> {
  const byId = new Map<string, number>();
  nodes.forEach((node, i) => {
    if (!byId.has(node.id)) byId.set(node.id, i);
  });
  return byId;
}

/** Node ids for a message, in document order, the list cut short after six. */
function describeNodes(nodes: readonly JourneyNode[], members: readonly number[]): string {
  const ids = [...members].sort((a, b) => a - b).map((i) => nodes[i]!.id);
  return ids.length <= 6 ? listNames(ids) : `${ids.slice(0, 5).map((id) => `\`${id}\``).join(', ')} and ${ids.length - 5} more`;
}

/**
 * Reports duplicate ids, edges to missing nodes, unreachable nodes, loops customers can never leave and
 * loops with no wait in them. `pause` says whether a node makes time pass; `reporter` attaches a node id.
 */
export function checkGraph(doc: JourneyDocument, pause: (node: JourneyNode) => Pause, reporter: (nodeId?: string) => Reporter): void {
  const { nodes } = doc;
  const byId = indexNodes(nodes);
  const ids = [...byId.keys()];
  const duplicate = new Set<number>();
  nodes.forEach((node, i) => {
    const first = byId.get(node.id)!;
    if (first !== i) {
      duplicate.add(i);
      reporter(node.id).error('duplicate-node-id', `node id \`${node.id}\` is already used by nodes[${first}]; ids must be unique`, ['nodes', i, 'id']);
    }
  });

  /** Successors of each node (and those reached without time passing); a missing target counts as a way out so that one mistake is reported once. */
  const successors: number[][] = [];
  const instantSuccessors: number[][] = [];
  const leadsNowhere = new Set<number>();
  /** For reachability only: a misspelt target counts as the node it most likely means. */
  const guessedSuccessors: number[][] = nodes.map(() => []);
  let brokenEdges = 0;
  nodes.forEach((node, i) => {
    const out: number[] = [];
    const instant: number[] = [];
    const nodePause = pause(node);
    for (const edge of nodeEdges(node)) {
      const target = byId.get(edge.target);
      if (target === undefined) {
        leadsNowhere.add(i);
        reporter(node.id).error('unknown-target', `\`${node.id}\` leads to \`${edge.target}\`, which is not a node${didYouMean(edge.target, ids)}`, ['nodes', i, ...edgeFieldPath(edge.handle)]);
        const meant = closestName(edge.target, ids);
        if (meant === undefined) brokenEdges++;
        else guessedSuccessors[i]!.push(byId.get(meant)!);
        continue;
      }
      out.push(target);
      if (instantEdge(nodePause, edge)) instant.push(target);
    }
    successors.push(out);
    instantSuccessors.push(instant);
  });

  const start = byId.get(doc.entry.next);
  if (start === undefined) {
    reporter().error('unknown-entry-target', `the entry leads to \`${doc.entry.next}\`, which is not a node${didYouMean(doc.entry.next, ids)}`, ['entry', 'next']);
    return;
  }

  const reachable = new Set<number>([start]);
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.pop()!;
    for (const w of [...successors[v]!, ...guessedSuccessors[v]!]) {
      if (!reachable.has(w)) {
        reachable.add(w);
        queue.push(w);
      }
    }
  }
  // With an edge to nowhere, a node might be meant to be reached through it: only nodes nothing leads to are surely unreachable.
  const hasPredecessor = new Set(successors.flatMap((out, v) => out.filter((w) => w !== v)));
  nodes.forEach((node, i) => {
    if (reachable.has(i) || duplicate.has(i) || (brokenEdges > 0 && hasPredecessor.has(i))) return;
    reporter(node.id).error('unreachable-node', `node \`${node.id}\` is unreachable: no path from the entry leads to it`, ['nodes', i, 'id']);
  });

  const cyclic = (component: readonly number[]): boolean => component.length > 1 || successors[component[0]!]!.includes(component[0]!);

  for (const component of stronglyConnected(nodes.length, (v) => successors[v]!)) {
    if (!cyclic(component) || !reachable.has(component[0]!)) continue;
    const members = new Set(component);
    const leaves = component.some((v) => leadsNowhere.has(v) || successors[v]!.some((w) => !members.has(w)));
    if (leaves) continue;
    const first = Math.min(...component);
    reporter(nodes[first]!.id).error(
      'no-way-out',
      `customers who reach ${describeNodes(nodes, component)} can never leave: ${component.length === 1 ? 'it loops back to itself' : 'they loop among each other'} with no path to an exit or a final goal`,
      ['nodes', first, 'id'],
    );
  }

  for (const component of stronglyConnected(nodes.length, (v) => instantSuccessors[v]!)) {
    if (!reachable.has(component[0]!)) continue;
    if (component.length === 1 && !instantSuccessors[component[0]!]!.includes(component[0]!)) continue;
    const first = Math.min(...component);
    const pauses = new Set(component.map((v) => pause(nodes[v]!)));
    const why = [
      pauses.has('until-date') ? ' (a wait until a date stops waiting once the date has passed)' : '',
      pauses.has('inactivity') ? ' (a wait timed from the last activity times out at once when it comes round again with no activity in between)' : '',
    ].join('');
    reporter(nodes[first]!.id).error(
      'loop-without-wait',
      `${describeNodes(nodes, component)} form a loop with no wait in it: a customer would go round it endlessly in one instant — add a wait${why}`,
      ['nodes', first, 'id'],
    );
  }
}
