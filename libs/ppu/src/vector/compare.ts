// FXV compare rows (reference §4.4): VCR ← the sign of each VRA element compared with 0. Like every
// element-wise row, an element's flags are written only where condition C holds (§4.3; C = 0 always). The lane
// loops run in WebAssembly SIMD (assembly/fxv.ts).

import type { FxvCondition } from './vector-geometry.js';
import type { VectorUnit } from './vector-unit.js';

/** fxvcmpb: VCR flags of byte lane k ← sign of signed byte k of VRA (`VCR_GT` / `VCR_LT` / `VCR_EQ`). */
export function fxvcmpb(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  u.kernel.cmpb(u.base, c, vrt, vra, vrb);
}

/**
 * fxvcmph: both byte lanes of halfword h ← sign of signed halfword h of VRA (§10.8); the condition is read from
 * the halfword's first byte lane.
 */
export function fxvcmph(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  u.kernel.cmph(u.base, c, vrt, vra, vrb);
}
