import { operandMask, rangeMask, type BitRange, type OperandSpec } from './operand-spec.js';

/**
 * Instruction formats of the Power ISA (Book I §1.6) plus the FXV format of reference §4.3. A format fixes
 * where the extended opcode and the flag bits sit:
 *
 * ```
 *          0     6     11    16    21          31
 * D        OPCD  RT    RA    SI/D/UI
 * I        OPCD  LI                      AA LK
 * B        OPCD  BO    BI    BD          AA LK
 * X        OPCD  RT    RA    RB    XO(10)   Rc
 * XO       OPCD  RT    RA    RB    OE XO(9) Rc
 * XL       OPCD  BT/BO BA/BI BB    XO(10)   LK
 * XFX      OPCD  RT    SPR/FXM     XO(10)   /
 * M        OPCD  RS    RA    SH/RB MB ME    Rc
 * FXV      OPCD  VRT   VRA   VRB   XO(9)  C(2)
 * ```
 */
export type Form = 'D' | 'I' | 'B' | 'X' | 'XO' | 'XL' | 'XFX' | 'M' | 'FXV';

/** The ISA chapter a row belongs to; the table and the simulator's handlers are split the same way. */
export type Chapter = 'branch' | 'fixed-point' | 'system' | 'vector';

/** A bit field with a fixed value in a row: the opcodes, the flag bits and the reserved zeros. */
export interface FixedField {
  readonly name: string;
  readonly range: BitRange;
  readonly value: number;
}

/** Operand values of one instruction, keyed by ISA field name (`{ RT: 3, RA: 4, SI: -5 }`). */
export type OperandValues = Readonly<Record<string, number>>;

/**
 * An operand combination the Power ISA calls an invalid form (e.g. lwzu with RA = RT); returns why, or
 * `undefined` when the combination is fine.
 */
export type InvalidForm = (operands: OperandValues) => string | undefined;

/** One row of the instruction table: everything the decoder, encoder, assembler and disassembler need. */
export interface InstructionEntry {
  readonly mnemonic: string;
  readonly form: Form;
  readonly chapter: Chapter;
  /** Primary opcode, bits 0..5. */
  readonly opcode: number;
  /** Extended opcode, when the form has one. */
  readonly xo: number | undefined;
  /** Operands in assembly order. */
  readonly operands: readonly OperandSpec[];
  /** Fixed fields, including the flag bits (Rc, OE, AA, LK) and the reserved bits that must be 0. */
  readonly fixed: readonly FixedField[];
  /** Bits that are neither operand nor opcode nor flag: reserved, must be 0 (a word with them set is illegal). */
  readonly reservedMask: number;
  /** Decoding: `(word & mask) === match`. */
  readonly mask: number;
  readonly match: number;
  readonly invalidForm: InvalidForm | undefined;
}

const opcd: BitRange = { first: 0, width: 6 };

/** Where each format keeps its extended opcode and flag bits. */
const formLayout: Record<Form, { readonly xo?: BitRange; readonly flags: Readonly<Record<string, BitRange>> }> = {
  D: { flags: {} },
  I: { flags: { AA: { first: 30, width: 1 }, LK: { first: 31, width: 1 } } },
  B: { flags: { AA: { first: 30, width: 1 }, LK: { first: 31, width: 1 } } },
  X: { xo: { first: 21, width: 10 }, flags: { Rc: { first: 31, width: 1 } } },
  XO: { xo: { first: 22, width: 9 }, flags: { OE: { first: 21, width: 1 }, Rc: { first: 31, width: 1 } } },
  XL: { xo: { first: 21, width: 10 }, flags: { LK: { first: 31, width: 1 } } },
  XFX: { xo: { first: 21, width: 10 }, flags: {} },
  M: { flags: { Rc: { first: 31, width: 1 } } },
  FXV: { xo: { first: 21, width: 9 }, flags: {} },
};

/** The flags a row may set; a flag the format lacks is a table bug caught at load. */
export type Flags = Partial<Record<'AA' | 'LK' | 'Rc' | 'OE', 0 | 1>>;

/** What a table row states; `defineEntry` derives the masks and reserved bits. */
export interface EntrySource {
  readonly mnemonic: string;
  readonly form: Form;
  readonly chapter: Chapter;
  readonly opcode: number;
  readonly xo?: number;
  readonly operands: readonly OperandSpec[];
  readonly flags?: Flags;
  readonly invalidForm?: InvalidForm;
}

/** Builds a row: places opcode, extended opcode and flags, and declares every leftover bit reserved (zero). */
export function defineEntry(source: EntrySource): InstructionEntry {
  const layout = formLayout[source.form];
  const fixed: FixedField[] = [{ name: 'OPCD', range: opcd, value: source.opcode }];
  if (layout.xo !== undefined) {
    if (source.xo === undefined) throw new Error(`${source.mnemonic}: form ${source.form} needs an XO`);
    fixed.push({ name: 'XO', range: layout.xo, value: source.xo });
  } else if (source.xo !== undefined) {
    throw new Error(`${source.mnemonic}: form ${source.form} has no XO`);
  }
  for (const [flag, value] of Object.entries(source.flags ?? {})) {
    const range = layout.flags[flag];
    if (range === undefined) throw new Error(`${source.mnemonic}: form ${source.form} has no ${flag} bit`);
    fixed.push({ name: flag, range, value });
  }
  // A format flag the row leaves unstated is 0 (the plain form).
  for (const [flag, range] of Object.entries(layout.flags)) {
    if (!(flag in (source.flags ?? {}))) fixed.push({ name: flag, range, value: 0 });
  }

  let used = 0;
  const claim = (mask: number, what: string): void => {
    if ((used & mask) !== 0) throw new Error(`${source.mnemonic}: ${what} overlaps another field`);
    used = (used | mask) >>> 0;
  };
  let match = 0;
  for (const field of fixed) {
    if (field.value < 0 || field.value >= 2 ** field.range.width) {
      throw new Error(`${source.mnemonic}: ${field.name} = ${field.value} does not fit`);
    }
    claim(rangeMask(field.range), field.name);
    match = (match | (field.value * 2 ** (32 - field.range.first - field.range.width))) >>> 0;
  }
  for (const spec of source.operands) claim(operandMask(spec), spec.name);
  const reservedMask = ~used >>> 0;
  return {
    mnemonic: source.mnemonic,
    form: source.form,
    chapter: source.chapter,
    opcode: source.opcode,
    xo: source.xo,
    operands: source.operands,
    fixed,
    reservedMask,
    mask: ~source.operands.reduce((mask, spec) => mask | operandMask(spec), 0) >>> 0,
    match,
    invalidForm: source.invalidForm,
  };
}
