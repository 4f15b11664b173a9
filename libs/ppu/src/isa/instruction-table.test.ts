import { describe, expect, it } from 'vitest';
import { decodeInstruction } from './decode.js';
import { encodeInstruction } from './encode.js';
import { entryByMnemonic, instructionTable } from './instruction-table.js';
import { IsaError } from './isa-error.js';

/** §4.4 transcribed: every FXV mnemonic and its XO. */
const fxvOpcodes: Record<string, number> = {
  fxvmahm: 12, fxvmabm: 13, fxvmtacb: 14, fxvmtach: 15, fxvmahfs: 28, fxvmabfs: 29, fxvmtacbf: 30, fxvmtachf: 31,
  fxvmatachm: 44, fxvmatacbm: 45, fxvmatachfs: 60, fxvmatacbfs: 61, fxvmulhm: 76, fxvmulbm: 77, fxvmulhfs: 92,
  fxvmulbfs: 93, fxvmultachm: 108, fxvmultacbm: 109, fxvmultachfs: 124, fxvmultacbfs: 125, fxvinx: 236,
  fxvpckbu: 239, fxvoutx: 252, fxvpckbl: 255, fxvsplath: 268, fxvsplatb: 269, fxvupckbr: 271, fxvupckbl: 287,
  fxvcmph: 300, fxvcmpb: 301, fxvshh: 316, fxvshb: 317, fxvsel: 319, fxvsubhm: 332, fxvsubbm: 333, fxvsubhfs: 348,
  fxvsubbfs: 349, fxvaddactachm: 364, fxvaddactacb: 365, fxvaddactachf: 380, fxvaddactacbf: 381, fxvaddachm: 396,
  fxvaddacbm: 397, fxvaddachfs: 412, fxvaddacbfs: 413, fxvaddtachm: 428, fxvaddtacb: 429, fxvaddhm: 460,
  fxvaddbm: 461, fxvaddhfs: 476, fxvaddbfs: 477, fxvlax: 492, fxvstax: 508,
};

/** §4.3 by hand: OPCD 4 | VRT 6..10 | VRA 11..15 | VRB 16..20 | XO 21..29 | C 30..31 (IBM numbering). */
function fxvWord(xo: number, t: number, a: number, b: number, c: number): number {
  return ((4 << 26) | (t << 21) | (a << 16) | ((b & 31) << 11) | (xo << 2) | c) >>> 0;
}

describe('FXV rows (§4.3, §4.4)', () => {
  const rows = instructionTable.filter((entry) => entry.chapter === 'vector');

  it('has exactly the mnemonics and extended opcodes of §4.4', () => {
    expect(Object.fromEntries(rows.map((entry) => [entry.mnemonic, entry.xo]))).toEqual(fxvOpcodes);
  });

  it('encodes every row at the §4.3 field positions', () => {
    for (const entry of rows) {
      const names = entry.operands.map((spec) => spec.name);
      const operands = { VRT: 5, VRA: 9, VRB: 17, RA: 9, RB: 17, IMM: -3, C: 2 };
      const values = Object.fromEntries(names.map((name) => [name, operands[name as keyof typeof operands]]));
      const t = names.includes('VRT') ? 5 : 0;
      const a = names.includes('VRA') || names.includes('RA') ? 9 : 0;
      const b = names.includes('VRB') || names.includes('RB') ? 17 : names.includes('IMM') ? -3 : 0;
      expect(encodeInstruction(entry, values), entry.mnemonic).toBe(fxvWord(entry.xo!, t, a, b, 2));
    }
  });

  it('matches hand-computed words', () => {
    expect(encodeInstruction('fxvaddbm', { VRT: 1, VRA: 2, VRB: 3 })).toBe(0x10221f34);
    expect(encodeInstruction('fxvshb', { VRT: 1, VRA: 2, IMM: -1 })).toBe(0x1022fcf4);
    expect(encodeInstruction('fxvsel', { VRT: 1, VRA: 2, VRB: 3, C: 2 })).toBe(0x10221cfe);
    expect(encodeInstruction('fxvcmpb', { VRA: 4 })).toBe(0x100404b4);
    expect(encodeInstruction('fxvoutx', { VRT: 1, RA: 3, RB: 4, C: 1 })).toBe(0x102323f1);
  });

  it('rejects words with an unused register field set or an unknown XO', () => {
    expect(decodeInstruction(0x100404b4)?.entry.mnemonic).toBe('fxvcmpb');
    expect(decodeInstruction(0x100404b4 | (1 << 21))).toBeUndefined();
    expect(decodeInstruction(fxvWord(0, 1, 2, 3, 0))).toBeUndefined();
  });
});

