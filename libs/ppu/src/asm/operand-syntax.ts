import type { InstructionEntry } from '../isa/instruction-entry.js';
import type { OperandKind, OperandSpec } from '../isa/operand-spec.js';

// How each operand kind is spelled in assembly text, in both directions. Printing follows
// `objdump -m powerpc:common`; parsing accepts what GNU as accepts (register names or bare numbers), because
// every operand is parsed as an expression in which the kind's register names are predefined symbols.

const crBitNames = ['lt', 'gt', 'eq', 'so'] as const;

/** A condition register bit as objdump prints it: `eq` in cr0, `4*cr1+eq` elsewhere. */
function printCrBit(bit: number): string {
  const field = bit >> 2;
  const name = crBitNames[bit & 3]!;
  return field === 0 ? name : `4*cr${field}+${name}`;
}

/** Formats a 32-bit address the way objdump prints branch targets. */
export function printAddress(address: number): string {
  return `0x${(address >>> 0).toString(16)}`;
}

/** Whether a row's branch operand is an absolute address (AA = 1) rather than a displacement. */
export function isAbsoluteBranch(entry: InstructionEntry): boolean {
  return entry.fixed.some((field) => field.name === 'AA' && field.value === 1);
}

/**
 * Prints one operand value. `address` and `absolute` are needed for branch operands only: objdump prints the
 * target address, never the displacement.
 */
export function printOperand(spec: OperandSpec, value: number, address: number, absolute: boolean): string {
  switch (spec.kind) {
    case 'gpr':
      return `r${value}`;
    case 'gpr0':
      return value === 0 ? '0' : `r${value}`;
    case 'vr':
      return `v${value}`;
    case 'crf':
      return `cr${value}`;
    case 'crb':
      return printCrBit(value);
    case 'branch':
      return printAddress(absolute ? value : address + value);
    case 'imm':
    case 'disp':
    case 'spr':
    case 'fxvCond':
      return String(value);
  }
}

function numbered(prefix: string, count: number, scale = 1, offset = 0): [string, number][] {
  return Array.from({ length: count }, (_, i) => [`${prefix}${i}`, i * scale + offset]);
}

const crFields = numbered('cr', 8);

/**
 * Names an operand kind predefines in its expressions (GNU as: `r3`, `v2`, `cr1`, and for CR bits
 * `4*cr1+eq`, where lt/gt/eq/so/un are 0..3).
 */
const registerSymbols: Record<OperandKind, ReadonlyMap<string, number>> = {
  gpr: new Map(numbered('r', 32)),
  gpr0: new Map(numbered('r', 32)),
  vr: new Map([...numbered('v', 32), ...numbered('vr', 32)]),
  crf: new Map(crFields),
  crb: new Map([...crFields, ['lt', 0], ['gt', 1], ['eq', 2], ['so', 3], ['un', 3]]),
  imm: new Map(),
  disp: new Map(),
  branch: new Map(),
  spr: new Map(),
  fxvCond: new Map(),
};

/** The register names an operand of this kind may use in its expression. */
export function registerSymbolsOf(kind: OperandKind): ReadonlyMap<string, number> {
  return registerSymbols[kind];
}
