/** Ordering of semantic versions (`1.2.0` < `1.10.0`; a pre-release sorts before its release). */

/**
 * Negative when `a` is older than `b`, positive when newer, 0 when equal (build metadata ignored).
 *
 * @example
 * compareSemVer('1.10.0', '1.9.3'); // > 0
 */
export function compareSemVer(a: string, b: string): number {
  const [coreA = '', preA] = a.split('+')[0]!.split(/-(.*)/s);
  const [coreB = '', preB] = b.split('+')[0]!.split(/-(.*)/s);
  const numsA = coreA.split('.').map(Number);
  const numsB = coreB.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const diff = (numsA[i] ?? 0) - (numsB[i] ?? 0);
    if (diff !== 0) return diff;
  }
  if (preA === undefined || preB === undefined) return preA === preB ? 0 : preA === undefined ? 1 : -1;
  return comparePreRelease(preA, preB);
}

function comparePreRelease(a: string, b: string): number {
  const partsA = a.split('.');
  const partsB = b.split('.');
  for (let i = 0; i < Math.max(partsA.length, partsB.length); i++) {
    const x = partsA[i];
    const y = partsB[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const numeric = /^[0-9]+$/;
    if (numeric.test(x) && numeric.test(y)) {
      const diff = Number(x) - Number(y);
      if (diff !== 0) return diff;
    } else if (x !== y) {
      return numeric.test(x) ? -1 : numeric.test(y) ? 1 : x < y ? -1 : 1;
    }
  }
  return 0;
}
