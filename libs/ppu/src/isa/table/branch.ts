import { defineEntry, type Flags, type InstructionEntry, type InvalidForm } from '../instruction-entry.js';
import type { OperandSpec } from '../operand-spec.js';
import { operands as o } from '../operands.js';

// Power ISA Book I chapter 2 (branch facility): branches and the condition register instructions.

function branchRows(
  base: string,
  form: 'I' | 'B' | 'XL',
  opcode: number,
  xo: number | undefined,
  operandList: readonly OperandSpec[],
  suffixes: readonly string[],
  invalidForm?: InvalidForm,
): InstructionEntry[] {
  return suffixes.map((suffix) => {
    // Suffix letters name the flag bits: l = LK (link), a = AA (absolute target).
    const flags: Flags = { ...(suffix.includes('l') ? { LK: 1 } : {}), ...(suffix.includes('a') ? { AA: 1 } : {}) };
    return defineEntry({
      mnemonic: base + suffix,
      form,
      chapter: 'branch',
      opcode,
      ...(xo === undefined ? {} : { xo }),
      operands: operandList,
      flags,
      ...(invalidForm === undefined ? {} : { invalidForm }),
    });
  });
}

/** bcctr cannot decrement CTR: BO bit 2 (value 4, "do not decrement") must be set (Power ISA bcctr). */
const noCtrDecrement: InvalidForm = (v) => (((v['BO'] ?? 0) & 4) === 0 ? 'bcctr with a CTR-decrementing BO' : undefined);

function crLogical(mnemonic: string, xo: number): InstructionEntry {
  return defineEntry({ mnemonic, form: 'XL', chapter: 'branch', opcode: 19, xo, operands: [o.BT, o.BA, o.BB] });
}

export const branchEntries: readonly InstructionEntry[] = [
  ...branchRows('b', 'I', 18, undefined, [o.LI], ['', 'a', 'l', 'la']),
  ...branchRows('bc', 'B', 16, undefined, [o.BO, o.BI, o.BD], ['', 'a', 'l', 'la']),
  // The BH field (bits 19..20) stays reserved: the table only knows BH = 0.
  ...branchRows('bclr', 'XL', 19, 16, [o.BO, o.BI], ['', 'l']),
  ...branchRows('bcctr', 'XL', 19, 528, [o.BO, o.BI], ['', 'l'], noCtrDecrement),
  defineEntry({ mnemonic: 'mcrf', form: 'XL', chapter: 'branch', opcode: 19, xo: 0, operands: [o.BF, o.BFA] }),
  crLogical('crnor', 33),
  crLogical('crandc', 129),
  crLogical('crxor', 193),
  crLogical('crnand', 225),
  crLogical('crand', 257),
  crLogical('creqv', 289),
  crLogical('crorc', 417),
  crLogical('cror', 449),
];
