import { entriesByOpcode } from './instruction-table.js';
import type { InstructionEntry, OperandValues } from './instruction-entry.js';
import { extractOperand, isLegalOperand } from './operand-spec.js';

/** A decoded instruction word: its table row and operand values (branch operands are byte displacements). */
export interface DecodedInstruction {
  readonly entry: InstructionEntry;
  readonly operands: OperandValues;
}

/**
 * Decodes one big-endian instruction word. Returns `undefined` for an illegal word: no row matches, a reserved
 * bit is set, an operand holds a value the table does not allow (a reserved BO, an unknown SPR), or the
 * operands form an invalid form.
 */
export function decodeInstruction(word: number): DecodedInstruction | undefined {
  const unsigned = word >>> 0;
  for (const entry of entriesByOpcode[unsigned >>> 26]!) {
    if (((unsigned & entry.mask) >>> 0) !== entry.match) continue;
    const operands: Record<string, number> = {};
    for (const spec of entry.operands) {
      const value = extractOperand(unsigned, spec);
      if (!isLegalOperand(spec, value)) return undefined;
      operands[spec.name] = value;
    }
    if (entry.invalidForm?.(operands) !== undefined) return undefined;
    return { entry, operands };
  }
  return undefined;
}
