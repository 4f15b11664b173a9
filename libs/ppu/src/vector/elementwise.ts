// FXV rows VRT ← f(VRA, VRB) per element, without the accumulator (reference §4.4): modulo and fractional-
// saturating add, subtract and multiply. Each element is written only where condition C holds (§4.3).
//
// The lane loops run in WebAssembly SIMD (assembly/fxv.ts, 16 byte lanes per instruction): the handlers here
// hand the unit's offset and the fields to the unit's kernel. Semantics per element, at width n = 8 or 16:
// - `…m`: the result mod 2^n;
// - `…fs` add/subtract: the exact sum or difference clamped to [−2^(n−1), 2^(n−1) − 1] (twin choice for
//   fxvsub…fs: VRB = −2^(n−1) subtracts +2^(n−1); the reference's "VRA + (−VRB)" leaves open whether −VRB wraps);
// - `…fs` multiply: upper(msf(VRA, VRB, n)), the truncated fractional product 2ab >> n; only (−2^(n−1))² saturates,
//   to 2^(n−1) − 1.

import type { FxvCondition } from './vector-geometry.js';
import type { VectorUnit } from './vector-unit.js';

/** fxvaddbm: VRT ← VRA + VRB mod 2^8. */
export function fxvaddbm(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  u.kernel.addbm(u.base, c, vrt, vra, vrb);
}

/** fxvaddhm: VRT ← VRA + VRB mod 2^16. */
export function fxvaddhm(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  u.kernel.addhm(u.base, c, vrt, vra, vrb);
}

/** fxvaddbfs: VRT ← VRA + VRB saturated to 8 bit. */
export function fxvaddbfs(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  u.kernel.addbfs(u.base, c, vrt, vra, vrb);
}

/** fxvaddhfs: VRT ← VRA + VRB saturated to 16 bit. */
export function fxvaddhfs(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  u.kernel.addhfs(u.base, c, vrt, vra, vrb);
}

/** fxvsubbm: VRT ← VRA − VRB mod 2^8. */
export function fxvsubbm(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  u.kernel.subbm(u.base, c, vrt, vra, vrb);
}

/** fxvsubhm: VRT ← VRA − VRB mod 2^16. */
export function fxvsubhm(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  u.kernel.subhm(u.base, c, vrt, vra, vrb);
}

/** fxvsubbfs: VRT ← VRA − VRB saturated to 8 bit (the exact difference clamped). */
export function fxvsubbfs(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  u.kernel.subbfs(u.base, c, vrt, vra, vrb);
}

/** fxvsubhfs: VRT ← VRA − VRB saturated to 16 bit (the exact difference clamped). */
export function fxvsubhfs(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  u.kernel.subhfs(u.base, c, vrt, vra, vrb);
}

/** fxvmulbm: VRT ← VRA·VRB mod 2^8. */
export function fxvmulbm(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  u.kernel.mulbm(u.base, c, vrt, vra, vrb);
}

/** fxvmulhm: VRT ← VRA·VRB mod 2^16. */
export function fxvmulhm(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  u.kernel.mulhm(u.base, c, vrt, vra, vrb);
}

/** fxvmulbfs: VRT ← upper(msf(VRA, VRB, 8)), the truncated fractional product; −128·−128 gives 127. */
export function fxvmulbfs(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  u.kernel.mulbfs(u.base, c, vrt, vra, vrb);
}

/** fxvmulhfs: VRT ← upper(msf(VRA, VRB, 16)); −32768·−32768 gives 32767. */
export function fxvmulhfs(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  u.kernel.mulhfs(u.base, c, vrt, vra, vrb);
}
