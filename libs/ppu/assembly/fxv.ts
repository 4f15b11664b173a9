// The element-wise FXV rows of the PPU's vector unit (reference §4.4) in WebAssembly SIMD: one v128 is 16 byte
// lanes (8 halfword lanes), so a 128-byte vector register is 8 steps. The lane semantics are those documented in
// src/vector/elementwise.ts, compare.ts and permute.ts; this file is the arithmetic only.
//
// Memory (imported; src/vector/fxv-kernel.ts lays units out in it): each vector unit at `u` holds its 32 registers
// at u + 128·r (register r, byte lane k at byte k), the VCR flags per byte lane at u + VCR. Every export takes
// (u, c, vrt, vra, vrb): the unit, the 2-bit C field and the 5-bit register fields.
//
// Condition C (§4.3, §10.8): a lane's flags have the bit of condition C set (GT bit 1, LT bit 2, EQ bit 3);
// bit 0 is never stored, so (flags | 1) & (1 << C) makes C = 0 (always) hold everywhere. An element is written
// only where C holds; a halfword lane reads the flags of its first byte lane (byte 2h, the MSB). For C = 0 the
// rows store without the merge.
//
// Halfwords are big-endian in the register file (byte 2h is the MSB, §10.8), wasm lanes little-endian: halfword
// rows swap the bytes of each pair on load and store.

/** Offset of the VCR (128 flag bytes) in a unit; src/vector/fxv-wasm.ts declares the same layout. */
const VCR: i32 = 4096;

export const UNIT_VCR: i32 = VCR;

@inline function reg(u: i32, r: i32): usize {
  return <usize>(u + (r << 7));
}

/** 0xff in each byte lane where condition `c` holds, for the 16 lanes at VCR offset `i`. */
@inline function byteMask(u: i32, c: i32, i: i32): v128 {
  const shifted: i32 = 1 << c;
  const bit = i8x16.splat(<i8>shifted);
  return i8x16.eq(v128.and(v128.or(v128.load(<usize>(u + VCR + i)), i8x16.splat(1)), bit), bit);
}

/** The same for halfword lanes: both bytes of halfword h take byte 2h's condition. */
@inline function halfMask(u: i32, c: i32, i: i32): v128 {
  const m = byteMask(u, c, i);
  return i8x16.shuffle(m, m, 0, 0, 2, 2, 4, 4, 6, 6, 8, 8, 10, 10, 12, 12, 14, 14);
}

/** Big-endian halfwords ↔ wasm i16 lanes. */
@inline function swap(v: v128): v128 {
  return i8x16.shuffle(v, v, 1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14);
}

@inline function storeMasked(p: usize, value: v128, mask: v128): void {
  v128.store(p, v128.bitselect(value, v128.load(p), mask));
}

// Byte rows VRT ← f(VRA, VRB). `op` is a compile-time row selector: each export inlines its own loop.
const ADD_M = 0, ADD_S = 1, SUB_M = 2, SUB_S = 3, MUL_M = 4, MUL_S = 5;

