// Tokens of one source line. GNU as for PowerPC: `#` starts a comment, `;` separates statements, identifiers
// may contain `.` and `$` (mnemonics like `addic.`, directives like `.text`), `1f`/`1b` refer to local labels.

export type TokenKind = 'ident' | 'number' | 'localRef' | 'punct';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** 1-based column of the first character. */
  readonly column: number;
  /** Whitespace follows the token (tells `bne-` from `bne -4`). */
  readonly spaceAfter: boolean;
  /** Numbers: the value. */
  readonly value?: number;
}

const punctuation = ['<<', '>>', ',', '(', ')', '+', '-', '*', '/', '%', '&', '|', '^', '~', '!', ':', '=', '@'];

/** A character the line does not allow, at a 1-based column. */
export class LexError extends Error {
  constructor(readonly column: number, message: string) {
    super(message);
  }
}

function numberValue(text: string): number | undefined {
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) return parseInt(text.slice(2), 16);
  if (/^0[bB][01]+$/.test(text)) return parseInt(text.slice(2), 2);
  // GNU as reads a leading 0 as octal.
  if (/^0[0-7]+$/.test(text)) return parseInt(text.slice(1), 8);
  if (/^[0-9]+$/.test(text)) return parseInt(text, 10);
  return undefined;
}

/** Splits a line (without its newline) into statements of tokens; the comment is dropped. */
export function tokenizeLine(line: string): Token[][] {
  const statements: Token[][] = [[]];
  let i = 0;
  const push = (token: Omit<Token, 'spaceAfter'>, end: number): void => {
    statements[statements.length - 1]!.push({ ...token, spaceAfter: end >= line.length || /\s/.test(line[end]!) });
  };
  while (i < line.length) {
    const ch = line[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '#') {
      break;
    } else if (ch === ';') {
      statements.push([]);
      i++;
    } else if (/[A-Za-z_.$]/.test(ch)) {
      const text = /^[A-Za-z_.$][A-Za-z0-9_.$]*/.exec(line.slice(i))![0];
      push({ kind: 'ident', text, column: i + 1 }, i + text.length);
      i += text.length;
    } else if (/[0-9]/.test(ch)) {
      const text = /^[0-9][0-9A-Za-z]*/.exec(line.slice(i))![0];
      if (/^[0-9]+[fb]$/.test(text)) {
        push({ kind: 'localRef', text, column: i + 1 }, i + text.length);
      } else {
        const value = numberValue(text);
        if (value === undefined) throw new LexError(i + 1, `malformed number '${text}'`);
        push({ kind: 'number', text, column: i + 1, value }, i + text.length);
      }
      i += text.length;
    } else {
      const text = punctuation.find((p) => line.startsWith(p, i));
      if (text === undefined) throw new LexError(i + 1, `unexpected character '${ch}'`);
      push({ kind: 'punct', text, column: i + 1 }, i + text.length);
      i += text.length;
    }
  }
  return statements.filter((statement) => statement.length > 0);
}
