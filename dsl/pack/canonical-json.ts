/** Canonical JSON: sorted keys, no whitespace, so the same data always hashes to the same bytes. */

/**
 * Serialises JSON data canonically (keys sorted by UTF-16 code units, no insignificant whitespace,
 * numbers as ECMAScript prints them). `undefined` members are left out, as `JSON.stringify` does.
 * Throws on values JSON cannot carry (non-finite numbers, functions, cycles).
 *
 * @example
 * canonicalJson({ b: 1, a: [true, null] }); // '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return write(value, new Set());
}

function write(value: unknown, seen: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON cannot carry the number ${value}`);
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new TypeError(`canonical JSON cannot carry a ${typeof value}`);
  }
  const object = value as object;
  if (seen.has(object)) throw new TypeError('canonical JSON cannot carry a cycle');
  seen.add(object);
  let out: string;
  if (Array.isArray(object)) {
    out = `[${object.map((item) => (item === undefined ? 'null' : write(item, seen))).join(',')}]`;
  } else {
    // Own enumerable keys only, read as plain data: a "__proto__" key from JSON.parse is an ordinary member here.
    const record = object as Record<string, unknown>;
    const members = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${write(record[key], seen)}`);
    out = `{${members.join(',')}}`;
  }
  seen.delete(object);
  return out;
}
