/** An insertion-ordered table of items keyed by a string of their own, for millions of keys: open addressing over 32-bit hashes. */

/**
 * A key's 32-bit hash for this table alone (never stored or shown, so free to differ from the
 * runtime's stable hashes): FNV-1a over even and odd characters in two lanes, joined and finished
 * with murmur3's avalanche. One lane's chain of multiplications waits on each character in turn;
 * two independent lanes hash an id in about half the time.
 */
function slotHash(key: string): number {
  let even = 0x811c9dc5;
  let odd = 0x01000193 ^ key.length;
  const last = key.length - 1;
  let i = 0;
  for (; i < last; i += 2) {
    even = Math.imul(even ^ key.charCodeAt(i), 0x01000193);
    odd = Math.imul(odd ^ key.charCodeAt(i + 1), 0x5bd1e995);
  }
  if (i === last) even = Math.imul(even ^ key.charCodeAt(i), 0x01000193);
  let h = even ^ Math.imul(odd, 0x27d4eb2d);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** Items per slot at most: the table grows when it is half full, so probe runs stay short. */
const MAX_LOAD = 0.5;
const INITIAL_SLOTS = 1 << 12;
/**
 * A growing table takes four times its slots rather than twice: each growth places every item
 * again (a scattered write each) and allocates a new slot array outside the heap, whose growth
 * counts towards V8's next full collection. A simulated year's million input ids went through one
 * more doubling than quadrupling, 32 MB late in the year, which brought on a full collection of
 * the whole heap (0.3-0.6 s); a table holds up to 8 slots per item instead of 4 (32 vs 64 MB for a
 * million ids at worst).
 */
const GROWTH = 4;

/**
 * What a `Map<string, T>` does for `get` and first insertions, built for a million keys and more:
 * a Map keeps each entry in a chained table, and finding a key reads the bucket, the entry and the
 * stored key's string, all scattered over the heap: several cache misses per lookup. Here a probe
 * reads consecutive slots of one typed array holding each key's full 32-bit hash and the item's
 * position; an item's key is only compared when the hashes agree (the item sought, or one in four
 * billion). Items are never removed.
 *
 * @example
 * const states = new KeyedTable<CustomerState>((state) => state.customerId);
 * states.add('c1', newCustomerState('c1'));
 * states.get('c1')?.customerId; // 'c1'
 */
export class KeyedTable<T> {
  /** Pairs (hash, position + 1); position 0 marks an empty slot. */
  private slots = new Int32Array(2 * INITIAL_SLOTS);
  private mask = INITIAL_SLOTS - 1;
  private readonly items: T[] = [];

  constructor(private readonly keyOf: (item: T) => string) {}

  get size(): number {
    return this.items.length;
  }

  /** The item with this key, if any. */
  get(key: string): T | undefined {
    const hash = slotHash(key); // signed, as the Int32Array slots hold it
    const slots = this.slots;
    const mask = this.mask;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const position = slots[2 * slot + 1]!;
      if (position === 0) return undefined;
      if (slots[2 * slot] === hash) {
        const item = this.items[position - 1]!;
        if (this.keyOf(item) === key) return item;
      }
    }
  }

  /** Adds the item under `key` (which must be `keyOf(item)`) unless the key is there; false when it was. */
  add(key: string, item: T): boolean {
    const hash = slotHash(key); // signed, as the Int32Array slots hold it
    const slots = this.slots;
    const mask = this.mask;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const position = slots[2 * slot + 1]!;
      if (position === 0) {
        slots[2 * slot] = hash;
        slots[2 * slot + 1] = this.items.push(item);
        if (this.items.length > MAX_LOAD * (mask + 1)) this.grow();
        return true;
      }
      if (slots[2 * slot] === hash && this.keyOf(this.items[position - 1]!) === key) return false;
    }
  }

  /** Every item, in the order they were added. */
  values(): IterableIterator<T> {
    return this.items.values();
  }

  /** GROWTH times the slots, every item placed again from its stored hash (no key is read). */
  private grow(): void {
    const old = this.slots;
    const count = GROWTH * (this.mask + 1);
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
