/** Nesting depth of JSON text and values, counted without recursion: deeply nested input would overflow recursive parsers and validators. */

/** Deepest nesting of arrays and objects a journey, a pack or a request body may have (documents nest about 12 levels). */
export const MAX_JSON_DEPTH = 64;

/**
 * Where `text` first nests arrays and objects deeper than `limit` (the offset of the bracket that goes too deep), or
 * undefined when it never does. Strings are skipped, escapes honoured.
 *
 * @example
 * jsonTooDeepAt('[[[1]]]', 2); // 2
 * jsonTooDeepAt('{"a":[1]}', 2); // undefined
 */
export function jsonTooDeepAt(text: string, limit: number = MAX_JSON_DEPTH): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92) i++;
      else if (ch === 34) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 123 || ch === 91) {
      if (++depth > limit) return i;
    } else if (ch === 125 || ch === 93) depth--;
  }
  return undefined;
}

/**
 * Whether a value nests arrays and objects deeper than `limit` (a value that is too deep, or cyclic, is).
 *
 * @example
 * valueTooDeep({ a: [[1]] }, 2); // true
 */
export function valueTooDeep(value: unknown, limit: number = MAX_JSON_DEPTH): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}
