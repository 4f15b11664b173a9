// FXV rows that write the accumulator (reference §4.4: mtac, matac, multac, addactac, addtac). Each element's
// accumulator is written only where condition C holds (§4.3). Fractional rows (`…f`, `…fs`) align VRA to the
// upper half of the double-width accumulator, value × 2^n (§10.8); modulo rows sign-extend it (right-aligned).
//
// Byte rows store through the Int16Array `acc`, which wraps mod 2^16; halfword rows through
// `setAccHalfword`, which wraps mod 2^32. See elementwise.ts for why every row has its own loop.

import { multSatFract16, multSatFract8, saturate16, saturate32 } from './fixed-point.js';
import type { FxvCondition } from './vector-geometry.js';
import type { VectorUnit } from './vector-unit.js';

/** fxvmtacb: ACC ← sext(VRA), right-aligned. */
export function fxvmtacb(u: VectorUnit, c: FxvCondition, _vrt: number, vra: number): void {
  const s = u.vrSigned, vcr = u.vcr, acc = u.acc, a = vra << 7;
  for (let k = 0; k < 128; k++) if (c === 0 || (((vcr[k]! | 1) >>> c) & 1) === 1) acc[k] = s[a + k]!;
}

/** fxvmtach: ACC ← sext(VRA), right-aligned. */
export function fxvmtach(u: VectorUnit, c: FxvCondition, _vrt: number, vra: number): void {
  const d = u.vrView, vcr = u.vcr, a = vra << 7;
  for (let h = 0; h < 64; h++) if (c === 0 || (((vcr[2 * h]! | 1) >>> c) & 1) === 1) u.setAccHalfword(h, d.getInt16(a + 2 * h));
}

/** fxvmtacbf: ACC ← VRA · 2^8, left-aligned. */
export function fxvmtacbf(u: VectorUnit, c: FxvCondition, _vrt: number, vra: number): void {
  const s = u.vrSigned, vcr = u.vcr, acc = u.acc, a = vra << 7;
  for (let k = 0; k < 128; k++) if (c === 0 || (((vcr[k]! | 1) >>> c) & 1) === 1) acc[k] = s[a + k]! * 256;
}

/** fxvmtachf: ACC ← VRA · 2^16, left-aligned. */
export function fxvmtachf(u: VectorUnit, c: FxvCondition, _vrt: number, vra: number): void {
  const d = u.vrView, vcr = u.vcr, a = vra << 7;
  for (let h = 0; h < 64; h++) if (c === 0 || (((vcr[2 * h]! | 1) >>> c) & 1) === 1) u.setAccHalfword(h, d.getInt16(a + 2 * h) * 65536);
}

/** fxvmatacbm: ACC ← (VRA·VRB + ACC) mod 2^16. */
export function fxvmatacbm(u: VectorUnit, c: FxvCondition, _vrt: number, vra: number, vrb: number): void {
  const s = u.vrSigned, vcr = u.vcr, acc = u.acc, a = vra << 7, b = vrb << 7;
  for (let k = 0; k < 128; k++) if (c === 0 || (((vcr[k]! | 1) >>> c) & 1) === 1) acc[k] = s[a + k]! * s[b + k]! + acc[k]!;
}

/** fxvmatachm: ACC ← (VRA·VRB + ACC) mod 2^32. */
export function fxvmatachm(u: VectorUnit, c: FxvCondition, _vrt: number, vra: number, vrb: number): void {
  const d = u.vrView, vcr = u.vcr, a = vra << 7, b = vrb << 7;
  for (let h = 0; h < 64; h++) {
    if (c === 0 || (((vcr[2 * h]! | 1) >>> c) & 1) === 1) u.setAccHalfword(h, d.getInt16(a + 2 * h) * d.getInt16(b + 2 * h) + u.accHalfword(h));
  }
}

/** fxvmatacbfs: ACC ← add_sat(ACC, msf(VRA, VRB, 8), 16). */
export function fxvmatacbfs(u: VectorUnit, c: FxvCondition, _vrt: number, vra: number, vrb: number): void {
  const s = u.vrSigned, vcr = u.vcr, acc = u.acc, a = vra << 7, b = vrb << 7;
  for (let k = 0; k < 128; k++) if (c === 0 || (((vcr[k]! | 1) >>> c) & 1) === 1) acc[k] = saturate16(acc[k]! + multSatFract8(s[a + k]!, s[b + k]!));
}

/** fxvmatachfs: ACC ← add_sat(ACC, msf(VRA, VRB, 16), 32). */
export function fxvmatachfs(u: VectorUnit, c: FxvCondition, _vrt: number, vra: number, vrb: number): void {
  const d = u.vrView, vcr = u.vcr, a = vra << 7, b = vrb << 7;
  for (let h = 0; h < 64; h++) {
    if (c === 0 || (((vcr[2 * h]! | 1) >>> c) & 1) === 1) {
      u.setAccHalfword(h, saturate32(u.accHalfword(h) + multSatFract16(d.getInt16(a + 2 * h), d.getInt16(b + 2 * h))));
    }
  }
}