describe('scalar rows', () => {
  it('encodes the words binutils produces', () => {
    expect(encodeInstruction('addi', { RT: 3, RA: 4, SI: 5 })).toBe(0x38640005);
    expect(encodeInstruction('mtspr', { SPR: 8, RS: 3 })).toBe(0x7c6803a6);
    expect(encodeInstruction('mfspr', { RT: 3, SPR: 1 })).toBe(0x7c6102a6);
    expect(encodeInstruction('wait', {})).toBe(0x7c00007c);
    expect(encodeInstruction('divwuo.', { RT: 3, RA: 4, RB: 5 })).toBe(0x7c642f97);
    expect(encodeInstruction('stmw', { RS: 29, D: -12, RA: 1 })).toBe(0xbfa1fff4);
    expect(encodeInstruction('bl', { LI: 0x48 - 0x11c })).toBe(0x4bffff2d);
    expect(encodeInstruction('bc', { BO: 12, BI: 2, BD: -8 })).toBe(0x4182fff8);
    expect(encodeInstruction('cmpi', { BF: 7, L: 0, RA: 3, SI: -5 })).toBe(0x2f83fffb);
  });

  it('decodes to the row and operands', () => {
    expect(decodeInstruction(0x4182fff8)).toMatchObject({ entry: { mnemonic: 'bc' }, operands: { BO: 12, BI: 2, BD: -8 } });
    expect(decodeInstruction(0x7c6802a6)).toMatchObject({ entry: { mnemonic: 'mfspr' }, operands: { RT: 3, SPR: 8 } });
  });

  it('treats reserved bits, reserved BO values, unknown SPRs and invalid forms as illegal', () => {
    expect(decodeInstruction(0)).toBeUndefined();
    expect(decodeInstruction(0x7c600026 | (1 << 11))).toBeUndefined(); // mfcr with a reserved bit
    expect(decodeInstruction(0x42260008)).toBeUndefined(); // bc BO = 17
    expect(decodeInstruction(0x7c7002a6)).toBeUndefined(); // mfspr 16 (SPRG0): not on the PPU
    expect(decodeInstruction(encodeInstruction('lwz', { RT: 3, D: 0, RA: 3 }) | (1 << 26))).toBeUndefined(); // lwzu r3,0(r3)
    expect(decodeInstruction(0x4e000420)).toBeUndefined(); // bcctr 16,0: CTR-decrementing
  });

  it('names the operand, value and legal range when a value does not fit', () => {
    const error = (() => {
      try {
        encodeInstruction('addi', { RT: 3, RA: 0, SI: 40000 });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(IsaError);
    expect(error).toMatchObject({ code: 'operand-out-of-range', mnemonic: 'addi', operand: 'SI', value: 40000, range: { min: -32768, max: 32767, step: 1 } });
    expect(() => encodeInstruction('bc', { BO: 12, BI: 0, BD: 6 })).toThrow(/BD = 6 .*multiple of 4/);
    expect(() => encodeInstruction('mtspr', { SPR: 272, RS: 3 })).toThrow(/one of 1, 8, 9/);
    expect(() => encodeInstruction('lwzu', { RT: 3, D: 0, RA: 3 })).toThrow(expect.objectContaining({ code: 'invalid-form' }));
    expect(() => encodeInstruction('frob', {})).toThrow(expect.objectContaining({ code: 'unknown-mnemonic' }));
    expect(() => encodeInstruction('addi', { RT: 3, RA: 0 })).toThrow(expect.objectContaining({ code: 'missing-operand', operand: 'SI' }));
    expect(() => encodeInstruction('addi', { RT: 3, RA: 0, SI: 1, RB: 2 })).toThrow(expect.objectContaining({ code: 'unknown-operand' }));
  });

  it('has the brief instruction set, record and overflow forms included', () => {
    for (const mnemonic of ['add', 'addo.', 'addic.', 'subfic', 'neg', 'nego.', 'mulhwu.', 'divw', 'addze', 'subfme',
      'andi.', 'andis.', 'xoris', 'extsh.', 'cntlzw', 'rlwimi.', 'srawi', 'cmpl', 'bla', 'bcla', 'bcctrl', 'lhaux',
      'stbux', 'lmw', 'mtcrf', 'creqv', 'crorc', 'mcrf', 'sync', 'isync', 'wait']) {
      expect(entryByMnemonic(mnemonic), mnemonic).toBeDefined();
    }
    expect(entryByMnemonic('mulhwo')).toBeUndefined();
  });
});
