// FXV compare rows (reference §4.4): VCR ← the sign of each VRA element compared with 0. Like every
// element-wise row, an element's flags are written only where condition C holds (§4.3; C = 0 always).

import { conditionMask32, VCR_EQ, VCR_GT, VCR_LT, type FxvCondition } from './vector-geometry.js';
import type { VectorUnit } from './vector-unit.js';

/** fxvcmpb: VCR flags of byte lane k ← sign of signed byte k of VRA (4 lanes per step, as permute.ts). */
export function fxvcmpb(u: VectorUnit, c: FxvCondition, _vrt: number, vra: number): void {
  const w = u.vr32, vcr = u.vcr32, a = vra << 5;
  if (c === 0) {
    for (let i = 0; i < 32; i++) vcr[i] = signFlags(w[a + i]!);
    return;
  }
  for (let i = 0; i < 32; i++) {
    const old = vcr[i]!;
    const mask = conditionMask32(old, c);
    vcr[i] = (old & ~mask) | (signFlags(w[a + i]!) & mask);
  }
}

/** The VCR flags of the 4 signed bytes of `x`, each in its own byte. */
function signFlags(x: number): number {
  // Bit 0 of each byte: negative (its sign bit), nonzero (adding 0x7f to the low 7 bits carries into bit 7).
  const negative = (x >>> 7) & 0x0101_0101;
  const nonzero = ((((x & 0x7f7f_7f7f) + 0x7f7f_7f7f) | x) >>> 7) & 0x0101_0101;
  // Each flag sits at the bit of its condition (vector-geometry.ts): GT bit 1, LT bit 2, EQ bit 3.
  return ((nonzero & ~negative) << 1) | (negative << 2) | ((nonzero ^ 0x0101_0101) << 3);
}

/** fxvcmph: both byte lanes of halfword h ← sign of signed halfword h of VRA (§10.8). */
export function fxvcmph(u: VectorUnit, c: FxvCondition, _vrt: number, vra: number): void {
  const s = u.vrSigned, vr = u.vr, vcr = u.vcr, a = vra << 7;
  for (let k = 0; k < 128; k += 2) {
    if (c === 0 || (((vcr[k]! | 1) >>> c) & 1) === 1) {
      // The sign is the MSB byte's; the halfword is 0 only if both bytes are.
      const hi = s[a + k]!;
      const flags = hi < 0 ? VCR_LT : hi > 0 || vr[a + k + 1]! !== 0 ? VCR_GT : VCR_EQ;
      vcr[k] = flags;
      vcr[k + 1] = flags;
    }
  }
}
