/** What was wrong with a line of assembly source. */
export type AsmErrorCode =
  /** A token the grammar does not allow here (an unbalanced parenthesis, a stray character). */
  | 'syntax'
  | 'unknown-mnemonic'
  | 'unknown-directive'
  /** An expression names a symbol that is never defined (or a register name where a number is expected). */
  | 'undefined-symbol'
  /** A label or `.equ` defined twice. */
  | 'duplicate-symbol'
  /** Too few or too many operands for the mnemonic or directive. */
  | 'operand-count'
  /** A value outside the legal range of its operand or data directive. */
  | 'out-of-range'
  /** Operands that form a Power ISA invalid form (lwzu with RA = RT). */
  | 'invalid-form'
  /** A `+`/`-` prediction hint on a mnemonic that cannot encode one. */
  | 'bad-hint'
  /** An instruction at an address that is not a multiple of 4. */
  | 'misaligned'
  /** `.org` to an address below the current location. */
  | 'org-backwards'
  /** A directive argument that must be known in the first pass (`.space`, `.align`, `.org`) is not. */
  | 'not-absolute'
  | 'division-by-zero';

/** One diagnostic: where (1-based line and column) and what. */
export interface AsmDiagnostic {
  readonly code: AsmErrorCode;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** `file:line:column: message`, the format editors and GNU as use. */
export function formatDiagnostic(diagnostic: AsmDiagnostic): string {
  return `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}: ${diagnostic.message}`;
}

/**
 * The assembler's error (STYLE item 9). The assembler collects every diagnostic of a file (up to a limit)
 * before it throws; `code`, `line` and `column` are those of the first, `diagnostics` holds them all.
 */
export class AsmError extends Error {
  override readonly name = 'AsmError';
  readonly code: AsmErrorCode;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  constructor(readonly diagnostics: readonly [AsmDiagnostic, ...AsmDiagnostic[]]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    const first = diagnostics[0];
    this.code = first.code;
    this.file = first.file;
    this.line = first.line;
    this.column = first.column;
  }
}
