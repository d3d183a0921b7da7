/** Stable, platform-independent string hashes: a 32-bit one for split buckets and a 128-bit one for ids. */

/** Separates the parts of a composite key so that ("ab", "c") and ("a", "bc") hash differently. */
const KEY_SEPARATOR = '\u001f';
const KEY_SEPARATOR_CODE = KEY_SEPARATOR.charCodeAt(0);

/**
 * FNV-1a over UTF-16 code units, finished with murmur3's avalanche step (plain FNV-1a spreads
 * sequential ids such as `c1`, `c2` poorly across the low bits).
 *
 * @example
 * hash32('customer-1', 'journey', 'split_a'); // the same number on every run and platform
 */
export function hash32(...parts: readonly string[]): number {
  return textHash32(parts.join(KEY_SEPARATOR));
}

/**
 * {@link hash32} of one string, without joining parts: for hash tables keyed by ids (millions of lookups).
 *
 * @example
 * textHash32('msg-1') !== textHash32('msg-2'); // true
 */
export function textHash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Character codes of the hex digits, indexed by nibble. */
const HEX_CODES: readonly number[] = Array.from('0123456789abcdef', (digit) => digit.charCodeAt(0));

/**
 * The running state of a cyrb128 hash (bryc), so that a key's common beginning (journey, version,
 * customer, node, input) is hashed once for a run of effects and each only hashes its ordinal.
 */
export interface Hash128State {
  h1: number;
  h2: number;
  h3: number;
  h4: number;
}

/** The starting values of cyrb128. */
const SEED_1 = 1779033703;
const SEED_2 = 3144134277;
const SEED_3 = 1013904242;
const SEED_4 = 2773480762;

/**
 * A hash state that has absorbed nothing yet, to fill with absorbPart.
 *
 * @example
 * const state = newHash128State(); absorbPart(state, 'journey', false);
 */
export function newHash128State(): Hash128State {
  return { h1: SEED_1, h2: SEED_2, h3: SEED_3, h4: SEED_4 };
}

/**
 * Sets the state back to having absorbed nothing (mutating it), so a cache can reuse its object.
 *
 * @example
 * restartHash128(state);
 */
export function restartHash128(state: Hash128State): void {
  state.h1 = SEED_1;
  state.h2 = SEED_2;
  state.h3 = SEED_3;
  state.h4 = SEED_4;
}

/**
 * Copies one state into another (mutating `into`), so a shared beginning is hashed once.
 *
 * @example
 * copyHash128State(ownerHash, nodeHash); absorbPart(nodeHash, 'node', true);
 */
export function copyHash128State(from: Hash128State, into: Hash128State): void {
  into.h1 = from.h1;
  into.h2 = from.h2;
  into.h3 = from.h3;
  into.h4 = from.h4;
}

/**
 * A hash state that has absorbed `parts`, as if they were joined with KEY_SEPARATOR.
 *
 * @example
 * hash128Id('ef_', hash128State('journey', '1', 'customer-1', 'node', 'msg-1', '0'));
 */
export function hash128State(...parts: readonly string[]): Hash128State {
  const state = newHash128State();
  for (let p = 0; p < parts.length; p++) absorbPart(state, parts[p]!, p > 0);
  return state;
}

/** One character code mixed into the running hash: cyrb128's round. */
function mixCode(state: Hash128State, k: number): void {
  const h1 = state.h2 ^ Math.imul(state.h1 ^ k, 597399067);
  const h2 = state.h3 ^ Math.imul(state.h2 ^ k, 2869860233);
  const h3 = state.h4 ^ Math.imul(state.h3 ^ k, 951274213);
  state.h4 = h1 ^ Math.imul(state.h4 ^ k, 2716044179);
  state.h1 = h1;
  state.h2 = h2;
  state.h3 = h3;
}

/**
 * Mixes `text` into the state (mutating it), preceded by KEY_SEPARATOR unless it is the key's first part.
 *
 * @example
 * absorbPart(state, 'customer-1', true);
 */
