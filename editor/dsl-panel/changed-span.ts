/** The minimal text replacement between two versions of the DSL text, so updates from the canvas leave the rest of the editor untouched. */

/**
 * The smallest replacement turning `before` into `after` (common prefix and suffix kept), so a canvas edit
 * rewrites only the lines it changed and Monaco keeps the cursor, selection and scroll where they were.
 *
 * @example
 * changedSpan('wait 3 d', 'wait 5 d'); // { start: 5, end: 6, text: '5' }
 */
export function changedSpan(before: string, after: string): { start: number; end: number; text: string } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let tail = 0;
  while (tail < before.length - start && tail < after.length - start && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  if (tail > 0 && isHighSurrogate(before.charCodeAt(before.length - 1 - tail))) tail--;
  return { start, end: before.length - tail, text: after.slice(start, after.length - tail) };
}

/** Never cut between the two halves of a character outside the BMP (an emoji in a template name). */
const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
