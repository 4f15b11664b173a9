import type { AsmErrorCode } from './asm-error.js';

/** A problem with one statement at a column; the assembler adds file and line and collects it. */
export class StatementError extends Error {
  constructor(
    readonly code: AsmErrorCode,
    readonly column: number,
    message: string,
  ) {
    super(message);
  }
}
