// FXV rows VRT ← f(VRA, VRB) per element, without the accumulator (reference §4.4): modulo and fractional-
// saturating add, subtract and multiply. Each element is written only where condition C holds (§4.3).
//
// One hand-written loop per row: a shared loop calling a per-row lane function measured 4–5× slower (the call
// site goes megamorphic). The 4-lane rows run a loop without the condition merge for C = 0 (always), the
// common case: half the work when the row is not inlined into a compiled block with C folded in. Byte rows read and write through the signed Int8Array view, whose stores wrap
// mod 2^8; halfword rows through the big-endian DataView, whose setInt16 wraps mod 2^16.

import { multSatFract16, multSatFract8, saturate16, saturate8 } from './fixed-point.js';
import { conditionMask32, type FxvCondition } from './vector-geometry.js';
import type { VectorUnit } from './vector-unit.js';

/** fxvaddbm: VRT ← VRA + VRB mod 2^8. */
export function fxvaddbm(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  const s = u.vrSigned, vcr = u.vcr, t = vrt << 7, a = vra << 7, b = vrb << 7;
  for (let k = 0; k < 128; k++) if (c === 0 || (((vcr[k]! | 1) >>> c) & 1) === 1) s[t + k] = s[a + k]! + s[b + k]!;
}

/** fxvaddhm: VRT ← VRA + VRB mod 2^16. */
export function fxvaddhm(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  const d = u.vrView, vcr = u.vcr, t = vrt << 7, a = vra << 7, b = vrb << 7;
  for (let k = 0; k < 128; k += 2) if (c === 0 || (((vcr[k]! | 1) >>> c) & 1) === 1) d.setInt16(t + k, d.getInt16(a + k) + d.getInt16(b + k));
}

/** fxvaddbfs: VRT ← VRA + VRB saturated to 8 bit. */
export function fxvaddbfs(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  const w = u.vr32, vcr = u.vcr32, t = vrt << 5, a = vra << 5, b = vrb << 5;
  if (c === 0) {
    for (let i = 0; i < 32; i++) w[t + i] = addSaturatedBytes(w[a + i]!, w[b + i]!);
    return;
  }
  for (let i = 0; i < 32; i++) {
    const mask = conditionMask32(vcr[i]!, c);
    w[t + i] = (w[t + i]! & ~mask) | (addSaturatedBytes(w[a + i]!, w[b + i]!) & mask);
  }
}

/** fxvaddhfs: VRT ← VRA + VRB saturated to 16 bit. */
export function fxvaddhfs(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  const d = u.vrView, vcr = u.vcr, t = vrt << 7, a = vra << 7, b = vrb << 7;
  for (let k = 0; k < 128; k += 2) if (c === 0 || (((vcr[k]! | 1) >>> c) & 1) === 1) d.setInt16(t + k, saturate16(d.getInt16(a + k) + d.getInt16(b + k)));
}

/** fxvsubbm: VRT ← VRA − VRB mod 2^8. */
export function fxvsubbm(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  const s = u.vrSigned, vcr = u.vcr, t = vrt << 7, a = vra << 7, b = vrb << 7;
  for (let k = 0; k < 128; k++) if (c === 0 || (((vcr[k]! | 1) >>> c) & 1) === 1) s[t + k] = s[a + k]! - s[b + k]!;
}

/** fxvsubhm: VRT ← VRA − VRB mod 2^16. */
export function fxvsubhm(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  const d = u.vrView, vcr = u.vcr, t = vrt << 7, a = vra << 7, b = vrb << 7;
  for (let k = 0; k < 128; k += 2) if (c === 0 || (((vcr[k]! | 1) >>> c) & 1) === 1) d.setInt16(t + k, d.getInt16(a + k) - d.getInt16(b + k));
}

/**
 * fxvsubbfs: VRT ← VRA − VRB saturated to 8 bit. Twin choice: the exact difference is clamped, so
 * VRB = −128 subtracts +128 (the reference's "VRA + (−VRB)" leaves open whether −VRB wraps first).
 */
export function fxvsubbfs(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  const w = u.vr32, vcr = u.vcr32, t = vrt << 5, a = vra << 5, b = vrb << 5;
  if (c === 0) {
    for (let i = 0; i < 32; i++) w[t + i] = subtractSaturatedBytes(w[a + i]!, w[b + i]!);
    return;
  }
  for (let i = 0; i < 32; i++) {
    const mask = conditionMask32(vcr[i]!, c);
    w[t + i] = (w[t + i]! & ~mask) | (subtractSaturatedBytes(w[a + i]!, w[b + i]!) & mask);
  }
}

