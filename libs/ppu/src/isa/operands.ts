import type { OperandKind, OperandSpec } from './operand-spec.js';

// Every operand field the PPU rows use, once (decodetree's `%field` lines). Bit positions are IBM numbering
// from the Power ISA instruction formats and, for the FXV fields, reference §4.3.

function operand(
  name: string,
  kind: OperandKind,
  first: number,
  width: number,
  extra: Partial<Pick<OperandSpec, 'signed' | 'scaleLog2' | 'legal' | 'optionalDefault'>> = {},
): OperandSpec {
  return { name, kind, bits: [{ first, width }], signed: false, scaleLog2: 0, ...extra };
}

/**
 * BO values the table accepts: the intersection of what `powerpc-linux-gnu-as -mppc` accepts (pre-v2 rules:
 * the z bits must be 0) and what `objdump -m powerpc:common` decodes (v2 rules: BO 17, 19 and 21..31 are
 * reserved). The y bit (BO & 1) of the conditional encodings is a static prediction hint.
 */
export const legalBO: readonly number[] = [0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13, 16, 18, 20];

/** The SPRs of the PPU's scalar core that the table knows: XER 1, LR 8, CTR 9 (Power ISA numbering). */
export const sprNumber = { xer: 1, lr: 8, ctr: 9 } as const;

/** A special-purpose register number: its two 5-bit halves swapped in the word (Power ISA mfspr/mtspr). */
function sprOperand(name: string, legal: readonly number[], optionalDefault?: number): OperandSpec {
  return {
    name,
    kind: 'spr',
    bits: [
      { first: 16, width: 5 },
      { first: 11, width: 5 },
    ],
    signed: false,
    scaleLog2: 0,
    legal,
    ...(optionalDefault === undefined ? {} : { optionalDefault }),
  };
}

export const operands = {
  RT: operand('RT', 'gpr', 6, 5),
  RS: operand('RS', 'gpr', 6, 5),
  RA: operand('RA', 'gpr', 11, 5),
  RA0: operand('RA', 'gpr0', 11, 5),
  RB: operand('RB', 'gpr', 16, 5),
  SI: operand('SI', 'imm', 16, 16, { signed: true }),
  UI: operand('UI', 'imm', 16, 16),
  D: operand('D', 'disp', 16, 16, { signed: true }),
  /** cmp/cmpi/cmpl/cmpli word-size bit: the 32-bit PPU has only L = 0. */
  L: operand('L', 'imm', 10, 1, { legal: [0] }),
  SH: operand('SH', 'imm', 16, 5),
  MB: operand('MB', 'imm', 21, 5),
  ME: operand('ME', 'imm', 26, 5),
  BF: operand('BF', 'crf', 6, 3),
  BFA: operand('BFA', 'crf', 11, 3),
  BT: operand('BT', 'crb', 6, 5),
  BA: operand('BA', 'crb', 11, 5),
  BB: operand('BB', 'crb', 16, 5),
  BO: operand('BO', 'imm', 6, 5, { legal: legalBO }),
  BI: operand('BI', 'crb', 11, 5),
  BD: operand('BD', 'branch', 16, 14, { signed: true, scaleLog2: 2 }),
  LI: operand('LI', 'branch', 6, 24, { signed: true, scaleLog2: 2 }),
  SPR: sprOperand('SPR', Object.values(sprNumber)),
  /**
   * mftb's time-base register, split like SPR: TBL 268 (the default, `mftb rT`) or TBU 269 (`mftbu rT`). The
   * time base counts PPU cycles since power-on (twin choice, reference §10.8).
   */
  TBR: sprOperand('TBR', [268, 269], 268),
  FXM: operand('FXM', 'imm', 12, 8),
  VRT: operand('VRT', 'vr', 6, 5),
  VRA: operand('VRA', 'vr', 11, 5),
  VRB: operand('VRB', 'vr', 16, 5),
  /** The shift amount of fxvshh/fxvshb, read as two's complement (§10.8: −16..15, negative shifts right). */
  IMM: operand('IMM', 'imm', 16, 5, { signed: true }),
  C: operand('C', 'fxvCond', 30, 2, { optionalDefault: 0 }),
} as const satisfies Record<string, OperandSpec>;
