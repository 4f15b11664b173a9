// FXV permute rows (reference §4.4): splat, shift, select, pack and unpack. Splat and shift write only where
// condition C holds (§4.3); select uses C as its selector; pack/unpack read C as a size, not a condition.

import type { FxvOperands } from './vector-environment.js';
import { conditionMask32, SLICE_BYTES, VECTOR_BYTES, type FxvCondition } from './vector-geometry.js';
import type { VectorUnit } from './vector-unit.js';

// The bytewise rows below work on 4 lanes per step through the 32-bit views (`VectorUnit.vr32`): the result
// word is merged into VRT under the condition's byte mask, so a 128-lane row is 32 steps. For C = 0 (always)
// they run a loop without the merge.

/** fxvsplatb: every byte of VRT ← RA mod 2^8. */
export function fxvsplatb(u: VectorUnit, c: FxvCondition, vrt: number, _vra: number, _vrb: number, op: FxvOperands): void {
  const w = u.vr32, vcr = u.vcr32, t = vrt << 5, g = (op.gprA & 0xff) * 0x0101_0101;
  if (c === 0) {
    for (let i = 0; i < 32; i++) w[t + i] = g;
    return;
  }
  for (let i = 0; i < 32; i++) {
    const mask = conditionMask32(vcr[i]!, c);
    w[t + i] = (w[t + i]! & ~mask) | (g & mask);
  }
}

/** fxvsplath: every halfword of VRT ← RA mod 2^16. */
export function fxvsplath(u: VectorUnit, c: FxvCondition, vrt: number, _vra: number, _vrb: number, op: FxvOperands): void {
  const vr = u.vr, vcr = u.vcr, t = vrt << 7, hi = (op.gprA >>> 8) & 0xff, lo = op.gprA & 0xff;
  for (let k = 0; k < 128; k += 2) {
    if (c === 0 || (((vcr[k]! | 1) >>> c) & 1) === 1) {
      vr[t + k] = hi;
      vr[t + k + 1] = lo;
    }
  }
}

/**
 * The shift amount of fxvshb/fxvshh: the 5-bit VRB field read as two's complement, −16..15 (§10.8). Positive
 * shifts left, negative shifts right logically (zero fill); bits shifted past the element are lost.
 */
export function shiftAmount(vrb: number): number {
  return vrb >= 16 ? vrb - 32 : vrb;
}

/**
 * fxvshb: VRT ← VRA << imm per byte (imm < 0: logical right shift, §10.8). The word is shifted whole; `keep`
 * clears the bits that crossed into a neighbouring byte (all of them once the shift reaches 8).
 */
export function fxvshb(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  const w = u.vr32, vcr = u.vcr32, t = vrt << 5, a = vra << 5, sh = shiftAmount(vrb);
  const left = sh >= 0, n = left ? sh : -sh;
  const keep = (left ? (0xff << n) & 0xff : 0xff >>> n) * 0x0101_0101;
  if (c === 0 && left) {
    for (let i = 0; i < 32; i++) w[t + i] = (w[a + i]! << n) & keep;
    return;
  }
  if (c === 0) {
    for (let i = 0; i < 32; i++) w[t + i] = (w[a + i]! >>> n) & keep;
    return;
  }
  for (let i = 0; i < 32; i++) {
    const mask = conditionMask32(vcr[i]!, c);
    w[t + i] = (w[t + i]! & ~mask) | ((left ? w[a + i]! << n : w[a + i]! >>> n) & keep & mask);
  }
}

/** fxvshh: VRT ← VRA << imm per halfword (imm < 0: logical right shift, §10.8). */
export function fxvshh(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  const d = u.vrView, vcr = u.vcr, t = vrt << 7, a = vra << 7, sh = shiftAmount(vrb);
  if (sh >= 0) {
    for (let k = 0; k < 128; k += 2) if (c === 0 || (((vcr[k]! | 1) >>> c) & 1) === 1) d.setUint16(t + k, d.getUint16(a + k) << sh);
  } else {
    for (let k = 0; k < 128; k += 2) if (c === 0 || (((vcr[k]! | 1) >>> c) & 1) === 1) d.setUint16(t + k, d.getUint16(a + k) >>> -sh);
  }
}

