import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { executeFxv } from './execute-fxv.js';
import { FXV_TABLE, type FxvRow } from './fxv-table.js';
import { refCompare, refElementwise, refPack, refSelect, refShift, refSplat, refUnpack, type RefState } from './testing/fxv-reference.js';
import type { VectorEnvironment } from './vector-environment.js';
import { VCR_EQ, VCR_GT, VCR_LT, type FxvCondition } from './vector-geometry.js';
import { VectorUnit } from './vector-unit.js';

// Every register-to-register row against the independent BigInt reference (testing/fxv-reference.ts): random
// contents of the three operand registers (biased to the saturation corners), ACC, VCR, condition and register
// numbers, aliasing included. The whole state (all registers, ACC, VCR) must agree afterwards.

const noBus: VectorEnvironment = {
  loadVector: () => expect.unreachable('no memory access expected'),
  storeVector: () => expect.unreachable('no memory access expected'),
  ioRead: () => expect.unreachable('no I/O expected'),
  ioWrite: () => expect.unreachable('no I/O expected'),
};

const byte = fc.oneof(fc.constantFrom(0x00, 0x01, 0x7f, 0x80, 0x81, 0xff), fc.integer({ min: 0, max: 255 }));
const bytes128 = fc.array(byte, { minLength: 128, maxLength: 128 });
const arbCase = fc.record({
  vrt: fc.integer({ min: 0, max: 31 }),
  vra: fc.integer({ min: 0, max: 31 }),
  vrb: fc.integer({ min: 0, max: 31 }),
  c: fc.constantFrom<FxvCondition>(0, 1, 2, 3),
  contents: fc.tuple(bytes128, bytes128, bytes128),
  accBytes: fc.array(byte, { minLength: 256, maxLength: 256 }),
  flags: fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 128, maxLength: 128 }),
  gprA: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
});
type Case = typeof arbCase extends fc.Arbitrary<infer T> ? T : never;

function setup(t: Case): { unit: VectorUnit; ref: RefState } {
  const unit = new VectorUnit();
  const regs = Array.from({ length: 32 }, () => new Array<number>(128).fill(0));
  // Later writes win when register numbers coincide, identically on both sides.
  [t.vrt, t.vra, t.vrb].forEach((r, i) => (regs[r] = t.contents[i]!.slice()));
  regs.forEach((reg, r) => unit.vr.set(reg, r * 128));
  const acc32: bigint[] = [];
  for (let h = 0; h < 64; h++) {
    const b = t.accBytes.slice(4 * h, 4 * h + 4);
    acc32.push(BigInt.asIntN(32, BigInt(((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0)));
    unit.acc[2 * h] = (b[0]! << 8) | b[1]!;
    unit.acc[2 * h + 1] = (b[2]! << 8) | b[3]!;
  }
  t.flags.forEach((f, k) => (unit.vcr[k] = (f & 1 ? VCR_GT : 0) | (f & 2 ? VCR_LT : 0) | (f & 4 ? VCR_EQ : 0)));
  const vcr = t.flags.map((f) => ({ gt: (f & 1) !== 0, lt: (f & 2) !== 0, eq: (f & 4) !== 0 }));
  return { unit, ref: { regs, acc32, vcr } };
}

function runReference(row: FxvRow, s: RefState, t: Case): void {
  const n = row.width === 'b' ? 8 : 16;
  const m = row.mnemonic;
  if (row.kind === 'compare') refCompare(s, n, t.c, t.vra);
  else if (m.startsWith('fxvsplat')) refSplat(s, n, t.c, t.vrt, t.gprA);
  else if (m.startsWith('fxvsh')) refShift(s, n, t.c, t.vrt, t.vra, t.vrb);
  else if (m === 'fxvsel') refSelect(s, t.c, t.vrt, t.vra, t.vrb);
  else if (m.startsWith('fxvpck')) refPack(s, m === 'fxvpckbu', t.c, t.vrt, t.vra, t.vrb);
  else if (m.startsWith('fxvupck')) refUnpack(s, m === 'fxvupckbl', t.c, t.vrt, t.vra, t.vrb);
  else refElementwise(s, m, n, t.c, t.vrt, t.vra, t.vrb);
}

/** The first place where implementation and reference disagree, or undefined (cheap when they agree). */
function firstDifference(unit: VectorUnit, s: RefState): string | undefined {
  for (let r = 0; r < 32; r++) {
    for (let k = 0; k < 128; k++) {
      if (unit.vr[r * 128 + k] !== s.regs[r]![k]) return `VR${r} byte ${k}: ${unit.vr[r * 128 + k]} ≠ reference ${s.regs[r]![k]}`;
    }
  }
  for (let h = 0; h < 64; h++) {
    const want = s.acc32[h]!;
    if (BigInt(unit.accHalfword(h)) !== want) return `ACC halfword ${h}: ${unit.accHalfword(h)} ≠ reference ${want}`;
  }
  for (let k = 0; k < 128; k++) {
    const f = unit.vcr[k]!;
    const g = s.vcr[k]!;
    if ((f & VCR_GT) !== 0 !== g.gt || (f & VCR_LT) !== 0 !== g.lt || (f & VCR_EQ) !== 0 !== g.eq) {
      return `VCR lane ${k}: ${f.toString(2)} ≠ reference ${JSON.stringify(g)}`;
    }
  }
  return undefined;
}

const registerRows = FXV_TABLE.filter((row) => row.kind !== 'memory' && row.kind !== 'io');

describe('FXV register rows against the BigInt reference (§4.4, §10.8)', () => {
  it('covers every row except memory and I/O', () => {
    expect(registerRows.length).toBe(FXV_TABLE.length - 4);
  });

  for (const row of registerRows) {
    it(`${row.mnemonic} (XO ${row.xo})`, () => {
      fc.assert(
        fc.property(arbCase, (t) => {
          const { unit, ref } = setup(t);
          const fault = executeFxv(unit, row.xo, t.c, t.vrt, t.vra, t.vrb, { gprA: t.gprA, ea: 0 }, noBus);
          runReference(row, ref, t);
          expect(fault).toBeUndefined();
          expect(firstDifference(unit, ref)).toBeUndefined();
        }),
      );
    });
  }
});
