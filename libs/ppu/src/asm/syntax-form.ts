import type { InstructionEntry, OperandValues } from '../isa/instruction-entry.js';
import { entryByMnemonic } from '../isa/instruction-table.js';
import type { OperandSpec } from '../isa/operand-spec.js';

/**
 * One way to write an instruction in assembly text: a table row itself, or a simplified (extended) mnemonic of
 * Power ISA Book I Appendix C that stands for a row with some operands fixed or computed. The assembler
 * parses `operands`, then `toBase` gives the row's operand values; the disassembler prints the first form whose
 * `fromBase` accepts a decoded row, in the order objdump prefers.
 */
export interface SyntaxForm {
  readonly name: string;
  readonly base: InstructionEntry;
  /** Operands as written; a `disp` operand is written together with the next one as `D(RA)`. */
  readonly operands: readonly OperandSpec[];
  readonly toBase: (values: OperandValues) => OperandValues;
  /** The form's operand values for a decoded row, or `undefined` when objdump would not print this form. */
  readonly fromBase: ((values: OperandValues) => OperandValues | undefined) | undefined;
  /**
   * Whether the mnemonic takes a `+`/`-` prediction hint, and how GNU as (`-mppc`) sets the y bit of BO from it:
   * relative to the branch direction (`displacement`) or unconditionally (`register`, bclr/bcctr).
   */
  readonly hint: 'displacement' | 'register' | undefined;
}

/** The row of a mnemonic the simplified-mnemonic tables name; a typo there is a bug caught at load. */
export function baseEntry(mnemonic: string): InstructionEntry {
  const entry = entryByMnemonic(mnemonic);
  if (entry === undefined) throw new Error(`syntax table: no instruction row ${mnemonic}`);
  return entry;
}

/** The form of a row written as itself. */
export function rowForm(entry: InstructionEntry): SyntaxForm {
  return {
    name: entry.mnemonic,
    base: entry,
    operands: entry.operands,
    toBase: (values) => values,
    fromBase: (values) => values,
    hint: undefined,
  };
}
