/** What was wrong with an instruction handed to the encoder. */
export type IsaErrorCode =
  /** No table row has this mnemonic. */
  | 'unknown-mnemonic'
  /** An operand value outside its field's range, not a multiple of its scale, or not one of its legal values. */
  | 'operand-out-of-range'
  /** A required operand is missing. */
  | 'missing-operand'
  /** An operand the row does not have. */
  | 'unknown-operand'
  /** Operands that are each legal but form a combination the Power ISA calls invalid (lwzu with RA = RT). */
  | 'invalid-form';

/** The legal values of an operand: an inclusive interval (with a step for scaled fields) or a list. */
export type IsaRange =
  | { readonly min: number; readonly max: number; readonly step: number }
  | { readonly values: readonly number[] };

/**
 * The error class of the instruction table (STYLE item 9): names the mnemonic, the operand, the offending value
 * and the legal range, so the assembler can turn it into a message at the right column.
 */
export class IsaError extends Error {
  override readonly name = 'IsaError';
  constructor(
    readonly code: IsaErrorCode,
    readonly mnemonic: string,
    /** The operand's ISA field name, `undefined` when the error concerns the whole instruction. */
    readonly operand: string | undefined,
    readonly value: unknown,
    readonly range: IsaRange | undefined,
    message: string,
  ) {
    super(message);
  }
}