/** fxvsubhfs: VRT ← VRA − VRB saturated to 16 bit (exact difference clamped, as fxvsubbfs). */
export function fxvsubhfs(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  const d = u.vrView, vcr = u.vcr, t = vrt << 7, a = vra << 7, b = vrb << 7;
  for (let k = 0; k < 128; k += 2) if (c === 0 || (((vcr[k]! | 1) >>> c) & 1) === 1) d.setInt16(t + k, saturate16(d.getInt16(a + k) - d.getInt16(b + k)));
}

/** fxvmulbm: VRT ← VRA·VRB mod 2^8. */
export function fxvmulbm(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  const s = u.vrSigned, vcr = u.vcr, t = vrt << 7, a = vra << 7, b = vrb << 7;
  for (let k = 0; k < 128; k++) if (c === 0 || (((vcr[k]! | 1) >>> c) & 1) === 1) s[t + k] = Math.imul(s[a + k]!, s[b + k]!);
}

/** fxvmulhm: VRT ← VRA·VRB mod 2^16. */
export function fxvmulhm(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  const d = u.vrView, vcr = u.vcr, t = vrt << 7, a = vra << 7, b = vrb << 7;
  for (let k = 0; k < 128; k += 2) if (c === 0 || (((vcr[k]! | 1) >>> c) & 1) === 1) d.setInt16(t + k, Math.imul(d.getInt16(a + k), d.getInt16(b + k)));
}

/** fxvmulbfs: VRT ← upper(msf(VRA, VRB, 8)), the truncated fractional product; −128·−128 gives 127. */
export function fxvmulbfs(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  const s = u.vrSigned, vcr = u.vcr, t = vrt << 7, a = vra << 7, b = vrb << 7;
  if (c === 0) {
    for (let k = 0; k < 128; k++) s[t + k] = multSatFract8(s[a + k]!, s[b + k]!) >> 8;
    return;
  }
  for (let k = 0; k < 128; k++) if ((((vcr[k]! | 1) >>> c) & 1) === 1) s[t + k] = multSatFract8(s[a + k]!, s[b + k]!) >> 8;
}

/** fxvmulhfs: VRT ← upper(msf(VRA, VRB, 16)); −32768·−32768 gives 32767. */
export function fxvmulhfs(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  const d = u.vrView, vcr = u.vcr, t = vrt << 7, a = vra << 7, b = vrb << 7;
  for (let k = 0; k < 128; k += 2) if (c === 0 || (((vcr[k]! | 1) >>> c) & 1) === 1) d.setInt16(t + k, multSatFract16(d.getInt16(a + k), d.getInt16(b + k)) >> 16);
}

/** The 4 byte lanes of `x` + `y`, each saturated to 8 bit. */
function addSaturatedBytes(x: number, y: number): number {
  // Per-byte sum without carries across bytes: add the low 7 bits, then the sign bits by XOR.
  const sum = ((x & 0x7f7f_7f7f) + (y & 0x7f7f_7f7f)) ^ ((x ^ y) & 0x8080_8080);
  return saturateBytes(sum, x, ~(x ^ y) & (x ^ sum));
}

/** The 4 byte lanes of `x` − `y`, each saturated to 8 bit. */
function subtractSaturatedBytes(x: number, y: number): number {
  // Per-byte difference without borrows across bytes: each byte of (x | 0x80…) − (y & 0x7f…) stays ≥ 1; the
  // XOR then fixes the sign bits.
  const difference = (((x | 0x8080_8080) >>> 0) - (y & 0x7f7f_7f7f)) ^ ((x ^ ~y) & 0x8080_8080);
  return saturateBytes(difference, x, (x ^ y) & (x ^ difference));
}

/**
 * The 4 wrapped byte results of `result`, with the bytes whose bit 7 is set in `overflow` replaced by the
 * clamp for the sign of the same byte of `x` (overflow keeps the first operand's sign): 0x7f, or 0x80 if negative.
 */
function saturateBytes(result: number, x: number, overflow: number): number {
  const clamp = 0x7f7f_7f7f + ((x & 0x8080_8080) >>> 7);
  const replace = ((overflow & 0x8080_8080) >>> 7) * 0xff;
  return (result & ~replace) | (clamp & replace);
}