export function absorbPart(state: Hash128State, text: string, separated: boolean): void {
  let { h1, h2, h3, h4 } = state;
  for (let i = separated ? -1 : 0; i < text.length; i++) {
    const k = i < 0 ? KEY_SEPARATOR_CODE : text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  state.h1 = h1;
  state.h2 = h2;
  state.h3 = h3;
  state.h4 = h4;
}

/** Scratch for hash128Id's last part, so finishing a hash allocates nothing but the id. */
const scratch: Hash128State = { h1: 0, h2: 0, h3: 0, h4: 0 };

/** The character code of the hex digit of `word` at bit `shift`. */
const hexAt = (word: number, shift: number): number => HEX_CODES[(word >>> shift) & 15]!;

/** The 32 hex digits of a finished hash, as one flat string (fromCharCode with every code as an argument: four times faster than apply). */
function hexDigits(prefix: string, h1: number, h2: number, h3: number, h4: number): string {
  if (prefix.length !== 3) return prefix + hexDigits3(h1, h2, h3, h4, 0, 0, 0).slice(3);
  return hexDigits3(h1, h2, h3, h4, prefix.charCodeAt(0), prefix.charCodeAt(1), prefix.charCodeAt(2));
}

function hexDigits3(h1: number, h2: number, h3: number, h4: number, p0: number, p1: number, p2: number): string {
  // prettier-ignore
  return String.fromCharCode(
    p0, p1, p2,
    hexAt(h1, 28), hexAt(h1, 24), hexAt(h1, 20), hexAt(h1, 16), hexAt(h1, 12), hexAt(h1, 8), hexAt(h1, 4), hexAt(h1, 0),
    hexAt(h2, 28), hexAt(h2, 24), hexAt(h2, 20), hexAt(h2, 16), hexAt(h2, 12), hexAt(h2, 8), hexAt(h2, 4), hexAt(h2, 0),
    hexAt(h3, 28), hexAt(h3, 24), hexAt(h3, 20), hexAt(h3, 16), hexAt(h3, 12), hexAt(h3, 8), hexAt(h3, 4), hexAt(h3, 0),
    hexAt(h4, 28), hexAt(h4, 24), hexAt(h4, 20), hexAt(h4, 16), hexAt(h4, 12), hexAt(h4, 8), hexAt(h4, 4), hexAt(h4, 0),
  );
}

/**
 * The finished hash (cyrb128's final avalanche) of `state` followed by `lastPart` if given, as
 * `prefix` + 32 hex digits in one flat string: no concatenation tree, since ids are kept in
 * customer state, where a rope costs ten times the bytes. `state` is not changed.
 *
 * @example
 * hash128Id('ef_', hash128State('journey', '1', 'customer-1', 'node', 'msg-1'), '0'); // 'ef_' + hash128Hex('journey', '1', 'customer-1', 'node', 'msg-1', '0')
 */
export function hash128Id(prefix: string, state: Hash128State, lastPart?: string): string {
  if (lastPart === undefined) return finished(prefix, state);
  copyHash128State(state, scratch);
  absorbPart(scratch, lastPart, true);
  return finished(prefix, scratch);
}

/** Decimal digits' character codes start here ('0'). */
const DIGIT_ZERO = 48;

/**
 * `hash128Id(prefix, state, String(ordinal))` for a whole number ≥ 0, without making the string:
 * the ordinal's decimal digits are mixed in one by one (most significant first).
 *
 * @example
 * hash128IdWithOrdinal('ef_', state, 12) === hash128Id('ef_', state, '12'); // true
 */
export function hash128IdWithOrdinal(prefix: string, state: Hash128State, ordinal: number): string {
  copyHash128State(state, scratch);
  mixCode(scratch, KEY_SEPARATOR_CODE);
  if (ordinal < 10) mixCode(scratch, DIGIT_ZERO + ordinal);
  else absorbPart(scratch, String(ordinal), false);
  return finished(prefix, scratch);
}

/** cyrb128's final avalanche of `state` (not changed), as `prefix` + 32 hex digits. */
function finished(prefix: string, state: Hash128State): string {
  let { h1, h2, h3, h4 } = state;
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return hexDigits(prefix, h1, h2, h3, h4);
}

/**
 * A 128-bit hash (bryc's cyrb128) as 32 hex digits: wide enough that ids derived from it do not
 * collide in practice, and short enough to keep customer state small. The parts are hashed as if
 * joined with KEY_SEPARATOR, without building the joined string.
 *
 * @example
 * hash128Hex('journey', '1', 'customer-1', 'node', 'msg-1', '0'); // 'e3b0…' (32 hex digits)
 */
export function hash128Hex(...parts: readonly string[]): string {
  return hash128Id('', hash128State(...parts));
}
