import type { DecodedInstruction } from '../isa/decode.js';
import type { InstructionEntry, OperandValues } from '../isa/instruction-entry.js';
import { B_IMMEDIATE, CARRY_CA, CARRY_ONE, INVERT_A, LK, OE, Op, RC, SETS_CA, UPDATE, type OpId } from './op.js';
import { rotateMask } from './fixed-point.js';

// Lowering: a decoded table row → the flat slot the execution loop reads (op id, flags, three register
// fields, one immediate). Everything an instruction needs that does not depend on register values is computed
// here, once per word: shifted immediates, rotate masks, branch targets, CR field masks, truth tables.

/** Register index that always reads 0: the `(RA|0)` base when RA = 0, and the missing index of D-forms. */
export const ZERO_REGISTER = 32;

/** One lowered instruction. */
export interface LoweredInstruction {
  readonly op: OpId;
  readonly flags: number;
  /** RT / RS / BO / BF / BT / VRT field. */
  readonly t: number;
  /** RA / BI / BA / BFA / VRA field (`ZERO_REGISTER` for a `(RA|0)` operand with RA = 0). */
  readonly a: number;
  /** RB / SH / BB / VRB field (`ZERO_REGISTER` where a load/store has no index register). */
  readonly b: number;
  readonly imm: number;
}

type Lowering = (v: OperandValues, flags: number, address: number) => LoweredInstruction;

const field = (v: OperandValues, name: string): number => v[name] ?? 0;
const base0 = (v: OperandValues): number => (field(v, 'RA') === 0 ? ZERO_REGISTER : field(v, 'RA'));

function slot(op: OpId, flags: number, t: number, a: number, b: number, imm: number): LoweredInstruction {
  return { op, flags, t, a, b, imm };
}

/** RT ← op(RA, RB), XO-form. */
const rtRaRb = (op: OpId): Lowering => (v, f) => slot(op, f, field(v, 'RT'), field(v, 'RA'), field(v, 'RB'), 0);
/** RA ← op(RS, RB), X-form logical (the destination is the RA field). */
const raRsRb = (op: OpId): Lowering => (v, f) => slot(op, f, field(v, 'RA'), field(v, 'RS'), field(v, 'RB'), 0);
/** RA ← op(RS, imm) with the immediate shifted left by `shift` (ori/oris, xori/xoris, andi./andis.). */
const raRsImm = (op: OpId, shift: number): Lowering => (v, f) =>
  slot(op, f, field(v, 'RA'), field(v, 'RS'), 0, (field(v, 'UI') << shift) | 0);
/** The add/subtract family through ADD_EXTENDED: `how` picks ¬RA, the second operand and the carry-in. */
const extended = (how: number, immediate?: number): Lowering => (v, f) =>
  slot(Op.ADD_EXTENDED, f | how, field(v, 'RT'), field(v, 'RA'), field(v, 'RB'), immediate ?? field(v, 'SI'));
/** Loads/stores: EA = (RA|0) + (RB | D); update forms use RA itself (never 0, an invalid form). */
const loadStore = (op: OpId, indexed: boolean): Lowering => (v, f) =>
  slot(op, f, field(v, 'RT') | field(v, 'RS'), base0(v), indexed ? field(v, 'RB') : ZERO_REGISTER, indexed ? 0 : field(v, 'D'));
/** Branch target: absolute (AA = 1) or relative to the branch's own address. */
const target = (v: OperandValues, name: string, absolute: boolean, address: number): number =>
  (absolute ? field(v, name) : address + field(v, name)) >>> 0;
/** CR logical: the result bit for (BA, BB) is bit `2·BA + BB` of the truth table. */
const crLogic = (table: number): Lowering => (v, f) => slot(Op.CRLOGIC, f, field(v, 'BT'), field(v, 'BA'), field(v, 'BB'), table);
const rotate = (op: OpId): Lowering => (v, f) =>
  slot(op, f, field(v, 'RA'), field(v, 'RS'), op === Op.RLWNM ? field(v, 'RB') : field(v, 'SH'), rotateMask(field(v, 'MB'), field(v, 'ME')));

const loadStoreRows: Record<string, Lowering> = {};
for (const [name, op] of [['lwz', Op.LWZ], ['lbz', Op.LBZ], ['lhz', Op.LHZ], ['lha', Op.LHA], ['stw', Op.STW], ['stb', Op.STB], ['sth', Op.STH]] as const) {
  loadStoreRows[name] = loadStore(op, false);
  loadStoreRows[`${name}u`] = (v, f, address) => ({ ...loadStore(op, false)(v, f, address), a: field(v, 'RA'), flags: f | UPDATE });
  loadStoreRows[`${name}x`] = loadStore(op, true);
  loadStoreRows[`${name}ux`] = (v, f, address) => ({ ...loadStore(op, true)(v, f, address), a: field(v, 'RA'), flags: f | UPDATE });
}

