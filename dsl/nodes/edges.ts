/** The outgoing edges of a node, named the way the canvas labels its handles. */

/** Why an edge exists: the plain next step, a condition branch, the else branch, a split share, an awaited event, a timeout. */
export type EdgeKind = 'next' | 'branch' | 'else' | 'split' | 'event' | 'timeout';

export interface Edge {
  /** Stable handle id on the source node: `next`, `branch:0`, `else`, `split:1`, `event:0`, `timeout`. */
  handle: string;
  kind: EdgeKind;
  /** Human label for the handle (branch label, `50%`, event name); empty for `next`. */
  label: string;
  target: string;
}
