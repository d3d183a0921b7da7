/** "Did you mean …?" suggestions for misspelt names, by edit distance. */

/** Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbours each cost 1. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The known name closest to `name`, if it is close enough to be a plausible slip and no other name
 * is as close (a different case counts as closest of all).
 *
 * @example
 * closestName('totalSpnd', ['totalSpend', 'tags']); // 'totalSpend'
 * closestName('xyz', ['totalSpend']);                // undefined
 */
export function closestName(name: string, known: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  let tied = false;
  for (const candidate of new Set(known)) {
    if (candidate === name) continue;
    const distance = candidate.toLowerCase() === lower ? 0 : editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      tied = false;
    } else if (distance === bestDistance) {
      tied = true;
    }
  }
  const allowed = Math.max(1, Math.floor(name.length / 3));
  return best !== undefined && !tied && bestDistance <= allowed ? best : undefined;
}

/**
 * ` — did you mean `x`?` for a message, or an empty string when nothing is close.
 *
 * @example
 * `fact \`totalSpnd\` is not known${didYouMean('totalSpnd', ['totalSpend'])}`;
 * // "fact `totalSpnd` is not known — did you mean `totalSpend`?"
 */
export function didYouMean(name: string, known: Iterable<string>): string {
  const suggestion = closestName(name, known);
  return suggestion === undefined ? '' : ` — did you mean \`${suggestion}\`?`;
}
