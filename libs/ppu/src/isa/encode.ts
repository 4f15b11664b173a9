import { entryByMnemonic } from './instruction-table.js';
import type { InstructionEntry, OperandValues } from './instruction-entry.js';
import { insertOperand, isLegalOperand, operandRange, type OperandSpec } from './operand-spec.js';
import { IsaError, type IsaRange } from './isa-error.js';

/** The legal values of an operand, as the error reports them. */
function legalRange(spec: OperandSpec): IsaRange {
  if (spec.legal !== undefined) return { values: spec.legal };
  return { ...operandRange(spec), step: 2 ** spec.scaleLog2 };
}

function describeRange(range: IsaRange): string {
  if ('values' in range) return `one of ${range.values.join(', ')}`;
  const step = range.step === 1 ? '' : `, a multiple of ${range.step}`;
  return `${range.min}..${range.max}${step}`;
}

/**
 * Encodes one instruction from its row (or mnemonic) and operand values keyed by ISA field name. Optional
 * operands (the FXV condition) default. Throws `IsaError` naming the operand, the value and the legal range.
 */
export function encodeInstruction(entryOrMnemonic: InstructionEntry | string, operands: OperandValues): number {
  const entry = typeof entryOrMnemonic === 'string' ? entryByMnemonic(entryOrMnemonic) : entryOrMnemonic;
  if (entry === undefined) {
    throw new IsaError('unknown-mnemonic', String(entryOrMnemonic), undefined, entryOrMnemonic, undefined,
      `unknown mnemonic '${String(entryOrMnemonic)}'`);
  }
  for (const name of Object.keys(operands)) {
    if (!entry.operands.some((spec) => spec.name === name)) {
      throw new IsaError('unknown-operand', entry.mnemonic, name, operands[name], undefined,
        `${entry.mnemonic} has no operand ${name}`);
    }
  }
  let word = entry.match;
  const values: Record<string, number> = {};
  for (const spec of entry.operands) {
    const value = operands[spec.name] ?? spec.optionalDefault;
    if (value === undefined) {
      throw new IsaError('missing-operand', entry.mnemonic, spec.name, undefined, legalRange(spec),
        `${entry.mnemonic}: missing operand ${spec.name}`);
    }
    if (!isLegalOperand(spec, value)) {
      const range = legalRange(spec);
      throw new IsaError('operand-out-of-range', entry.mnemonic, spec.name, value, range,
        `${entry.mnemonic}: operand ${spec.name} = ${value} is out of range (legal: ${describeRange(range)})`);
    }
    values[spec.name] = value;
    word = insertOperand(word, spec, value);
  }
  const invalid = entry.invalidForm?.(values);
  if (invalid !== undefined) {
    throw new IsaError('invalid-form', entry.mnemonic, undefined, values, undefined,
      `${entry.mnemonic}: invalid form (${invalid})`);
  }
  return word >>> 0;
}
