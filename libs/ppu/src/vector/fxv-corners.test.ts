import { describe, expect, it } from 'vitest';
import { executeFxv } from './execute-fxv.js';
import { bytes, halfwords, NO_BUS, run, setBytes, setHalfwords, signedBytes } from './testing/fxv-harness.js';
import { VCR_EQ, VCR_GT, VCR_LT } from './vector-geometry.js';
import { VectorUnit } from './vector-unit.js';

// Hand-checked values at the corners of §4.4's fixed-point arithmetic and the §10.8 conventions.

describe('fractional multiply (msf, §4.4)', () => {
  it('fxvmulbfs: −128·−128 saturates to 127, other products truncate toward −∞', () => {
    const u = new VectorUnit();
    setBytes(u, 1, [-128, -128, 64, -1, 127]);
    setBytes(u, 2, [-128, 127, 64, 1, 127]);
    run(u, 'fxvmulbfs', 0, 3, 1, 2);
    // (2·a·b) >> 8: 32767 (saturated) → 127; −32512 → −127; 8192 → 32; −2 → −1; 32258 → 126.
    expect(signedBytes(u, 3, 5)).toEqual([127, -127, 32, -1, 126]);
  });

  it('fxvmulhfs: −32768·−32768 saturates to 32767', () => {
    const u = new VectorUnit();
    setHalfwords(u, 1, [0x8000, 0x4000]);
    setHalfwords(u, 2, [0x8000, 0x4000]);
    run(u, 'fxvmulhfs', 0, 3, 1, 2);
    expect(halfwords(u, 3, 2)).toEqual([0x7fff, 0x2000]);
  });

  it('fxvmabfs saturates ACC + product at 16 bit before taking the upper byte', () => {
    const u = new VectorUnit();
    setBytes(u, 1, [127, -128]);
    run(u, 'fxvmtacbf', 0, 0, 1, 0); // ACC = 127·256 = 32512, −128·256 = −32768
    setBytes(u, 2, [127, 127]);
    run(u, 'fxvmabfs', 0, 3, 2, 2); // 32512 + 2·127·127 = 64770 → 32767; −32768 + 32258 = −510
    expect(signedBytes(u, 3, 2)).toEqual([127, -2]);
    expect(Array.from(u.acc.subarray(0, 2))).toEqual([32512, -32768]); // ACC unchanged
  });
});

describe('saturating and modulo add/subtract', () => {
  it('fxvaddbfs clamps, fxvaddbm wraps', () => {
    const u = new VectorUnit();
    setBytes(u, 1, [100, -100, 5]);
    setBytes(u, 2, [100, -100, -7]);
    run(u, 'fxvaddbfs', 0, 3, 1, 2);
    run(u, 'fxvaddbm', 0, 4, 1, 2);
    expect(signedBytes(u, 3, 3)).toEqual([127, -128, -2]);
    expect(signedBytes(u, 4, 3)).toEqual([-56, 56, -2]);
  });

  it('fxvsubbfs clamps the exact difference, including 0 − (−128)', () => {
    const u = new VectorUnit();
    setBytes(u, 1, [0, -128, 10]);
    setBytes(u, 2, [-128, 1, 3]);
    run(u, 'fxvsubbfs', 0, 3, 1, 2);
    expect(signedBytes(u, 3, 3)).toEqual([127, -128, 7]);
  });

  it('fxvaddhfs / fxvsubhfs clamp at 16 bit', () => {
    const u = new VectorUnit();
    setHalfwords(u, 1, [0x7000, 0x8000]);
    setHalfwords(u, 2, [0x7000, 0x0001]);
    run(u, 'fxvaddhfs', 0, 3, 1, 2);
    run(u, 'fxvsubhfs', 0, 4, 1, 2);
    expect(halfwords(u, 3, 2)).toEqual([0x7fff, 0x8001]);
    expect(halfwords(u, 4, 2)).toEqual([0x0000, 0x8000]);
  });
});

describe('accumulator views (§4.2, byte lanes are the halves of halfword lanes)', () => {
  it('fxvmtachf puts VRA in the upper half; the byte lanes see the two halves', () => {
    const u = new VectorUnit();
    setHalfwords(u, 1, [0x1234, 0xff00]);
    run(u, 'fxvmtachf', 0, 0, 1, 0);
    expect([u.accHalfword(0), u.accHalfword(1)]).toEqual([0x1234_0000, -0x0100_0000]);
    expect(Array.from(u.acc.subarray(0, 4))).toEqual([0x1234, 0, -256, 0]);
  });

  it('fxvmtacb right-aligns bytes; a halfword lane reads the pair big-endian', () => {
    const u = new VectorUnit();
    setBytes(u, 1, [1, -1]);
    run(u, 'fxvmtacb', 0, 0, 1, 0);
    expect(u.accHalfword(0)).toBe(0x0001_ffff);
  });

  it('fxvmtachf then fxvaddachfs is a saturating halfword add (§10.8 alignment)', () => {
    const u = new VectorUnit();
    setHalfwords(u, 1, [0x7000, 0x0100]);
    setHalfwords(u, 2, [0x7000, 0xff00]);
    run(u, 'fxvmtachf', 0, 0, 1, 0);
    run(u, 'fxvaddachfs', 0, 3, 2, 0);
    expect(halfwords(u, 3, 2)).toEqual([0x7fff, 0x0000]);
  });

  it('fxvmatacbm wraps the byte-lane accumulator at 16 bit', () => {
    const u = new VectorUnit();
    u.acc[0] = 32767;
    setBytes(u, 1, [1]);
    run(u, 'fxvmatacbm', 0, 0, 1, 1);
    expect(u.acc[0]).toBe(-32768);
  });
});