/** fxvmultacbm: ACC ← VRA·VRB mod 2^16. */
export function fxvmultacbm(u: VectorUnit, c: FxvCondition, _vrt: number, vra: number, vrb: number): void {
  const s = u.vrSigned, vcr = u.vcr, acc = u.acc, a = vra << 7, b = vrb << 7;
  for (let k = 0; k < 128; k++) if (c === 0 || (((vcr[k]! | 1) >>> c) & 1) === 1) acc[k] = s[a + k]! * s[b + k]!;
}

/** fxvmultachm: ACC ← VRA·VRB mod 2^32 (the product always fits). */
export function fxvmultachm(u: VectorUnit, c: FxvCondition, _vrt: number, vra: number, vrb: number): void {
  const d = u.vrView, vcr = u.vcr, a = vra << 7, b = vrb << 7;
  for (let h = 0; h < 64; h++) if (c === 0 || (((vcr[2 * h]! | 1) >>> c) & 1) === 1) u.setAccHalfword(h, d.getInt16(a + 2 * h) * d.getInt16(b + 2 * h));
}

/** fxvmultacbfs: ACC ← msf(VRA, VRB, 8). */
export function fxvmultacbfs(u: VectorUnit, c: FxvCondition, _vrt: number, vra: number, vrb: number): void {
  const s = u.vrSigned, vcr = u.vcr, acc = u.acc, a = vra << 7, b = vrb << 7;
  for (let k = 0; k < 128; k++) if (c === 0 || (((vcr[k]! | 1) >>> c) & 1) === 1) acc[k] = multSatFract8(s[a + k]!, s[b + k]!);
}

/** fxvmultachfs: ACC ← msf(VRA, VRB, 16). */
export function fxvmultachfs(u: VectorUnit, c: FxvCondition, _vrt: number, vra: number, vrb: number): void {
  const d = u.vrView, vcr = u.vcr, a = vra << 7, b = vrb << 7;
  for (let h = 0; h < 64; h++) {
    if (c === 0 || (((vcr[2 * h]! | 1) >>> c) & 1) === 1) u.setAccHalfword(h, multSatFract16(d.getInt16(a + 2 * h), d.getInt16(b + 2 * h)));
  }
}

/** fxvaddactacb: ACC ← (ACC + sext(VRA)) mod 2^16. */
export function fxvaddactacb(u: VectorUnit, c: FxvCondition, _vrt: number, vra: number): void {
  const s = u.vrSigned, vcr = u.vcr, acc = u.acc, a = vra << 7;
  for (let k = 0; k < 128; k++) if (c === 0 || (((vcr[k]! | 1) >>> c) & 1) === 1) acc[k] = acc[k]! + s[a + k]!;
}

/** fxvaddactachm: ACC ← (ACC + sext(VRA)) mod 2^32. */
export function fxvaddactachm(u: VectorUnit, c: FxvCondition, _vrt: number, vra: number): void {
  const d = u.vrView, vcr = u.vcr, a = vra << 7;
  for (let h = 0; h < 64; h++) if (c === 0 || (((vcr[2 * h]! | 1) >>> c) & 1) === 1) u.setAccHalfword(h, u.accHalfword(h) + d.getInt16(a + 2 * h));
}

/** fxvaddactacbf: ACC ← add_sat(ACC, VRA · 2^8, 16) (fractional alignment, §10.8). */
export function fxvaddactacbf(u: VectorUnit, c: FxvCondition, _vrt: number, vra: number): void {
  const s = u.vrSigned, vcr = u.vcr, acc = u.acc, a = vra << 7;
  for (let k = 0; k < 128; k++) if (c === 0 || (((vcr[k]! | 1) >>> c) & 1) === 1) acc[k] = saturate16(acc[k]! + s[a + k]! * 256);
}

/** fxvaddactachf: ACC ← add_sat(ACC, VRA · 2^16, 32) (fractional alignment, §10.8). */
export function fxvaddactachf(u: VectorUnit, c: FxvCondition, _vrt: number, vra: number): void {
  const d = u.vrView, vcr = u.vcr, a = vra << 7;
  for (let h = 0; h < 64; h++) {
    if (c === 0 || (((vcr[2 * h]! | 1) >>> c) & 1) === 1) u.setAccHalfword(h, saturate32(u.accHalfword(h) + d.getInt16(a + 2 * h) * 65536));
  }
}

/** fxvaddtacb: ACC ← sext(VRA) + sext(VRB) (cannot overflow 16 bit). */
export function fxvaddtacb(u: VectorUnit, c: FxvCondition, _vrt: number, vra: number, vrb: number): void {
  const s = u.vrSigned, vcr = u.vcr, acc = u.acc, a = vra << 7, b = vrb << 7;
  for (let k = 0; k < 128; k++) if (c === 0 || (((vcr[k]! | 1) >>> c) & 1) === 1) acc[k] = s[a + k]! + s[b + k]!;
}

/** fxvaddtachm: ACC ← sext(VRA) + sext(VRB) (cannot overflow 32 bit). */
export function fxvaddtachm(u: VectorUnit, c: FxvCondition, _vrt: number, vra: number, vrb: number): void {
  const d = u.vrView, vcr = u.vcr, a = vra << 7, b = vrb << 7;
  for (let h = 0; h < 64; h++) if (c === 0 || (((vcr[2 * h]! | 1) >>> c) & 1) === 1) u.setAccHalfword(h, d.getInt16(a + 2 * h) + d.getInt16(b + 2 * h));
}
