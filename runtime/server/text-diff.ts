/** Line diff of two texts (Myers' O(ND) algorithm) in unified format, for comparing printed journey versions. */

export type DiffLine = { op: 'equal' | 'delete' | 'insert'; text: string };

/** The shortest edit script turning `a` into `b`, line by line. */
export function diffLines(a: readonly string[], b: readonly string[]): DiffLine[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0));
      let x = down ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk the trace backwards to recover the path.
  const out: DiffLine[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d] as Int32Array;
    const k = x - y;
    const down = k === -d || (k !== d && (vd[offset + k - 1] ?? 0) < (vd[offset + k + 1] ?? 0));
    const prevK = down ? k + 1 : k - 1;
    const prevX = vd[offset + prevK] ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      out.push({ op: 'equal', text: a[x] as string });
    }
    if (d > 0) {
      if (down) out.push({ op: 'insert', text: b[--y] as string });
      else out.push({ op: 'delete', text: a[--x] as string });
    }
  }
  return out.reverse();
}

/**
 * A unified diff (`---`/`+++` headers, `@@` hunks with `context` lines around each change).
 * Empty string when the texts are equal.
 *
 * @example
 * unifiedDiff('a\nb\n', 'a\nc\n', 'v1', 'v2');
 * // "--- v1\n+++ v2\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n"
 */
export function unifiedDiff(before: string, after: string, fromLabel: string, toLabel: string, context = 3): string {
  const split = (s: string): string[] => (s === '' ? [] : s.replace(/\n$/, '').split('\n'));
  const lines = diffLines(split(before), split(after));
  if (lines.every((l) => l.op === 'equal')) return '';
  let out = `--- ${fromLabel}\n+++ ${toLabel}\n`;
  // Positions (in `lines`) of changes, grouped into hunks whose context windows touch.
  const changed = lines.flatMap((l, i) => (l.op === 'equal' ? [] : [i]));
  let h = 0;
  while (h < changed.length) {
    const first = changed[h] as number;
    let last = first;
    while (h + 1 < changed.length && (changed[h + 1] as number) - last <= 2 * context + 1) last = changed[++h] as number;
    h++;
    const start = Math.max(0, first - context);
    const end = Math.min(lines.length, last + context + 1);
    let aStart = 0;
    let bStart = 0;
    for (let i = 0; i < start; i++) {
      const op = (lines[i] as DiffLine).op;
      if (op !== 'insert') aStart++;
      if (op !== 'delete') bStart++;
    }
    let aLen = 0;
    let bLen = 0;
    let body = '';
    for (let i = start; i < end; i++) {
      const line = lines[i] as DiffLine;
      if (line.op !== 'insert') aLen++;
      if (line.op !== 'delete') bLen++;
      body += `${line.op === 'equal' ? ' ' : line.op === 'delete' ? '-' : '+'}${line.text}\n`;
    }
    const range = (s: number, len: number): string => `${len === 0 ? s : s + 1},${len}`;
    out += `@@ -${range(aStart, aLen)} +${range(bStart, bLen)} @@\n${body}`;
  }
  return out;
}
