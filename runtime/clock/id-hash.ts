/** A fast 32-bit hash of an id string for the simulation's own hash tables (not stable across versions: never stored). */

/**
 * FNV-1a over UTF-16 code units with murmur3's finish, so that ids differing only in their last
 * characters (`msg-1`, `msg-2`) spread over the whole table.
 *
 * @example
 * idHash('msg-1') !== idHash('msg-2'); // true
 */
export function idHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