/** One lowering per base mnemonic (the mnemonic without its o / . / l / a suffixes). */
const LOWERINGS: Record<string, Lowering> = {
  addi: (v, f) => slot(Op.ADDI, f, field(v, 'RT'), base0(v), 0, field(v, 'SI')),
  addis: (v, f) => slot(Op.ADDI, f, field(v, 'RT'), base0(v), 0, field(v, 'SI') << 16),
  add: (v, f, address) => (f === 0 ? rtRaRb(Op.ADD)(v, f, address) : extended(0, 0)(v, f, address)),
  addc: extended(SETS_CA, 0),
  adde: extended(CARRY_CA | SETS_CA, 0),
  addic: extended(B_IMMEDIATE | SETS_CA),
  'addic.': (v, f, address) => extended(B_IMMEDIATE | SETS_CA)(v, f | RC, address),
  addme: extended(B_IMMEDIATE | CARRY_CA | SETS_CA, -1),
  addze: extended(B_IMMEDIATE | CARRY_CA | SETS_CA, 0),
  subf: extended(INVERT_A | CARRY_ONE, 0),
  subfc: extended(INVERT_A | CARRY_ONE | SETS_CA, 0),
  subfe: extended(INVERT_A | CARRY_CA | SETS_CA, 0),
  subfic: extended(INVERT_A | B_IMMEDIATE | CARRY_ONE | SETS_CA),
  subfme: extended(INVERT_A | B_IMMEDIATE | CARRY_CA | SETS_CA, -1),
  subfze: extended(INVERT_A | B_IMMEDIATE | CARRY_CA | SETS_CA, 0),
  neg: extended(INVERT_A | B_IMMEDIATE | CARRY_ONE, 0),
  mulli: (v, f) => slot(Op.MULLI, f, field(v, 'RT'), field(v, 'RA'), 0, field(v, 'SI')),
  mullw: rtRaRb(Op.MULLW),
  mulhw: rtRaRb(Op.MULHW),
  mulhwu: rtRaRb(Op.MULHWU),
  divw: rtRaRb(Op.DIVW),
  divwu: rtRaRb(Op.DIVWU),
  cmp: (v, f) => slot(Op.CMP, f, field(v, 'BF'), field(v, 'RA'), field(v, 'RB'), 0),
  cmpl: (v, f) => slot(Op.CMPL, f, field(v, 'BF'), field(v, 'RA'), field(v, 'RB'), 0),
  cmpi: (v, f) => slot(Op.CMPI, f, field(v, 'BF'), field(v, 'RA'), 0, field(v, 'SI')),
  cmpli: (v, f) => slot(Op.CMPLI, f, field(v, 'BF'), field(v, 'RA'), 0, field(v, 'UI')),
  ori: raRsImm(Op.ORI, 0),
  oris: raRsImm(Op.ORI, 16),
  xori: raRsImm(Op.XORI, 0),
  xoris: raRsImm(Op.XORI, 16),
  'andi.': raRsImm(Op.ANDI, 0),
  'andis.': raRsImm(Op.ANDI, 16),
  and: raRsRb(Op.AND),
  andc: raRsRb(Op.ANDC),
  nor: raRsRb(Op.NOR),
  eqv: raRsRb(Op.EQV),
  xor: raRsRb(Op.XOR),
  orc: raRsRb(Op.ORC),
  or: raRsRb(Op.OR),
  nand: raRsRb(Op.NAND),
  slw: raRsRb(Op.SLW),
  srw: raRsRb(Op.SRW),
  sraw: raRsRb(Op.SRAW),
  srawi: (v, f) => slot(Op.SRAWI, f, field(v, 'RA'), field(v, 'RS'), field(v, 'SH'), 0),
  cntlzw: raRsRb(Op.CNTLZW),
  extsh: raRsRb(Op.EXTSH),
  extsb: raRsRb(Op.EXTSB),
  rlwinm: rotate(Op.RLWINM),
  rlwimi: rotate(Op.RLWIMI),
  rlwnm: rotate(Op.RLWNM),
  ...loadStoreRows,
  lmw: (v, f) => slot(Op.LMW, f, field(v, 'RT'), base0(v), ZERO_REGISTER, field(v, 'D')),
  stmw: (v, f) => slot(Op.STMW, f, field(v, 'RS'), base0(v), ZERO_REGISTER, field(v, 'D')),
  b: (v, f, address) => slot(Op.B, f, 0, 0, 0, target(v, 'LI', absolute(f), address)),
  bc: (v, f, address) => slot(Op.BC, f, field(v, 'BO'), field(v, 'BI'), 0, target(v, 'BD', absolute(f), address)),
  bclr: (v, f) => slot(Op.BCLR, f, field(v, 'BO'), field(v, 'BI'), 0, 0),
  bcctr: (v, f) => slot(Op.BCCTR, f, field(v, 'BO'), field(v, 'BI'), 0, 0),
  crand: crLogic(0b1000),
  crandc: crLogic(0b0100),
  creqv: crLogic(0b1001),
  crnand: crLogic(0b0111),
  crnor: crLogic(0b0001),
  cror: crLogic(0b1110),
  crorc: crLogic(0b1101),
  crxor: crLogic(0b0110),
  mcrf: (v, f) => slot(Op.MCRF, f, field(v, 'BF'), field(v, 'BFA'), 0, 0),
  mfcr: (v, f) => slot(Op.MFCR, f, field(v, 'RT'), 0, 0, 0),
  mtcrf: (v, f) => slot(Op.MTCRF, f, field(v, 'RS'), 0, 0, crFieldMask(field(v, 'FXM'))),
  mfspr: (v, f) => slot(Op.MFSPR, f, field(v, 'RT'), 0, 0, field(v, 'SPR')),
  mftb: (v, f) => slot(Op.MFTB, f, field(v, 'RT'), 0, 0, field(v, 'TBR')),
  mtspr: (v, f) => slot(Op.MTSPR, f, field(v, 'RS'), 0, 0, field(v, 'SPR')),
  wait: (_v, f) => slot(Op.WAIT, f, 0, 0, 0, 0),
  sync: (_v, f) => slot(Op.NOP, f, 0, 0, 0, 0),
  isync: (_v, f) => slot(Op.NOP, f, 0, 0, 0, 0),
};

