/** Strongly connected components of a directed graph (Tarjan's algorithm, iterative so deep graphs cannot overflow the stack). */

/**
 * The components of the graph with vertices `0..count-1`, each a list of vertices, in reverse
 * topological order (a component comes before every component that has an edge into it).
 *
 * @example
 * stronglyConnected(3, (v) => [[1], [0], []][v]!); // [[2], [1, 0]] (order inside a component may vary)
 */
export function stronglyConnected(count: number, successors: (v: number) => readonly number[]): number[][] {
  const index = new Array<number>(count).fill(-1);
  const low = new Array<number>(count).fill(0);
  const onStack = new Array<boolean>(count).fill(false);
  const stack: number[] = [];
  const components: number[][] = [];
  let next = 0;
  for (let root = 0; root < count; root++) {
    if (index[root] !== -1) continue;
    const work: { v: number; edge: number }[] = [{ v: root, edge: 0 }];
    index[root] = low[root] = next++;
    stack.push(root);
    onStack[root] = true;
    while (work.length > 0) {
      const frame = work.at(-1)!;
      const out = successors(frame.v);
      if (frame.edge < out.length) {
        const w = out[frame.edge++]!;
        if (index[w] === -1) {
          index[w] = low[w] = next++;
          stack.push(w);
          onStack[w] = true;
          work.push({ v: w, edge: 0 });
        } else if (onStack[w]) {
          low[frame.v] = Math.min(low[frame.v]!, index[w]!);
        }
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent !== undefined) low[parent.v] = Math.min(low[parent.v]!, low[frame.v]!);
      if (low[frame.v] === index[frame.v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = false;
          component.push(w);
        } while (w !== frame.v);
        components.push(component);
      }
    }
  }
  return components;
}