/** fxvsel: VRT ← cond ? VRB : VRA, bytewise, the condition read per byte lane; C = 0 copies VRB. */
export function fxvsel(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  const w = u.vr32, vcr = u.vcr32, t = vrt << 5, a = vra << 5, b = vrb << 5;
  if (c === 0) {
    for (let i = 0; i < 32; i++) w[t + i] = w[b + i]!;
    return;
  }
  for (let i = 0; i < 32; i++) {
    const mask = conditionMask32(vcr[i]!, c);
    w[t + i] = (w[a + i]! & ~mask) | (w[b + i]! & mask);
  }
}

// Pack / unpack lane mapping (twin choice: §4.4 calls the guide's mapping incomplete and §10.8 gives none, so
// this follows the Nux permute datapath, which works within each 16-byte slice). With C = size and
// m = 2^(8−C) − 1, a halfword x holds a 2(8−C)-bit number left-aligned; its upper part is (x >> (8 + C)) & m,
// its lower part (x >> 2C) & m. In slice s, packed byte i (0..15) comes from halfword i of VRA's slice s for
// i < 8 and halfword i − 8 of VRB's slice s for i ≥ 8. Unpack left rebuilds slice s's 8 halfwords from packed
// bytes 0..7 (VRA upper parts, VRB lower parts), unpack right from bytes 8..15; the low 2C bits become 0. So
// upckbl/upckbr of (pckbu, pckbl) give back VRA/VRB with their low 2C bits cleared.

function pack(u: VectorUnit, size: number, vrt: number, vra: number, vrb: number, shift: number): void {
  const vr = u.vr, out = u.scratch, m = (1 << (8 - size)) - 1;
  for (let s = 0; s < VECTOR_BYTES; s += SLICE_BYTES) {
    for (let i = 0; i < 16; i++) {
      const src = (i < 8 ? vra << 7 : vrb << 7) + s + 2 * (i & 7);
      out[s + i] = (((vr[src]! << 8) | vr[src + 1]!) >>> shift) & m;
    }
  }
  vr.set(out, vrt << 7);
}

/** fxvpckbu: pack the upper parts of the (8 − C)-bit numbers in the halfwords of VRA and VRB into VRT. */
export function fxvpckbu(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  pack(u, c, vrt, vra, vrb, 8 + c);
}

/** fxvpckbl: pack the lower parts of the (8 − C)-bit numbers in the halfwords of VRA and VRB into VRT. */
export function fxvpckbl(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  pack(u, c, vrt, vra, vrb, 2 * c);
}

function unpack(u: VectorUnit, size: number, vrt: number, vra: number, vrb: number, half: number): void {
  const vr = u.vr, out = u.scratch, m = (1 << (8 - size)) - 1;
  for (let s = 0; s < VECTOR_BYTES; s += SLICE_BYTES) {
    for (let i = 0; i < 8; i++) {
      const src = s + half + i;
      const x = ((vr[(vra << 7) + src]! & m) << (8 + size)) | ((vr[(vrb << 7) + src]! & m) << (2 * size));
      out[s + 2 * i] = x >>> 8;
      out[s + 2 * i + 1] = x;
    }
  }
  vr.set(out, vrt << 7);
}

/** fxvupckbl: unpack packed bytes 0..7 of each slice (VRA upper, VRB lower parts) into the halfwords of VRT. */
export function fxvupckbl(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  unpack(u, c, vrt, vra, vrb, 0);
}

/** fxvupckbr: unpack packed bytes 8..15 of each slice (VRA upper, VRB lower parts) into the halfwords of VRT. */
export function fxvupckbr(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  unpack(u, c, vrt, vra, vrb, 8);
}
