/** Sets of numbers as sorted, disjoint intervals, over the reals or the integers: the interval reasoning behind overlap and ladder checks. */

export interface Interval {
  lo: number;
  loOpen: boolean;
  hi: number;
  hiOpen: boolean;
}

/** A set of numbers: disjoint intervals in ascending order. */
export type NumberSet = readonly Interval[];

export const ALL_NUMBERS: NumberSet = [{ lo: -Infinity, loOpen: true, hi: Infinity, hiOpen: true }];

export const pointSet = (v: number): NumberSet => [{ lo: v, loOpen: false, hi: v, hiOpen: false }];

/**
 * The numbers `x` with `x <op> v`.
 *
 * @example
 * comparisonSet('greaterThanInclusive', 45); // [45, ∞)
 */
export function comparisonSet(op: 'lessThan' | 'lessThanInclusive' | 'greaterThan' | 'greaterThanInclusive', v: number): NumberSet {
  switch (op) {
    case 'lessThan':
      return [{ lo: -Infinity, loOpen: true, hi: v, hiOpen: true }];
    case 'lessThanInclusive':
      return [{ lo: -Infinity, loOpen: true, hi: v, hiOpen: false }];
    case 'greaterThan':
      return [{ lo: v, loOpen: true, hi: Infinity, hiOpen: true }];
    case 'greaterThanInclusive':
      return [{ lo: v, loOpen: false, hi: Infinity, hiOpen: true }];
  }
}

function isEmptyInterval(i: Interval): boolean {
  return i.lo > i.hi || (i.lo === i.hi && (i.loOpen || i.hiOpen));
}

function intersectIntervals(a: Interval, b: Interval): Interval {
  const lo = Math.max(a.lo, b.lo);
  const hi = Math.min(a.hi, b.hi);
  const loOpen = (a.lo === lo && a.loOpen) || (b.lo === lo && b.loOpen);
  const hiOpen = (a.hi === hi && a.hiOpen) || (b.hi === hi && b.hiOpen);
  return { lo, loOpen, hi, hiOpen };
}

/** Both sets at once. */
export function intersect(a: NumberSet, b: NumberSet): NumberSet {
  const out: Interval[] = [];
  for (const x of a) {
    for (const y of b) {
      const i = intersectIntervals(x, y);
      if (!isEmptyInterval(i)) out.push(i);
    }
  }
  return out.sort((p, q) => p.lo - q.lo);
}

/** Either set (intervals that touch are merged). */
export function union(a: NumberSet, b: NumberSet): NumberSet {
  const all = [...a, ...b].sort((p, q) => p.lo - q.lo || Number(p.loOpen) - Number(q.loOpen));
  const out: Interval[] = [];
  for (const i of all) {
    const last = out.at(-1);
    if (last !== undefined && (i.lo < last.hi || (i.lo === last.hi && !(i.loOpen && last.hiOpen)))) {
      if (i.hi > last.hi || (i.hi === last.hi && !i.hiOpen)) out[out.length - 1] = { ...last, hi: i.hi, hiOpen: i.hiOpen };
    } else {
      out.push({ ...i });
    }
  }
  return out;
}

/** Every number but those in `a`. */
export function complement(a: NumberSet): NumberSet {
  const out: Interval[] = [];
  let lo = -Infinity;
  let loOpen = true;
  for (const i of a) {
    const gap = { lo, loOpen, hi: i.lo, hiOpen: !i.loOpen };
    if (!isEmptyInterval(gap)) out.push(gap);
    lo = i.hi;
    loOpen = !i.hiOpen;
  }
  const tail = { lo, loOpen, hi: Infinity, hiOpen: true };
  if (!isEmptyInterval(tail)) out.push(tail);
  return out;
}

/** An integer in an interval (its lowest, or for one unbounded below its highest), if it has one. */
function firstInteger(i: Interval): number | undefined {
  let n = i.lo === -Infinity ? (i.hi === Infinity ? 0 : Math.floor(i.hi) - (i.hiOpen && Number.isInteger(i.hi) ? 1 : 0)) : Math.ceil(i.lo);
  if (i.lo !== -Infinity && i.loOpen && n === i.lo) n += 1;
  const inside = (n > i.lo || (n === i.lo && !i.loOpen)) && (n < i.hi || (n === i.hi && !i.hiOpen));
  return inside ? n : undefined;
}

/** A readable member of an interval (an endpoint where it belongs, otherwise something in between). */
function realMember(i: Interval): number {
  if (!i.loOpen && Number.isFinite(i.lo)) return i.lo;
  if (!i.hiOpen && Number.isFinite(i.hi)) return i.hi;
  if (Number.isFinite(i.lo) && Number.isFinite(i.hi)) return (i.lo + i.hi) / 2;
  if (Number.isFinite(i.lo)) return i.lo + 1;
  if (Number.isFinite(i.hi)) return i.hi - 1;
  return 0;
}

/**
 * A member of the set, or undefined when it is empty (in the integers, when `wholeNumbers`).
 *
 * @example
 * sampleMember(intersect(comparisonSet('greaterThan', 1), comparisonSet('lessThan', 2)), true); // undefined
 */
export function sampleMember(set: NumberSet, wholeNumbers: boolean): number | undefined {
  for (const i of set) {
    if (isEmptyInterval(i)) continue;
    const member = wholeNumbers ? firstInteger(i) : realMember(i);
    if (member !== undefined) return member;
  }
  return undefined;
}

export const isEmptySet = (set: NumberSet, wholeNumbers: boolean): boolean => sampleMember(set, wholeNumbers) === undefined;

/** `[45, 90)`, `> 91`, `= 30` — an interval as the operator reads it; `show` writes one number (e.g. as an ISO time). */
export function describeInterval(i: Interval, show: (n: number) => string = String): string {
  if (i.lo === i.hi) return `= ${show(i.lo)}`;
  if (i.lo === -Infinity && i.hi === Infinity) return 'any number';
  if (i.lo === -Infinity) return `${i.hiOpen ? '<' : '<='} ${show(i.hi)}`;
  if (i.hi === Infinity) return `${i.loOpen ? '>' : '>='} ${show(i.lo)}`;
  return `${i.loOpen ? '(' : '['}${show(i.lo)}, ${show(i.hi)}${i.hiOpen ? ')' : ']'}`;
}
