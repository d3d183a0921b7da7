/** A cursor over journey tokens with the expectations the parser states and the syntax errors they raise. */
import type { TextSpan } from '../diagnostics.ts';
import type { Token } from './lexer.ts';

/** Thrown inside the parser at the first thing it cannot read; caught per statement for recovery. */
export class ParseFailure extends Error {
  constructor(
    message: string,
    readonly span: TextSpan,
  ) {
    super(message);
  }
}

/** How a token reads in a message: `->`, `"text"`, `45d`, or "the end of the text". */
export function describeToken(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return 'the end of the text';
    case 'string':
      return `text ${JSON.stringify(token.text.length > 30 ? `${token.text.slice(0, 30)}…` : token.text)}`;
    default:
      return `\`${token.text}\``;
  }
}

/** How deep conditions may nest; far beyond what anyone writes, and well inside the call stack. */
export const MAX_NESTING = 64;

export class TokenStream {
  #index = 0;
  #depth = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.#index + ahead, this.tokens.length - 1)] as Token;
  }

  /** The token just consumed (for span ends). */
  previous(): Token {
    return this.tokens[Math.max(this.#index - 1, 0)] as Token;
  }

  next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.#index++;
    return token;
  }

  atEnd(): boolean {
    return this.peek().kind === 'eof';
  }

  /** An unquoted word with this text (a keyword) is next. */
  isKeyword(text: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'word' && token.quoted !== true && token.text === text;
  }

  isPunct(text: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'punct' && token.text === text;
  }

  acceptKeyword(text: string): Token | undefined {
    return this.isKeyword(text) ? this.next() : undefined;
  }

  acceptPunct(text: string): Token | undefined {
    return this.isPunct(text) ? this.next() : undefined;
  }

  /** Fails with `expected <what>` and the hint, pointing at the next token. */
  fail(expected: string, hint?: string): never {
    const token = this.peek();
    throw new ParseFailure(`expected ${expected}, found ${describeToken(token)}${hint === undefined ? '' : ` (${hint})`}`, token.span);
  }

  expectKeyword(text: string, hint?: string): Token {
    return this.acceptKeyword(text) ?? this.fail(`\`${text}\``, hint);
  }

  expectPunct(text: string, hint?: string): Token {
    return this.acceptPunct(text) ?? this.fail(`\`${text}\``, hint);
  }

  /** Any word, keyword or not: used where only a name can stand. */
  expectWord(what: string, hint?: string): Token {
    return this.peek().kind === 'word' ? this.next() : this.fail(what, hint);
  }

  expectString(what: string, hint?: string): Token {
    return this.peek().kind === 'string' ? this.next() : this.fail(what, hint ?? 'write text in double quotes, like "text"');
  }

  /** Runs `read` one nesting level deeper, failing past {@link MAX_NESTING} instead of overflowing the stack. */
  nested<T>(read: () => T): T {
    if (this.#depth >= MAX_NESTING) throw new ParseFailure(`conditions nest more than ${MAX_NESTING} levels deep here: simplify them`, this.peek().span);
    this.#depth++;
    try {
      return read();
    } finally {
      this.#depth--;
    }
  }

  /** Skips to the next token that starts a line and satisfies `isStatementStart`, for error recovery. */
  skipToStatement(isStatementStart: (token: Token) => boolean): void {
    this.next();
    while (!this.atEnd() && !(this.peek().lineStart && isStatementStart(this.peek()))) this.#index++;
  }
}
