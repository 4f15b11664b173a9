// The operand vocabulary of the PPU instruction table (STYLE item 6, after spike's `arg_t`): every operand is a
// named bit field of the instruction word with a kind that says how assembly text spells it. `extract` and
// `insert` live here, spelling lives in `src/asm/operand-syntax.ts`, so the table never hand-writes a shift.

/**
 * What an operand denotes, which decides its spelling in assembly text:
 * - `gpr`: general-purpose register `rN`.
 * - `gpr0`: a base register where 0 means the literal 0, not r0 (the Power ISA's `(RA|0)`); objdump prints `0`.
 * - `vr`: FXV vector register `vN` (§4.3).
 * - `crf`: condition register field `crN`.
 * - `crb`: condition register bit, spelled `4*crN+eq` like objdump.
 * - `imm`: an integer.
 * - `disp`: a load/store displacement, spelled `D(RA)` together with the operand that follows it.
 * - `branch`: a branch displacement in bytes (absolute address when the row has AA = 1).
 * - `spr`: special-purpose register number.
 * - `fxvCond`: the FXV condition C (0 = always, 1 = GT, 2 = LT, 3 = EQ), optional in text (§4.3).
 */
export type OperandKind = 'gpr' | 'gpr0' | 'vr' | 'crf' | 'crb' | 'imm' | 'disp' | 'branch' | 'spr' | 'fxvCond';

/**
 * A run of bits of the instruction word in IBM numbering (bit 0 = most significant), as the Power ISA and
 * reference §4.3 draw them.
 */
export interface BitRange {
  readonly first: number;
  readonly width: number;
}

/** One operand of an instruction row. */
export interface OperandSpec {
  /** The ISA field name (RT, RA, SI, BD, VRT, C, …); operand records are keyed by it. */
  readonly name: string;
  readonly kind: OperandKind;
  /**
   * Where the value sits, most significant part first. Only SPR is split (its two 5-bit halves are swapped
   * in the word, Power ISA mfspr/mtspr).
   */
  readonly bits: readonly BitRange[];
  /** Two's complement field. */
  readonly signed: boolean;
  /** The value is the field times 2^scaleLog2 (branch displacements count words: scale 4 bytes). */
  readonly scaleLog2: number;
  /** A value set narrower than the bits allow (legal BO encodings, the SPRs the PPU has). */
  readonly legal?: readonly number[];
  /** Text may omit the operand; it then takes this value (the FXV condition). */
  readonly optionalDefault?: number;
}

/** The inclusive value range the bits of an operand can hold (before `legal` narrows it). */
export function operandRange(spec: OperandSpec): { readonly min: number; readonly max: number } {
  const width = spec.bits.reduce((sum, range) => sum + range.width, 0);
  const scale = 2 ** spec.scaleLog2;
  return spec.signed
    ? { min: -(2 ** (width - 1)) * scale, max: (2 ** (width - 1) - 1) * scale }
    : { min: 0, max: (2 ** width - 1) * scale };
}

/** The word mask of an IBM-numbered bit range. */
export function rangeMask(range: BitRange): number {
  return (((2 ** range.width - 1) * 2 ** (32 - range.first - range.width)) >>> 0) >>> 0;
}

/** The mask of every bit an operand occupies. */
export function operandMask(spec: OperandSpec): number {
  return spec.bits.reduce((mask, range) => (mask | rangeMask(range)) >>> 0, 0);
}

/** Reads a field value from a word (unsigned). */
export function extractRange(word: number, range: BitRange): number {
  return Math.floor((word >>> 0) / 2 ** (32 - range.first - range.width)) % 2 ** range.width;
}

/** Reads an operand's value from a word: the concatenated slices, sign-extended and scaled. */
export function extractOperand(word: number, spec: OperandSpec): number {
  let raw = 0;
  let width = 0;
  for (const range of spec.bits) {
    raw = raw * 2 ** range.width + extractRange(word, range);
    width += range.width;
  }
  if (spec.signed && raw >= 2 ** (width - 1)) raw -= 2 ** width;
  return raw * 2 ** spec.scaleLog2;
}

/** Whether `value` is legal for the operand: an integer in range, a multiple of the scale, in `legal`. */
export function isLegalOperand(spec: OperandSpec, value: number): boolean {
  const { min, max } = operandRange(spec);
  return (
    Number.isInteger(value) &&
    value >= min &&
    value <= max &&
    value % 2 ** spec.scaleLog2 === 0 &&
    (spec.legal === undefined || spec.legal.includes(value))
  );
}

/** Writes a legal operand value into a word (the caller checked `isLegalOperand`). */
export function insertOperand(word: number, spec: OperandSpec, value: number): number {
  const width = spec.bits.reduce((sum, range) => sum + range.width, 0);
  let raw = value / 2 ** spec.scaleLog2;
  if (raw < 0) raw += 2 ** width;
  let result = word >>> 0;
  let remaining = width;
  for (const range of spec.bits) {
    remaining -= range.width;
    const part = Math.floor(raw / 2 ** remaining) % 2 ** range.width;
    const shift = 32 - range.first - range.width;
    result = ((result & ~rangeMask(range)) | (part * 2 ** shift)) >>> 0;
  }
  return result >>> 0;
}
