/** Pure edits of a journey document made from the canvas: connect, add, delete, paste, move, rename. */
import { nodeEdges, type JourneyNode } from '../../dsl/nodes/index.ts';
import type { JourneyDocument } from '../../dsl/schema/document.ts';
import { retarget, withHandleTarget } from './node-targets.ts';

/** The id of the canvas node that stands for the journey's entry (not a valid document id, so it never clashes; its position follows the first step). */
export const ENTRY_NODE_ID = '$entry';

export interface XY {
  x: number;
  y: number;
}

/**
 * Points the handle `handle` of node `source` (or the entry) at `target`.
 *
 * @example
 * connect(doc, 'check_silent', 'branch:0', 'send_coupon');
 */
export function connect(doc: JourneyDocument, source: string, handle: string, target: string): JourneyDocument {
  if (source === ENTRY_NODE_ID) return { ...doc, entry: { ...doc.entry, next: target } };
  return { ...doc, nodes: doc.nodes.map((n) => (n.id === source ? withHandleTarget(n, handle, target) : n)) };
}

/**
 * A node id based on `base` that the document does not use yet (`send`, `send_2`, `send_3`, …).
 *
 * @example
 * uniqueNodeId(doc, 'wait'); // 'wait_2' when 'wait' exists
 */
export function uniqueNodeId(doc: Pick<JourneyDocument, 'nodes'>, base: string, taken: ReadonlySet<string> = new Set()): string {
  const used = new Set([...doc.nodes.map((n) => n.id), ...taken]);
  const stem = base.replace(/[^A-Za-z0-9_]/g, '_').replace(/^([0-9])/, '_$1') || 'node';
  if (!used.has(stem)) return stem;
  for (let i = 2; ; i++) if (!used.has(`${stem}_${i}`)) return `${stem}_${i}`;
}

/**
 * Adds a node at a canvas position.
 *
 * @example
 * addNode(doc, { id: 'tag_vip', kind: 'action', action: { type: 'addTag', tag: 'vip' }, next: 'end' }, { x: 400, y: 120 });
 */
export function addNode(doc: JourneyDocument, node: JourneyNode, position: XY): JourneyDocument {
  return { ...doc, nodes: [...doc.nodes, node], layout: { ...(doc.layout ?? {}), [node.id]: position } };
}

/** The only successor of a node with a single way out, if it has exactly one. */
function soleSuccessor(node: JourneyNode): string | undefined {
  const targets = [...new Set(nodeEdges(node).map((e) => e.target))];
  return targets.length === 1 ? targets[0] : undefined;
}

/**
 * Deletes nodes. References to a deleted node with a single way out are bridged to its successor
 * (deleting a step from a chain keeps the chain); other references are left for the checker to flag.
 *
 * @example
 * removeNodes(doc, ['send_coupon']);
 */
export function removeNodes(doc: JourneyDocument, ids: readonly string[]): JourneyDocument {
  const removed = new Set(ids.filter((id) => id !== ENTRY_NODE_ID));
  if (removed.size === 0 || removed.size >= doc.nodes.length) return doc;
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const bridge = (target: string): string => {
    const seen = new Set<string>();
    let current = target;
    while (removed.has(current) && !seen.has(current)) {
      seen.add(current);
      const node = byId.get(current);
      const next = node ? soleSuccessor(node) : undefined;
      if (next === undefined) return current;
      current = next;
    }
    return current;
  };
  const layout = doc.layout ? Object.fromEntries(Object.entries(doc.layout).filter(([id]) => !removed.has(id))) : undefined;
  return {
    ...doc,
    entry: { ...doc.entry, next: bridge(doc.entry.next) },
    nodes: doc.nodes.filter((n) => !removed.has(n.id)).map((n) => retarget(n, bridge)),
    ...(layout ? { layout } : {}),
  };
}

/**
 * Pastes copied nodes with fresh ids, shifted by `offset`. Links among the copies follow the copies;
 * links to nodes outside the copy keep pointing where they did.
 *
 * @example
 * const { doc: next, ids } = pasteNodes(doc, copied, positions, { x: 40, y: 40 });
 */
export function pasteNodes(
  doc: JourneyDocument,
  nodes: readonly JourneyNode[],
  positions: Readonly<Record<string, XY>>,
  offset: XY,
): { doc: JourneyDocument; ids: string[] } {
  const renamed = new Map<string, string>();
  for (const n of nodes) renamed.set(n.id, uniqueNodeId(doc, n.id, new Set(renamed.values())));
  const map = (target: string): string => renamed.get(target) ?? target;
  const copies = nodes.map((n) => ({ ...retarget(n, map), id: renamed.get(n.id) ?? n.id }) as JourneyNode);
  const layout: Record<string, XY> = { ...(doc.layout ?? {}) };
  for (const n of nodes) {
    const at = positions[n.id] ?? { x: 0, y: 0 };
    layout[renamed.get(n.id) ?? n.id] = { x: at.x + offset.x, y: at.y + offset.y };
  }
  return { doc: { ...doc, nodes: [...doc.nodes, ...copies], layout }, ids: copies.map((n) => n.id) };
}

/**
 * Records node positions (after a drag) in the document's layout.
 *
 * @example
 * moveNodes(doc, { wait_45d: { x: 300, y: 80 } });
 */
export function moveNodes(doc: JourneyDocument, positions: Readonly<Record<string, XY>>): JourneyDocument {
  const ids = new Set(doc.nodes.map((n) => n.id));
  const rounded = Object.fromEntries(
    Object.entries(positions)
      .filter(([id]) => ids.has(id))
      .map(([id, p]) => [id, { x: Math.round(p.x), y: Math.round(p.y) }]),
  );
  return { ...doc, layout: { ...(doc.layout ?? {}), ...rounded } };
}

/**
 * Replaces a node (edited in the inspector). A changed id is followed by every reference and the layout.
 *
 * @example
 * replaceNode(doc, 'wait_1', { ...waitNode, id: 'wait_45d' });
 */
export function replaceNode(doc: JourneyDocument, id: string, node: JourneyNode): JourneyDocument {
  const renamedTo = node.id !== id ? node.id : undefined;
  const map = (target: string): string => (renamedTo !== undefined && target === id ? renamedTo : target);
  const nodes = doc.nodes.map((n) => (n.id === id ? node : n)).map((n) => (renamedTo === undefined ? n : retarget(n, map)));
  let layout = doc.layout;
  const at = layout?.[id];
  if (renamedTo !== undefined && layout !== undefined && at !== undefined) {
    const { [id]: _moved, ...rest } = layout;
    layout = { ...rest, [renamedTo]: at };
  }
  return { ...doc, entry: { ...doc.entry, next: map(doc.entry.next) }, nodes, ...(layout ? { layout } : {}) };
}

/**
 * Where a new node's exits point until the user connects them: the journey's first exit node,
 * created (as `end`) when there is none, so a new node never dangles.
 *
 * @example
 * const { doc: withEnd, target } = ensureFallbackTarget(doc);
 */
export function ensureFallbackTarget(doc: JourneyDocument, near: XY = { x: 0, y: 0 }): { doc: JourneyDocument; target: string } {
  const exit = doc.nodes.find((n) => n.kind === 'exit');
  if (exit) return { doc, target: exit.id };
  const id = uniqueNodeId(doc, 'end');
  return { doc: addNode(doc, { id, kind: 'exit' }, { x: near.x + 320, y: near.y }), target: id };
}