describe('shifts (§10.8: VRB field is a signed immediate, negative = logical right)', () => {
  it('fxvshb −1 halves an unsigned correlation read, +1 drops the top bit', () => {
    const u = new VectorUnit();
    setBytes(u, 1, [200, 1, 255]);
    run(u, 'fxvshb', 0, 2, 1, 31);
    run(u, 'fxvshb', 0, 3, 1, 1);
    expect(bytes(u, 2, 3)).toEqual([100, 0, 127]);
    expect(bytes(u, 3, 3)).toEqual([144, 2, 254]);
  });

  it('fxvshh by −16 clears, by 15 keeps only bit 0', () => {
    const u = new VectorUnit();
    setHalfwords(u, 1, [0xffff, 0x0003]);
    run(u, 'fxvshh', 0, 2, 1, 16);
    run(u, 'fxvshh', 0, 3, 1, 15);
    expect(halfwords(u, 2, 2)).toEqual([0, 0]);
    expect(halfwords(u, 3, 2)).toEqual([0x8000, 0x8000]);
  });
});

describe('compare and conditions (§4.2, §10.8)', () => {
  it('fxvcmph sets both byte lanes; a halfword condition reads the first lane', () => {
    const u = new VectorUnit();
    setHalfwords(u, 1, [0x0001, 0x8000, 0x0000]);
    run(u, 'fxvcmph', 0, 0, 1, 0);
    expect(Array.from(u.vcr.subarray(0, 6))).toEqual([VCR_GT, VCR_GT, VCR_LT, VCR_LT, VCR_EQ, VCR_EQ]);
    u.vcr[0] = VCR_GT;
    u.vcr[1] = VCR_LT;
    run(u, 'fxvsplath', 2, 3, 0, 0, { gprA: 0xabcd, ea: 0 }); // LT: lane 2 only (first lane of halfword 1)
    expect(halfwords(u, 3, 3)).toEqual([0, 0xabcd, 0]);
    run(u, 'fxvsplath', 1, 3, 0, 0, { gprA: 0x1234, ea: 0 }); // GT: halfword 0
    expect(halfwords(u, 3, 3)).toEqual([0x1234, 0xabcd, 0]);
  });

  it('fxvsel picks VRB where the condition holds, VRA elsewhere; C = 0 copies VRB', () => {
    const u = new VectorUnit();
    setBytes(u, 1, [5, -3, 0]);
    run(u, 'fxvcmpb', 0, 0, 1, 0);
    setBytes(u, 2, [9, 9, 9]);
    run(u, 'fxvsel', 2, 3, 1, 2);
    expect(signedBytes(u, 3, 3)).toEqual([5, 9, 0]);
    run(u, 'fxvsel', 0, 4, 1, 2);
    expect(signedBytes(u, 4, 3)).toEqual([9, 9, 9]);
  });

  it('after reset only C = 0 executes', () => {
    const u = new VectorUnit();
    run(u, 'fxvsplatb', 1, 1, 0, 0, { gprA: 7, ea: 0 });
    expect(bytes(u, 1, 128).every((b) => b === 0)).toBe(true);
    run(u, 'fxvsplatb', 0, 1, 0, 0, { gprA: 0x107, ea: 0 });
    expect(bytes(u, 1, 128).every((b) => b === 7)).toBe(true);
  });
});

describe('pack / unpack (per slice, C = size)', () => {
  it('size 0: pckbu/pckbl take the high/low bytes, VRA halfwords then VRB halfwords per slice', () => {
    const u = new VectorUnit();
    setHalfwords(u, 1, [0x1234, 0x5678]);
    setHalfwords(u, 2, [0x9abc]);
    run(u, 'fxvpckbu', 0, 3, 1, 2);
    run(u, 'fxvpckbl', 0, 4, 1, 2);
    expect([bytes(u, 3, 2), bytes(u, 3, 9)[8]]).toEqual([[0x12, 0x56], 0x9a]);
    expect([bytes(u, 4, 2), bytes(u, 4, 9)[8]]).toEqual([[0x34, 0x78], 0xbc]);
    run(u, 'fxvupckbl', 0, 5, 3, 4);
    run(u, 'fxvupckbr', 0, 6, 3, 4);
    expect(halfwords(u, 5, 2)).toEqual([0x1234, 0x5678]);
    expect(halfwords(u, 6, 1)).toEqual([0x9abc]);
  });

  it('size 2: two 6-bit parts; unpacking clears the low 4 bits', () => {
    const u = new VectorUnit();
    setHalfwords(u, 1, [0xabcd]);
    run(u, 'fxvpckbu', 2, 3, 1, 1);
    run(u, 'fxvpckbl', 2, 4, 1, 1);
    expect([bytes(u, 3, 1)[0], bytes(u, 4, 1)[0]]).toEqual([0x2a, 0x3c]);
    run(u, 'fxvupckbl', 2, 5, 3, 4);
    expect(halfwords(u, 5, 1)).toEqual([0xabc0]);
  });
});

describe('illegal extended opcodes', () => {
  it('return illegal-instruction and change nothing', () => {
    const u = new VectorUnit();
    setBytes(u, 1, [1, 2, 3]);
    const before = Uint8Array.from(u.vr);
    for (const xo of [0, 11, 16, 238, 511, 512, -1]) {
      expect(executeFxv(u, xo, 0, 1, 1, 1, { gprA: 0, ea: 0 }, NO_BUS)).toBe('illegal-instruction');
    }
    expect(u.vr).toEqual(before);
  });
});
