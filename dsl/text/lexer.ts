/** Lexer for the journey text form: turns source text into tokens with 1-based line:column spans. */
import type { TextSpan } from '../diagnostics.ts';

/**
 * `word`: a name or keyword (`watch`, `dormancy-ladder`, or back-quoted `` `and` `` which is never a keyword);
 * `duration`: a number glued to letters (`45d`, `1.5h`); `time`: `09:00`; `date`: `2025-06-01`;
 * `punct`: `-> : , ( ) [ ] { } . = == != < <= > >= %`.
 */
export type TokenKind = 'word' | 'string' | 'number' | 'duration' | 'time' | 'date' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Words: the name; strings: the decoded value; others: the source text. */
  text: string;
  /** Numbers only: the value. */
  value?: number;
  /** Words only: written in back-quotes, so never read as a keyword. */
  quoted?: boolean;
  /** The first token on its line (statements start there; error recovery resyncs there). */
  lineStart: boolean;
  span: TextSpan;
}

export interface LexError {
  message: string;
  span: TextSpan;
}

const PUNCTUATION = ['->', '==', '!=', '<=', '>=', ':', ',', '(', ')', '[', ']', '{', '}', '.', '=', '<', '>', '%'] as const;
const WORD = /[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*/y;
const DATE = /[0-9]{4}-[0-9]{2}-[0-9]{2}(?![0-9A-Za-z_])/y;
const TIME = /[0-9]{1,2}:[0-9]{2}(?![0-9A-Za-z_])/y;
const NUMBER = /-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const UNIT_LETTERS = /[A-Za-z]+/y;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '0': '\0' };

/**
 * Splits journey text into tokens. Never throws: characters it cannot read become errors and are skipped.
 *
 * @example
 * const { tokens } = lexJourneyText('node a: exit');
 * tokens.map((t) => t.text); // ['node', 'a', ':', 'exit', '']
 */
export function lexJourneyText(source: string): { tokens: Token[]; errors: LexError[] } {
  const tokens: Token[] = [];
  const errors: LexError[] = [];
  let pos = 0;
  let line = 1;
  let lineOffset = 0;
  let lastTokenLine = 0;

  const column = (at: number): number => at - lineOffset + 1;
  const spanFrom = (startLine: number, startColumn: number): TextSpan => ({
    line: startLine,
    column: startColumn,
    endLine: line,
    endColumn: column(pos),
  });
  const push = (kind: TokenKind, text: string, startLine: number, startColumn: number, extra?: Partial<Token>): void => {
    tokens.push({ kind, text, lineStart: startLine !== lastTokenLine, span: spanFrom(startLine, startColumn), ...extra });
    lastTokenLine = startLine;
  };
  const matchAt = (re: RegExp): string | undefined => {
    re.lastIndex = pos;
    const m = re.exec(source);
    return m === null ? undefined : m[0];
  };

  while (pos < source.length) {
    const ch = source[pos] as string;
    if (ch === '\n') {
      pos++;
      line++;
      lineOffset = pos;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\uFEFF' || ch === '\u3000') {
      pos++;
      continue;
    }
    if (ch === '#') {
      while (pos < source.length && source[pos] !== '\n') pos++;
      continue;
    }
    const startLine = line;
    const startColumn = column(pos);
    if (ch === '"') {
      const read = readString(source, pos + 1);
      pos = read.end;
      if (read.error !== undefined) {
        errors.push({ message: read.error, span: { line: startLine, column: startColumn + read.errorOffset, endLine: startLine, endColumn: startColumn + read.errorOffset + 1 } });
      }
      push('string', read.value, startLine, startColumn);
      continue;
    }
    if (ch === '`') {
      const close = source.indexOf('`', pos + 1);
      const newline = source.indexOf('\n', pos + 1);
      if (close === -1 || (newline !== -1 && newline < close)) {
        pos++;
        errors.push({ message: 'unclosed back-quoted name: add the closing `', span: spanFrom(startLine, startColumn) });
        continue;
      }
      const name = source.slice(pos + 1, close);
      pos = close + 1;
      push('word', name, startLine, startColumn, { quoted: true });
      continue;
    }
    if (/[A-Za-z_]/.test(ch)) {
      const word = matchAt(WORD) as string;
      pos += word.length;
      push('word', word, startLine, startColumn);
      continue;
    }
    if (/[0-9]/.test(ch) || (ch === '-' && /[0-9]/.test(source[pos + 1] ?? ''))) {
      const dated = matchAt(DATE) ?? matchAt(TIME);
      if (dated !== undefined) {
        pos += dated.length;
        push(dated.includes(':') ? 'time' : 'date', dated, startLine, startColumn);
        continue;
      }
      const num = matchAt(NUMBER) as string;
      pos += num.length;
      const unit = matchAt(UNIT_LETTERS);
      if (unit !== undefined) {
        pos += unit.length;
        push('duration', num + unit, startLine, startColumn);
      } else {
        push('number', num, startLine, startColumn, { value: Number(num) });
      }
      continue;
    }
    const punct = PUNCTUATION.find((p) => source.startsWith(p, pos));
    if (punct !== undefined) {
      pos += punct.length;
      push('punct', punct, startLine, startColumn);
      continue;
    }
    const code = source.codePointAt(pos) as number;
    pos += code > 0xffff ? 2 : 1;
    errors.push({ message: unexpectedCharacterMessage(String.fromCodePoint(code)), span: spanFrom(startLine, startColumn) });
  }
  tokens.push({ kind: 'eof', text: '', lineStart: true, span: { line, column: column(pos), endLine: line, endColumn: column(pos) } });
  return { tokens, errors };
}

