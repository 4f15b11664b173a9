import type { AsmDiagnostic } from './asm-error.js';
import { LexError, tokenizeLine, type Token } from './lexer.js';

// Source text → statements: labels, then a directive, an instruction or an assignment `name = expr`, with the
// operands split at top-level commas. Expressions are parsed later, where their operand kind is known.

/** The tokens of one comma-separated operand, and the column where it starts. */
export interface OperandText {
  readonly tokens: readonly Token[];
  readonly column: number;
  readonly endColumn: number;
}

export interface Label {
  readonly name: string;
  readonly column: number;
  /** `1:`-style local label, referenced as `1f` / `1b`. */
  readonly local: boolean;
}

export interface Statement {
  readonly line: number;
  readonly labels: readonly Label[];
  /** `undefined` for a line that only holds labels. */
  readonly body:
    | {
        readonly kind: 'directive' | 'instruction' | 'assignment';
        readonly name: string;
        readonly column: number;
        /** The `+`/`-` branch prediction hint written after a mnemonic (`bne- cr1, loop`). */
        readonly hint: '+' | '-' | undefined;
        readonly operands: readonly OperandText[];
        readonly endColumn: number;
      }
    | undefined;
}

function splitOperands(tokens: readonly Token[], endColumn: number): OperandText[] {
  if (tokens.length === 0) return [];
  const operands: OperandText[] = [];
  let current: Token[] = [];
  let depth = 0;
  let start = tokens[0]!.column;
  for (const token of tokens) {
    if (token.text === '(') depth++;
    if (token.text === ')') depth--;
    if (token.text === ',' && depth === 0) {
      operands.push({ tokens: current, column: current[0]?.column ?? start, endColumn: token.column });
      current = [];
      start = token.column + 1;
    } else {
      current.push(token);
    }
  }
  operands.push({ tokens: current, column: current[0]?.column ?? start, endColumn });
  return operands;
}

function parseStatement(tokens: Token[], line: number, endColumn: number): Statement {
  const labels: Label[] = [];
  let i = 0;
  while (i + 1 < tokens.length && tokens[i + 1]!.text === ':' && (tokens[i]!.kind === 'ident' || tokens[i]!.kind === 'number')) {
    labels.push({ name: tokens[i]!.text, column: tokens[i]!.column, local: tokens[i]!.kind === 'number' });
    i += 2;
  }
  const head = tokens[i];
  if (head === undefined) return { line, labels, body: undefined };
  if (head.kind !== 'ident') throw new LexError(head.column, `expected a mnemonic or directive, found '${head.text}'`);
  if (tokens[i + 1]?.text === '=') {
    const operands = [{ tokens: tokens.slice(i + 2), column: tokens[i + 2]?.column ?? endColumn, endColumn }];
    return { line, labels, body: { kind: 'assignment', name: head.text, column: head.column, hint: undefined, operands, endColumn } };
  }
  let rest = tokens.slice(i + 1);
  let hint: '+' | '-' | undefined;
  const next = rest[0];
  // A hint is glued to the mnemonic and followed by a space: `bne- target`, not `bne -4`.
  if (!head.spaceAfter && next !== undefined && (next.text === '+' || next.text === '-') && next.spaceAfter) {
    hint = next.text;
    rest = rest.slice(1);
  }
  const kind = head.text.startsWith('.') ? 'directive' : 'instruction';
  return {
    line,
    labels,
    body: { kind, name: head.text.toLowerCase(), column: head.column, hint, operands: splitOperands(rest, endColumn), endColumn },
  };
}

/** Parses a whole source; lines that do not lex become diagnostics and are skipped. */
export function parseSource(source: string, file: string): { statements: Statement[]; diagnostics: AsmDiagnostic[] } {
  const statements: Statement[] = [];
  const diagnostics: AsmDiagnostic[] = [];
  source.split(/\r?\n/).forEach((text, index) => {
    const line = index + 1;
    try {
      for (const tokens of tokenizeLine(text)) {
        const last = tokens[tokens.length - 1]!;
        statements.push(parseStatement(tokens, line, last.column + last.text.length));
      }
    } catch (error) {
      if (!(error instanceof LexError)) throw error;
      diagnostics.push({ code: 'syntax', file, line, column: error.column, message: error.message });
    }
  });
  return { statements, diagnostics };
}
