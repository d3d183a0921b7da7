/** Reads and rewrites the targets of a node's outgoing handles (the handle ids of `nodeEdges`). */
import type { JourneyNode } from '../../dsl/nodes/index.ts';

/**
 * Returns a copy of `node` whose handle `handle` points at `target`; the node itself when it has no such handle.
 *
 * @example
 * withHandleTarget({ id: 'a', kind: 'stage', stage: 's', next: 'b' }, 'next', 'c').next; // 'c'
 */
export function withHandleTarget(node: JourneyNode, handle: string, target: string): JourneyNode {
  const [kind, indexText] = handle.split(':');
  const index = Number(indexText);
  switch (node.kind) {
    case 'stage':
    case 'action':
    case 'goal':
      return handle === 'next' ? { ...node, next: target } : node;
    case 'exit':
      return node;
    case 'condition':
      if (handle === 'else') return { ...node, else: target };
      if (kind === 'branch' && node.branches[index]) return { ...node, branches: node.branches.map((b, i) => (i === index ? { ...b, next: target } : b)) };
      return node;
    case 'split':
      if (kind === 'split' && node.branches[index]) return { ...node, branches: node.branches.map((b, i) => (i === index ? { ...b, next: target } : b)) };
      return node;
    case 'wait':
      if (node.mode !== 'events') return handle === 'next' ? { ...node, next: target } : node;
      if (handle === 'timeout') return { ...node, timeoutNext: target };
      if (kind === 'event' && node.events[index]) return { ...node, events: node.events.map((e, i) => (i === index ? { ...e, next: target } : e)) };
      return node;
  }
}

/**
 * Rewrites every outgoing reference of `node` through `map` (ids missing from the map stay as they are).
 *
 * @example
 * retarget({ id: 'a', kind: 'stage', stage: 's', next: 'b' }, (t) => (t === 'b' ? 'c' : t)).next; // 'c'
 */
export function retarget(node: JourneyNode, map: (target: string) => string): JourneyNode {
  switch (node.kind) {
    case 'stage':
    case 'action':
      return { ...node, next: map(node.next) };
    case 'goal':
      return node.next === undefined ? node : { ...node, next: map(node.next) };
    case 'exit':
      return node;
    case 'condition':
      return { ...node, else: map(node.else), branches: node.branches.map((b) => ({ ...b, next: map(b.next) })) };
    case 'split':
      return { ...node, branches: node.branches.map((b) => ({ ...b, next: map(b.next) })) };
    case 'wait':
      if (node.mode !== 'events') return { ...node, next: map(node.next) };
      return { ...node, timeoutNext: map(node.timeoutNext), events: node.events.map((e) => ({ ...e, next: map(e.next) })) };
  }
}