function unexpectedCharacterMessage(ch: string): string {
  if (ch === '“' || ch === '”' || ch === '「' || ch === '」') return `unexpected ${ch}: write text in straight double quotes "like this"`;
  if (ch === "'") return 'unexpected \': write text in double quotes "like this"';
  if (ch === '，' || ch === '：' || ch === '（' || ch === '）') return `unexpected full-width ${ch}: use the ASCII form outside of quotes`;
  if (/\p{L}/u.test(ch)) return `unexpected ${ch}: names use only ASCII letters, digits and _; put other text in double quotes`;
  return `unexpected character ${JSON.stringify(ch)}`;
}

/** Reads a string body after its opening quote; reports the first bad escape or a missing closing quote. */
function readString(source: string, start: number): { value: string; end: number; error?: string; errorOffset: number } {
  let value = '';
  let pos = start;
  let error: string | undefined;
  let errorOffset = 0;
  const fail = (message: string, at: number): void => {
    if (error === undefined) {
      error = message;
      errorOffset = at - start + 1;
    }
  };
  while (pos < source.length) {
    const ch = source[pos] as string;
    if (ch === '"') return { value, end: pos + 1, error, errorOffset };
    if (ch === '\n') break;
    if (ch !== '\\') {
      value += ch;
      pos++;
      continue;
    }
    const esc = source[pos + 1] ?? '';
    const simple = SIMPLE_ESCAPES[esc];
    if (simple !== undefined) {
      value += simple;
      pos += 2;
      continue;
    }
    if (esc === 'u') {
      const braced = /^\{([0-9A-Fa-f]{1,6})\}/.exec(source.slice(pos + 2, pos + 11));
      const plain = /^[0-9A-Fa-f]{4}/.exec(source.slice(pos + 2, pos + 6));
      const code = braced !== null ? parseInt(braced[1] as string, 16) : plain !== null ? parseInt(plain[0], 16) : undefined;
      if (code !== undefined && code <= 0x10ffff) {
        value += String.fromCodePoint(code);
        pos += 2 + (braced !== null ? braced[0].length : 4);
        continue;
      }
      fail('bad \\u escape: write \\u followed by four hex digits (\\u4e2d) or \\u{1F600}', pos);
      pos += 2;
      continue;
    }
    fail(`unknown escape \\${esc}: use \\" \\\\ \\n \\t \\r or \\uXXXX`, pos);
    pos += esc === '' ? 1 : 2;
  }
  fail('unclosed text: add the closing " on the same line (write \\n for a line break)', pos);
  return { value, end: pos, error, errorOffset };
}
