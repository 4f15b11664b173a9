// FXV permute rows (reference §4.4): splat, shift, select, pack and unpack. Splat and shift write only where
// condition C holds (§4.3); select uses C as its selector; pack/unpack read C as a size, not a condition.

import type { FxvOperands } from './vector-environment.js';
import { SLICE_BYTES, VECTOR_BYTES, type FxvCondition } from './vector-geometry.js';
import type { VectorUnit } from './vector-unit.js';

// Splat, shift and select run in WebAssembly SIMD (assembly/fxv.ts, 16 byte lanes per instruction).

/** fxvsplatb: every byte of VRT ← RA mod 2^8. */
export function fxvsplatb(u: VectorUnit, c: FxvCondition, vrt: number, _vra: number, vrb: number, op: FxvOperands): void {
  u.kernel.splatb(u.base, c, vrt, op.gprA, vrb);
}

/** fxvsplath: every halfword of VRT ← RA mod 2^16 (big-endian). */
export function fxvsplath(u: VectorUnit, c: FxvCondition, vrt: number, _vra: number, vrb: number, op: FxvOperands): void {
  u.kernel.splath(u.base, c, vrt, op.gprA, vrb);
}

/**
 * fxvshb: VRT ← VRA << imm per byte. The shift amount is the 5-bit VRB field read as two's complement, −16..15
 * (§10.8): positive shifts left, negative shifts right logically (zero fill); bits shifted past the element are
 * lost, so 8 or more clears the byte.
 */
export function fxvshb(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  u.kernel.shb(u.base, c, vrt, vra, vrb);
}

/** fxvshh: VRT ← VRA << imm per halfword, imm as fxvshb's (a right shift by 16 clears the halfword). */
export function fxvshh(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  u.kernel.shh(u.base, c, vrt, vra, vrb);
}

/** fxvsel: VRT ← cond ? VRB : VRA, bytewise, the condition read per byte lane; C = 0 copies VRB. */
export function fxvsel(u: VectorUnit, c: FxvCondition, vrt: number, vra: number, vrb: number): void {
  u.kernel.sel(u.base, c, vrt, vra, vrb);
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