/** AA travels in the flags only until the target is computed; the loop never reads it. */
const AA = 1 << 15;
const absolute = (flags: number): boolean => (flags & AA) !== 0;

/** mtcrf: FXM bit i (from the left) selects CR field i. */
function crFieldMask(fxm: number): number {
  let mask = 0;
  for (let i = 0; i < 8; i++) if (((fxm >> (7 - i)) & 1) === 1) mask |= 0xf << (28 - 4 * i);
  return mask;
}

/** The row's flag bits as loop flags, and its mnemonic without the suffixes they add. */
function flagsOf(entry: InstructionEntry): { flags: number; base: string } {
  const value = (name: string): number => entry.fixed.find((f) => f.name === name)?.value ?? 0;
  let base = entry.mnemonic;
  let flags = 0;
  if (value('Rc') === 1) (flags |= RC), (base = base.slice(0, -1));
  if (value('OE') === 1) (flags |= OE), (base = base.slice(0, -1));
  if (value('AA') === 1) (flags |= AA), (base = base.slice(0, -1));
  if (value('LK') === 1) (flags |= LK), (base = base.slice(0, -1));
  return { flags, base };
}

/** Whether the loop can execute `entry` (every scalar row; FXV rows go to the vector unit). */
export function hasLowering(entry: InstructionEntry): boolean {
  return entry.chapter === 'vector' || flagsOf(entry).base in LOWERINGS;
}

/** Lowers a decoded instruction found at byte `address`. */
export function lowerInstruction(decoded: DecodedInstruction, address: number): LoweredInstruction {
  const { entry, operands } = decoded;
  if (entry.chapter === 'vector') {
    // The vector unit takes the raw 5-bit fields: RA/VRA, and RB/VRB/the shift immediate (read back as its
    // two's complement bits, which is what the shift handlers decode).
    const a = operands['VRA'] ?? field(operands, 'RA');
    const b = operands['VRB'] ?? operands['RB'] ?? field(operands, 'IMM') & 31;
    return slot(Op.FXV, field(operands, 'C'), field(operands, 'VRT'), a, b, entry.xo ?? 0);
  }
  const { flags, base } = flagsOf(entry);
  const lowering = LOWERINGS[base];
  if (lowering === undefined) throw new Error(`instruction table row ${entry.mnemonic} has no lowering`);
  const lowered = lowering(operands, flags, address);
  return { ...lowered, flags: lowered.flags & ~AA };
}
