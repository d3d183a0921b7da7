/** Stable, platform-independent string hashes: a 32-bit one for split buckets and a 128-bit one for ids. */

/** Separates the parts of a composite key so that ("ab", "c") and ("a", "bc") hash differently. */
const KEY_SEPARATOR = '\u001f';

/**
 * FNV-1a over UTF-16 code units, finished with murmur3's avalanche step (plain FNV-1a spreads
 * sequential ids such as `c1`, `c2` poorly across the low bits).
 *
 * @example
 * hash32('customer-1', 'journey', 'split_a'); // the same number on every run and platform
 */
export function hash32(...parts: readonly string[]): number {
  const text = parts.join(KEY_SEPARATOR);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hex digits of every byte value, so formatting a hash allocates no intermediate strings. */
const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

const wordHex = (h: number): string => BYTE_HEX[(h >>> 24) & 0xff]! + BYTE_HEX[(h >>> 16) & 0xff]! + BYTE_HEX[(h >>> 8) & 0xff]! + BYTE_HEX[h & 0xff]!;

/**
 * A 128-bit hash (bryc's cyrb128) as 32 hex digits: wide enough that ids derived from it do not
 * collide in practice, and short enough to keep customer state small. The parts are hashed as if
 * joined with KEY_SEPARATOR, without building the joined string (this runs several times per step).
 *
 * @example
 * hash128Hex('journey', '1', 'customer-1', 'node', 'msg-1', '0'); // 'e3b0…' (32 hex digits)
 */
export function hash128Hex(...parts: readonly string[]): string {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  const separator = KEY_SEPARATOR.charCodeAt(0);
  for (let p = 0; p < parts.length; p++) {
    const text = parts[p]!;
    for (let i = p === 0 ? 0 : -1; i < text.length; i++) {
      const k = i < 0 ? separator : text.charCodeAt(i);
      h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
      h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
      h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
      h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
    }
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return wordHex(h1) + wordHex(h2) + wordHex(h3) + wordHex(h4);
}