@inline function byteOp(op: i32, x: v128, y: v128): v128 {
  if (op == ADD_M) return i8x16.add(x, y);
  if (op == ADD_S) return i8x16.add_sat_s(x, y);
  if (op == SUB_M) return i8x16.sub(x, y);
  // Saturating subtract clamps the exact difference (−128 − (−128)… and x − (−128) saturate), as the twin's choice.
  if (op == SUB_S) return i8x16.sub_sat_s(x, y);
  const lo = i16x8.extmul_low_i8x16_s(x, y), hi = i16x8.extmul_high_i8x16_s(x, y);
  // Mod 2^8: the low byte of each 16-bit product.
  if (op == MUL_M) return i8x16.shuffle(lo, hi, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
  // upper(msf(a, b, 8)) = (2ab) >> 8 = ab >> 7; only −128·−128 gives 128, which the signed narrow clamps to 127.
  return i8x16.narrow_i16x8_s(i16x8.shr_s(lo, 7), i16x8.shr_s(hi, 7));
}

@inline function bytes(op: i32, u: i32, c: i32, vrt: i32, vra: i32, vrb: i32): void {
  const t = reg(u, vrt), a = reg(u, vra), b = reg(u, vrb);
  if (c == 0) {
    for (let i = 0; i < 128; i += 16) v128.store(t + i, byteOp(op, v128.load(a + i), v128.load(b + i)));
    return;
  }
  for (let i = 0; i < 128; i += 16) storeMasked(t + i, byteOp(op, v128.load(a + i), v128.load(b + i)), byteMask(u, c, i));
}

@inline function halfOp(op: i32, x: v128, y: v128): v128 {
  if (op == ADD_M) return i16x8.add(x, y);
  if (op == ADD_S) return i16x8.add_sat_s(x, y);
  if (op == SUB_M) return i16x8.sub(x, y);
  if (op == SUB_S) return i16x8.sub_sat_s(x, y);
  if (op == MUL_M) return i16x8.mul(x, y);
  // upper(msf(a, b, 16)) = ab >> 15; only −32768·−32768 gives 32768, clamped to 32767 by the narrow.
  return i16x8.narrow_i32x4_s(i32x4.shr_s(i32x4.extmul_low_i16x8_s(x, y), 15), i32x4.shr_s(i32x4.extmul_high_i16x8_s(x, y), 15));
}

@inline function halves(op: i32, u: i32, c: i32, vrt: i32, vra: i32, vrb: i32): void {
  const t = reg(u, vrt), a = reg(u, vra), b = reg(u, vrb);
  if (c == 0) {
    for (let i = 0; i < 128; i += 16) v128.store(t + i, swap(halfOp(op, swap(v128.load(a + i)), swap(v128.load(b + i)))));
    return;
  }
  for (let i = 0; i < 128; i += 16) storeMasked(t + i, swap(halfOp(op, swap(v128.load(a + i)), swap(v128.load(b + i)))), halfMask(u, c, i));
}

export function addbm(u: i32, c: i32, vrt: i32, vra: i32, vrb: i32): void { bytes(ADD_M, u, c, vrt, vra, vrb); }
export function addbfs(u: i32, c: i32, vrt: i32, vra: i32, vrb: i32): void { bytes(ADD_S, u, c, vrt, vra, vrb); }
export function subbm(u: i32, c: i32, vrt: i32, vra: i32, vrb: i32): void { bytes(SUB_M, u, c, vrt, vra, vrb); }
export function subbfs(u: i32, c: i32, vrt: i32, vra: i32, vrb: i32): void { bytes(SUB_S, u, c, vrt, vra, vrb); }
export function mulbm(u: i32, c: i32, vrt: i32, vra: i32, vrb: i32): void { bytes(MUL_M, u, c, vrt, vra, vrb); }
export function mulbfs(u: i32, c: i32, vrt: i32, vra: i32, vrb: i32): void { bytes(MUL_S, u, c, vrt, vra, vrb); }
export function addhm(u: i32, c: i32, vrt: i32, vra: i32, vrb: i32): void { halves(ADD_M, u, c, vrt, vra, vrb); }
export function addhfs(u: i32, c: i32, vrt: i32, vra: i32, vrb: i32): void { halves(ADD_S, u, c, vrt, vra, vrb); }
export function subhm(u: i32, c: i32, vrt: i32, vra: i32, vrb: i32): void { halves(SUB_M, u, c, vrt, vra, vrb); }
export function subhfs(u: i32, c: i32, vrt: i32, vra: i32, vrb: i32): void { halves(SUB_S, u, c, vrt, vra, vrb); }
export function mulhm(u: i32, c: i32, vrt: i32, vra: i32, vrb: i32): void { halves(MUL_M, u, c, vrt, vra, vrb); }
export function mulhfs(u: i32, c: i32, vrt: i32, vra: i32, vrb: i32): void { halves(MUL_S, u, c, vrt, vra, vrb); }

/**
 * fxvshb, `sh` = the VRB field as −16..15: left by sh, or logical right by −sh. The 16-bit lanes are shifted
 * (one instruction; x64 has no byte shift) and `keep` clears the bits that crossed from the neighbouring byte,
 * all of them once the shift reaches 8 (so the shift count, taken mod 16, never matters then).
 */
export function shb(u: i32, c: i32, vrt: i32, vra: i32, vrb: i32): void {
  const t = reg(u, vrt), a = reg(u, vra), sh = vrb >= 16 ? vrb - 32 : vrb;
  const left = sh >= 0, n = left ? sh : -sh;
  const keepByte: i32 = left ? (0xff << n) & 0xff : 0xff >>> n;
  const keep = i8x16.splat(<i8>keepByte);
  if (c == 0 && left) {
    for (let i = 0; i < 128; i += 16) v128.store(t + i, v128.and(i16x8.shl(v128.load(a + i), n), keep));
  } else if (c == 0) {
    for (let i = 0; i < 128; i += 16) v128.store(t + i, v128.and(i16x8.shr_u(v128.load(a + i), n), keep));
  } else {
    for (let i = 0; i < 128; i += 16) {
      const x = v128.load(a + i);
      storeMasked(t + i, v128.and(left ? i16x8.shl(x, n) : i16x8.shr_u(x, n), keep), byteMask(u, c, i));
    }
  }
}

/** fxvshh: as fxvshb per halfword; a right shift by 16 clears it (wasm takes the count mod 16). */
export function shh(u: i32, c: i32, vrt: i32, vra: i32, vrb: i32): void {
  const t = reg(u, vrt), a = reg(u, vra), sh = vrb >= 16 ? vrb - 32 : vrb;
  const left = sh >= 0, n = left ? sh : -sh;
  const keep = n >= 16 ? i8x16.splat(0) : i8x16.splat(-1);
  for (let i = 0; i < 128; i += 16) {
    const x = swap(v128.load(a + i));
    const y = swap(v128.and(left ? i16x8.shl(x, n) : i16x8.shr_u(x, n), keep));
    if (c == 0) v128.store(t + i, y);
    else storeMasked(t + i, y, halfMask(u, c, i));
  }
}

/** fxvsel: VRT ← cond ? VRB : VRA per byte; C = 0 copies VRB. */
export function sel(u: i32, c: i32, vrt: i32, vra: i32, vrb: i32): void {
  const t = reg(u, vrt), a = reg(u, vra), b = reg(u, vrb);
  if (c == 0) {
    for (let i = 0; i < 128; i += 16) v128.store(t + i, v128.load(b + i));
    return;
  }
  for (let i = 0; i < 128; i += 16) v128.store(t + i, v128.bitselect(v128.load(b + i), v128.load(a + i), byteMask(u, c, i)));
}

/** VRT ← `g` where condition `c` holds (byte lanes, or halfword lanes with `half`). */
@inline function fill(u: i32, c: i32, vrt: i32, g: v128, half: bool): void {
  const t = reg(u, vrt);
  if (c == 0) {
    for (let i = 0; i < 128; i += 16) v128.store(t + i, g);
    return;
  }
  for (let i = 0; i < 128; i += 16) storeMasked(t + i, g, half ? halfMask(u, c, i) : byteMask(u, c, i));
}

/** fxvsplatb: every byte of VRT ← `value` mod 2^8 (the VRA operand slot carries RA's value). */
export function splatb(u: i32, c: i32, vrt: i32, value: i32, _vrb: i32): void {
  fill(u, c, vrt, i8x16.splat(<i8>value), false);
}

/** fxvsplath: every halfword of VRT ← `value` mod 2^16, big-endian. */
export function splath(u: i32, c: i32, vrt: i32, value: i32, _vrb: i32): void {
  fill(u, c, vrt, i16x8.splat(<i16>(((value & 0xff) << 8) | ((value >>> 8) & 0xff))), true);
}

/** VCR flags of compare masks: GT bit 1, LT bit 2, EQ bit 3 (src/vector/vector-geometry.ts). */
@inline function flags(gt: v128, lt: v128, eq: v128): v128 {
  return v128.or(v128.or(v128.and(gt, i8x16.splat(2)), v128.and(lt, i8x16.splat(4))), v128.and(eq, i8x16.splat(8)));
}

/** fxvcmpb: VCR flags of byte lane k ← sign of signed byte k of VRA. */
export function cmpb(u: i32, c: i32, _vrt: i32, vra: i32, _vrb: i32): void {
  const a = reg(u, vra), zero = i8x16.splat(0);
  if (c == 0) {
    for (let i = 0; i < 128; i += 16) {
      const x = v128.load(a + i);
      v128.store(<usize>(u + VCR + i), flags(i8x16.gt_s(x, zero), i8x16.lt_s(x, zero), i8x16.eq(x, zero)));
    }
    return;
  }
  for (let i = 0; i < 128; i += 16) {
    const x = v128.load(a + i);
    storeMasked(<usize>(u + VCR + i), flags(i8x16.gt_s(x, zero), i8x16.lt_s(x, zero), i8x16.eq(x, zero)), byteMask(u, c, i));
  }
}

/** fxvcmph: both byte lanes of halfword h ← sign of signed halfword h of VRA. */
export function cmph(u: i32, c: i32, _vrt: i32, vra: i32, _vrb: i32): void {
  const a = reg(u, vra), zero = i16x8.splat(0);
  for (let i = 0; i < 128; i += 16) {
    const x = swap(v128.load(a + i));
    // i16 lane masks cover both bytes of the halfword, so the flags need no swap back.
    const f = flags(i16x8.gt_s(x, zero), i16x8.lt_s(x, zero), i16x8.eq(x, zero));
    const p = <usize>(u + VCR + i);
    if (c == 0) v128.store(p, f);
    else storeMasked(p, f, halfMask(u, c, i));
  }
}

// Loads and I/O reads land in the unit's scratch vector; stores and I/O writes under C > 0 take a lane mask.

/** Offsets of the scratch vector and the lane mask in a unit. */
const SCRATCH: i32 = VCR + 3 * 128;
const MASK: i32 = VCR + 4 * 128;

/** VRT ← scratch where condition `c` holds (fxvlax, fxvinx). */
export function merge(u: i32, c: i32, vrt: i32): void {
  const t = reg(u, vrt), src = <usize>(u + SCRATCH);
  if (c == 0) {
    for (let i = 0; i < 128; i += 16) v128.store(t + i, v128.load(src + i));
    return;
  }
  for (let i = 0; i < 128; i += 16) storeMasked(t + i, v128.load(src + i), byteMask(u, c, i));
}

/** The unit's lane mask ← 1 where condition `c` holds, else 0 (masked fxvstax, fxvoutx). */
export function laneMask(u: i32, c: i32): void {
  for (let i = 0; i < 128; i += 16) v128.store(<usize>(u + MASK + i), v128.and(byteMask(u, c, i), i8x16.splat(1)));
}

// Vector I/O staging for the vector bus (src/core/vector-bus.ts, §4.5): a synapse or CADC row of 256 columns at
// u + ROW; lane k of a vector is column 2k + half.

/** Offset of the 256-byte row buffer in a unit. */
const ROW: i32 = VCR + 5 * 128;

export const UNIT_ROW: i32 = ROW;

/** The 128 bytes at `dst` ← this half's columns of the unit's row. */
export function gather(u: i32, half: i32, dst: i32): void {
  const row = <usize>(u + ROW);
  for (let i = 0; i < 128; i += 16) {
    const x = v128.load(row + 2 * i), y = v128.load(row + 2 * i + 16);
    const lanes = half == 0
      ? i8x16.shuffle(x, y, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30)
      : i8x16.shuffle(x, y, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
    v128.store(<usize>(dst + i), lanes);
  }
}

/** This half's columns of the unit's row ← the 128 bytes at `src` & 0x3f (6-bit synapse fields); the other half ← 0. */
export function scatter(u: i32, half: i32, src: i32): void {
  const row = <usize>(u + ROW), zero = i8x16.splat(0);
  for (let i = 0; i < 128; i += 16) {
    const d = v128.and(v128.load(<usize>(src + i)), i8x16.splat(0x3f));
    const lo = half == 0
      ? i8x16.shuffle(d, zero, 0, 16, 1, 16, 2, 16, 3, 16, 4, 16, 5, 16, 6, 16, 7, 16)
      : i8x16.shuffle(d, zero, 16, 0, 16, 1, 16, 2, 16, 3, 16, 4, 16, 5, 16, 6, 16, 7);
    const hi = half == 0
      ? i8x16.shuffle(d, zero, 8, 16, 9, 16, 10, 16, 11, 16, 12, 16, 13, 16, 14, 16, 15, 16)
      : i8x16.shuffle(d, zero, 16, 8, 16, 9, 16, 10, 16, 11, 16, 12, 16, 13, 16, 14, 16, 15);
    v128.store(row + 2 * i, lo);
    v128.store(row + 2 * i + 16, hi);
  }
}
