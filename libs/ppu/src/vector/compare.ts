// FXV compare rows (reference §4.4): VCR ← the sign of each VRA element compared with 0. Like every
// element-wise row, an element's flags are written only where condition C holds (§4.3; C = 0 always).

import { VCR_EQ, VCR_GT, VCR_LT, type FxvCondition } from './vector-geometry.js';
import type { VectorUnit } from './vector-unit.js';

/** fxvcmpb: VCR flags of byte lane k ← sign of signed byte k of VRA. */
export function fxvcmpb(u: VectorUnit, c: FxvCondition, _vrt: number, vra: number): void {
  const s = u.vrSigned, vcr = u.vcr, a = vra << 7;
  for (let k = 0; k < 128; k++) {
    if ((((vcr[k]! | 1) >>> c) & 1) === 1) {
      const x = s[a + k]!;
      vcr[k] = x > 0 ? VCR_GT : x < 0 ? VCR_LT : VCR_EQ;
    }
  }
}

/** fxvcmph: both byte lanes of halfword h ← sign of signed halfword h of VRA (§10.8). */
export function fxvcmph(u: VectorUnit, c: FxvCondition, _vrt: number, vra: number): void {
  const s = u.vrSigned, vr = u.vr, vcr = u.vcr, a = vra << 7;
  for (let k = 0; k < 128; k += 2) {
    if ((((vcr[k]! | 1) >>> c) & 1) === 1) {
      // The sign is the MSB byte's; the halfword is 0 only if both bytes are.
      const hi = s[a + k]!;
      const flags = hi < 0 ? VCR_LT : hi > 0 || vr[a + k + 1]! !== 0 ? VCR_GT : VCR_EQ;
      vcr[k] = flags;
      vcr[k + 1] = flags;
    }
  }
}
