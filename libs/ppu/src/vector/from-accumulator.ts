// FXV rows VRT ← f(VRA, VRB, ACC) that leave the accumulator unchanged (reference §4.4: ma…, addac…). Each
// element is written only where condition C holds (§4.3). Fractional rows saturate at double width and keep
// the upper half; `fxvaddac…fs` aligns VRA to the upper half first, value × 2^n (§10.8). See elementwise.ts
// for the typed-view conventions and why every row has its own loop.

import { multSatFract16, multSatFract8, saturate16, saturate32 } from './fixed-point.js';
import type { FxvCondition } from './vector-geometry.js';
import type { VectorUnit } from './vector-unit.js';

/** fxvmabm: VRT ← (VRA·VRB + ACC) mod 2^8. */
export function fxvmabm(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  const s = u.vrSigned, vcr = u.vcr, acc = u.acc, t = vrt << 7, a = vra << 7, b = vrb << 7;
  for (let k = 0; k < 128; k++) if (c === 0 || (((vcr[k]! | 1) >>> c) & 1) === 1) s[t + k] = s[a + k]! * s[b + k]! + acc[k]!;
}

/** fxvmahm: VRT ← (VRA·VRB + ACC) mod 2^16. */
export function fxvmahm(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  const d = u.vrView, vcr = u.vcr, t = vrt << 7, a = vra << 7, b = vrb << 7;
  for (let h = 0; h < 64; h++) {
    const k = 2 * h;
    if (c === 0 || (((vcr[k]! | 1) >>> c) & 1) === 1) d.setInt16(t + k, d.getInt16(a + k) * d.getInt16(b + k) + u.accHalfword(h));
  }
}

/** fxvmabfs: VRT ← upper(add_sat(ACC, msf(VRA, VRB, 8), 16)). */
export function fxvmabfs(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  const s = u.vrSigned, vcr = u.vcr, acc = u.acc, t = vrt << 7, a = vra << 7, b = vrb << 7;
  for (let k = 0; k < 128; k++) {
    if (c === 0 || (((vcr[k]! | 1) >>> c) & 1) === 1) s[t + k] = saturate16(acc[k]! + multSatFract8(s[a + k]!, s[b + k]!)) >> 8;
  }
}

/** fxvmahfs: VRT ← upper(add_sat(ACC, msf(VRA, VRB, 16), 32)). */
export function fxvmahfs(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  const d = u.vrView, vcr = u.vcr, t = vrt << 7, a = vra << 7, b = vrb << 7;
  for (let h = 0; h < 64; h++) {
    const k = 2 * h;
    if (c === 0 || (((vcr[k]! | 1) >>> c) & 1) === 1) {
      d.setInt16(t + k, saturate32(u.accHalfword(h) + multSatFract16(d.getInt16(a + k), d.getInt16(b + k))) >> 16);
    }
  }
}

/** fxvaddacbm: VRT ← (sext(VRA) + ACC) mod 2^8. */
export function fxvaddacbm(u: VectorUnit, c: FxvCondition, vrt: number, vra: number): void {
  const s = u.vrSigned, vcr = u.vcr, acc = u.acc, t = vrt << 7, a = vra << 7;
  for (let k = 0; k < 128; k++) if (c === 0 || (((vcr[k]! | 1) >>> c) & 1) === 1) s[t + k] = s[a + k]! + acc[k]!;
}

/** fxvaddachm: VRT ← (sext(VRA) + ACC) mod 2^16. */
export function fxvaddachm(u: VectorUnit, c: FxvCondition, vrt: number, vra: number): void {
  const d = u.vrView, vcr = u.vcr, t = vrt << 7, a = vra << 7;
  for (let h = 0; h < 64; h++) {
    const k = 2 * h;
    if (c === 0 || (((vcr[k]! | 1) >>> c) & 1) === 1) d.setInt16(t + k, d.getInt16(a + k) + u.accHalfword(h));
  }
}

/** fxvaddacbfs: VRT ← upper(add_sat(VRA · 2^8, ACC, 16)). */
export function fxvaddacbfs(u: VectorUnit, c: FxvCondition, vrt: number, vra: number): void {
  const s = u.vrSigned, vcr = u.vcr, acc = u.acc, t = vrt << 7, a = vra << 7;
  for (let k = 0; k < 128; k++) if (c === 0 || (((vcr[k]! | 1) >>> c) & 1) === 1) s[t + k] = saturate16(s[a + k]! * 256 + acc[k]!) >> 8;
}

/** fxvaddachfs: VRT ← upper(add_sat(VRA · 2^16, ACC, 32)). */
export function fxvaddachfs(u: VectorUnit, c: FxvCondition, vrt: number, vra: number): void {
  const d = u.vrView, vcr = u.vcr, t = vrt << 7, a = vra << 7;
  for (let h = 0; h < 64; h++) {
    const k = 2 * h;
    if (c === 0 || (((vcr[k]! | 1) >>> c) & 1) === 1) d.setInt16(t + k, saturate32(d.getInt16(a + k) * 65536 + u.accHalfword(h)) >> 16);
  }
}
