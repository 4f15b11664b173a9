import type { InstructionEntry, OperandValues } from '../../isa/instruction-entry.js';
import { isAbsoluteBranch, printOperand } from '../operand-syntax.js';

/**
 * An instruction written as its table row with every operand spelled out, branch displacements as `.+N` so
 * GNU as resolves them without relocations (tests feed the same line to both assemblers).
 */
export function rowSyntax(entry: InstructionEntry, values: OperandValues): string {
  const absolute = isAbsoluteBranch(entry);
  const parts: string[] = [];
  for (let i = 0; i < entry.operands.length; i++) {
    const spec = entry.operands[i]!;
    const value = values[spec.name] ?? 0;
    if (spec.kind === 'branch' && !absolute) {
      parts.push(value < 0 ? `.${value}` : `.+${value}`);
    } else if (spec.kind === 'disp') {
      const base = entry.operands[++i]!;
      parts.push(`${value}(${printOperand(base, values[base.name] ?? 0, 0, absolute)})`);
    } else {
      parts.push(printOperand(spec, value, 0, absolute));
    }
  }
  return parts.length === 0 ? entry.mnemonic : `${entry.mnemonic} ${parts.join(',')}`;
}
