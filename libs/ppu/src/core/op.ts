// The small integer operation ids the execution loop switches over (decoded once per word, `decode-cache.ts`).
// Several table rows share an op: the variants differ only in operands or flags that lowering precomputes
// (addi/addis → ADDI with a shifted immediate, lwz/lwzx/lwzu/lwzux → LWZ, the eight CR logicals → CRLOGIC
// with a truth table). ILLEGAL is 0 so a zeroed cache decodes every slot as the word 0, which is illegal.
//
// The loop's case labels are these numbers written as literals (`case 1 satisfies Ops['ADDI']`): V8 compiles a
// switch to a jump table only when every label is a small integer literal, and `satisfies` makes the compiler
// check each literal against this table at no runtime cost.

export const Op = {
  ILLEGAL: 0,
  // Fixed-point arithmetic.
  ADDI: 1,
  ADD: 2,
  /** Every add/subtract with carry-in, CA or OE: RT ← (¬?)RA + (RB | imm) + (0 | 1 | CA). */
  ADD_EXTENDED: 3,
  MULLI: 4,
  MULLW: 5,
  MULHW: 6,
  MULHWU: 7,
  DIVW: 8,
  DIVWU: 9,
  // Compare.
  CMP: 10,
  CMPL: 11,
  CMPI: 12,
  CMPLI: 13,
  // Logical, shifts, rotates.
  ORI: 14,
  XORI: 15,
  ANDI: 16,
  AND: 17,
  ANDC: 18,
  NOR: 19,
  EQV: 20,
  XOR: 21,
  ORC: 22,
  OR: 23,
  NAND: 24,
  SLW: 25,
  SRW: 26,
  SRAW: 27,
  SRAWI: 28,
  CNTLZW: 29,
  EXTSH: 30,
  EXTSB: 31,
  RLWINM: 32,
  RLWIMI: 33,
  RLWNM: 34,
  // Loads and stores (D, X, update forms share an op).
  LWZ: 35,
  LBZ: 36,
  LHZ: 37,
  LHA: 38,
  STW: 39,
  STB: 40,
  STH: 41,
  LMW: 42,
  STMW: 43,
  // Branch facility.
  B: 44,
  BC: 45,
  BCLR: 46,
  BCCTR: 47,
  CRLOGIC: 48,
  MCRF: 49,
  // System.
  MFCR: 50,
  MTCRF: 51,
  MFSPR: 52,
  MTSPR: 53,
  WAIT: 54,
  /** sync, isync: the PPU executes strictly in order (§10.8), so they only take their cycle. */
  NOP: 55,
  // Vector unit.
  FXV: 56,
  /** mftb: the time base, PPU cycles since power-on. */
  MFTB: 57,
} as const;

/** An op id. */
export type OpId = (typeof Op)[keyof typeof Op];


// Flag bits of a decoded slot.
/** Rc = 1: set CR0 from the result. */
export const RC = 1;
/** OE = 1: set XER.OV (and SO). */
export const OE = 2;
/** LK = 1: LR ← address of the next instruction. */
export const LK = 4;
/** Load/store with update: RA ← effective address. */
export const UPDATE = 8;
// ADD_EXTENDED operand selection.
/** The first operand is ¬RA (the subtract-from family). */
export const INVERT_A = 16;
/** The second operand is the slot's immediate, not RB (addic, subfic, addme: −1, addze: 0). */
export const B_IMMEDIATE = 32;
/** Carry-in 1 (subf, subfc, subfic, neg). */
export const CARRY_ONE = 64;
/** Carry-in XER.CA (adde, subfe, addme, addze, subfme, subfze). */
export const CARRY_CA = 128;
/** XER.CA ← carry out. */
export const SETS_CA = 256;

/** The op table's type, for the loop's checked literal case labels. */
export type Ops = typeof Op;
