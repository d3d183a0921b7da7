/** The set of input ids a simulation has processed: an open-addressing hash table of 32-bit hashes beside the ids themselves. */

/** Slots per id at most: the table doubles when it is half full, so probe runs stay short. */
const MAX_LOAD = 0.5;
const INITIAL_SLOTS = 1 << 12;

/**
 * FNV-1a over UTF-16 code units with murmur3's finish, so that ids differing only in their last
 * characters (`msg-1`, `msg-2`) spread over the whole table.
 */
function idHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * Exactly a `Set<string>` of ids for `add`, built for a million and more: a `Set` keeps one entry
 * per id in a chained table, and telling a new id from the ones in its bucket reads each of those
 * ids' strings, scattered over the heap: several cache misses per input. Here a probe reads
 * consecutive slots of one typed array holding each id's full 32-bit hash and its position; an id's
 * string is only compared when the hashes agree (a repeated id, or one in four billion).
 *
 * @example
 * const seen = new SeenIds();
 * seen.add('m1'); // true
 * seen.add('m1'); // false
 */
export class SeenIds {
  /** Pairs (hash, position + 1); position 0 marks an empty slot. */
  private slots = new Int32Array(2 * INITIAL_SLOTS);
  private mask = INITIAL_SLOTS - 1;
  private readonly ids: string[] = [];

  get size(): number {
    return this.ids.length;
  }

  /** Adds the id; false when it was already there. */
  add(id: string): boolean {
    const hash = idHash(id);
    const slots = this.slots;
    const mask = this.mask;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const position = slots[2 * slot + 1]!;
      if (position === 0) {
        slots[2 * slot] = hash;
        slots[2 * slot + 1] = this.ids.push(id);
        if (this.ids.length > MAX_LOAD * (mask + 1)) this.grow();
        return true;
      }
      if (slots[2 * slot] === hash && this.ids[position - 1] === id) return false;
    }
  }

  has(id: string): boolean {
    const hash = idHash(id);
    const slots = this.slots;
    const mask = this.mask;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const position = slots[2 * slot + 1]!;
      if (position === 0) return false;
      if (slots[2 * slot] === hash && this.ids[position - 1] === id) return true;
    }
  }

  /** Twice the slots, every id placed again from its stored hash (no string is read). */
  private grow(): void {
    const old = this.slots;
    const count = 2 * (this.mask + 1);
    const mask = count - 1;
    const slots = new Int32Array(2 * count);
    for (let from = 0; from < old.length; from += 2) {
      const position = old[from + 1]!;
      if (position === 0) continue;
      const hash = old[from]!;
      let slot = hash & mask;
      while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = hash;
      slots[2 * slot + 1] = position;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
