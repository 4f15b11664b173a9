import fc from 'fast-check';
import type { InstructionEntry, OperandValues } from '../instruction-entry.js';
import { instructionTable } from '../instruction-table.js';
import { operandRange, type OperandSpec } from '../operand-spec.js';

// Test generators derived from the instruction table (STYLE item 6): a random row with random legal operands.

/** Any legal value of one operand. */
export function operandArbitrary(spec: OperandSpec): fc.Arbitrary<number> {
  if (spec.legal !== undefined) return fc.constantFrom(...spec.legal);
  const scale = 2 ** spec.scaleLog2;
  const { min, max } = operandRange(spec);
  return fc.integer({ min: min / scale, max: max / scale }).map((raw) => raw * scale);
}

/** A legal instruction of one row: operand values that encode and are not an invalid form. */
export function operandsArbitrary(entry: InstructionEntry): fc.Arbitrary<OperandValues> {
  const record: Record<string, fc.Arbitrary<number>> = {};
  for (const spec of entry.operands) record[spec.name] = operandArbitrary(spec);
  return fc.record(record).filter((values) => entry.invalidForm?.(values) === undefined);
}

/** A legal instruction of any of `entries` (default: the whole table). */
export function instructionArbitrary(
  entries: readonly InstructionEntry[] = instructionTable,
): fc.Arbitrary<{ readonly entry: InstructionEntry; readonly operands: OperandValues }> {
  return fc.constantFrom(...entries).chain((entry) => operandsArbitrary(entry).map((operands) => ({ entry, operands })));
}
