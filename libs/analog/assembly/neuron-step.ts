// The analog engine's per-step neuron update as a WebAssembly SIMD kernel (f32x4, four neurons per lane group).
// The arithmetic is the one documented in src/analog-engine.ts ("Per-neuron step coefficients"); this file is the
// hot loop only: the engine lays the state and the coefficients out in this module's memory (neuron-kernel.ts)
// and calls `step` once per time step. Lanes whose `active` word is 0 (reset hold, paused, compartments) are left
// untouched for the engine's JavaScript paths; lanes whose `hold` word is −1 are held at V_RESET (reset hold
// covering the whole step): their currents, adaptation and noise evolve, they cannot fire.
//
// Memory: one array of 512 f32 (or u32/i32) per quantity, each `NEURONS * 4` bytes, starting at `base`:
//   state  V, X (noise), I_EXC, I_INH, W, DELTA (step change of v + x), RNG (xorshift32 per neuron), ACTIVE, HOLD
//   coefs  LEAK (1 − e^{−Δt/τ_mem}), C0, KA2W, HBE, HGE, HBI, HGI, EE, EI, EW, WA, WB, THETA, EXP_FROM, V_EXP, E_SCALE,
//          N_DECAY, N_KICK, V_RESET
//   out    CANDIDATES (i32 neuron indices whose v + x reached THETA)

const NEURONS: i32 = 512;
const ARRAY: i32 = NEURONS * 4;

// Array indices (multiples of ARRAY from `base`); neuron-kernel.ts declares the same order.
const V: i32 = 0;
const X: i32 = 1;
const I_EXC: i32 = 2;
const I_INH: i32 = 3;
const W: i32 = 4;
const DELTA: i32 = 5;
const RNG: i32 = 6;
const ACTIVE: i32 = 7;
const HOLD: i32 = 8;
const LEAK: i32 = 9;
const C0: i32 = 10;
const KA2W: i32 = 11;
const HBE: i32 = 12;
const HGE: i32 = 13;
const HBI: i32 = 14;
const HGI: i32 = 15;
const EE: i32 = 16;
const EI: i32 = 17;
const EW: i32 = 18;
const WA: i32 = 19;
const WB: i32 = 20;
const THETA: i32 = 21;
const EXP_FROM: i32 = 22;
const V_EXP: i32 = 23;
const E_SCALE: i32 = 24;
const N_DECAY: i32 = 25;
const N_KICK: i32 = 26;
const V_RESET: i32 = 27;
const CANDIDATES: i32 = 28;

/** Number of arrays in the layout (the memory the engine reserves is ARRAYS · 2 KiB). */
export const ARRAYS: i32 = 29;

/**
 * Decaying quantities (synaptic currents, adaptation) would sink into float32 subnormals, which cost ~100
 * cycles per operation on x86 (WebAssembly has no flush-to-zero mode; measured: the full chip stepped 8× slower
 * once some w reached them). (x + 2^−60) − 2^−60 is x to within 2^−84 (10^−25 nA) and exactly 0 below.
 */
// @ts-ignore: decorator
@inline
function flushTiny(x: v128): v128 {
  const bias = f32x4.splat(8.673617379884035e-19);
  return f32x4.sub(f32x4.add(x, bias), bias);
}

/**
 * e^x for −87 < x < 88 in f32: 2^(x·log2 e) = 2^n · 2^f with n the nearest integer, |f| ≤ 1/2, 2^f by Cephes'
 * exp2f polynomial (relative error ~1e-7). n is found by adding 1.5·2^23, which rounds to an integer and leaves
 * n in the low mantissa bits, whose shift into the exponent field gives 2^n: cheaper than round and convert.
 */
// @ts-ignore: decorator
@inline
function exp4(x: v128): v128 {
  const t = f32x4.pmax(f32x4.pmin(f32x4.mul(x, f32x4.splat(1.4426950408889634)), f32x4.splat(127.0)), f32x4.splat(-126.0));
  const magic = f32x4.splat(12582912.0);
  const shifted = f32x4.add(t, magic);
  const f = f32x4.sub(t, f32x4.sub(shifted, magic));
  // Estrin's scheme: three independent pairs, then two levels (a shorter dependency chain than Horner's).
  const f2 = f32x4.mul(f, f);
  const p01 = f32x4.add(f32x4.mul(f, f32x4.splat(6.931472028550421e-1)), f32x4.splat(1.0));
  const p23 = f32x4.add(f32x4.mul(f, f32x4.splat(5.550332471162809e-2)), f32x4.splat(2.402264791363012e-1));
  const p45 = f32x4.add(f32x4.mul(f, f32x4.splat(1.339887440266574e-3)), f32x4.splat(9.618437357674640e-3));
  const p6 = f32x4.splat(1.535336188319500e-4);
  const p = f32x4.add(p01, f32x4.mul(f2, f32x4.add(p23, f32x4.mul(f2, f32x4.add(p45, f32x4.mul(f2, p6))))));
  // The bits of 1.5·2^23 + n are 0x4B400000 + n.
  return f32x4.mul(p, i32x4.shl(i32x4.add(shifted, i32x4.splat(127 - 0x4b400000)), 23));
}

/**
 * One step of every active neuron of `first` ≤ n < `end` (multiples of 4: a hemisphere, or all 512). `expPerVolt`
 * = 1/ΔT, `vMin`/`vMax` the membrane rails. Returns the number of threshold candidates, written in neuron order
 * to CANDIDATES.
 */
export function step(base: i32, expPerVolt: f32, vMin: f32, vMax: f32, first: i32, end: i32): i32 {
  const kExp = f32x4.splat(expPerVolt);
  const lo = f32x4.splat(vMin);
  const hi = f32x4.splat(vMax);
  const half = f32x4.splat(0.5);
  const one = f32x4.splat(1.0);
  const sixth = f32x4.splat(1.0 / 6.0);
  const twentyFourth = f32x4.splat(1.0 / 24.0);
  const quarter = f32x4.splat(0.25);
  const byteMean = f32x4.splat(510.0);
  // Irwin–Hall: the sum of the 4 bytes of a uniform u32 has mean 510 and σ = sqrt(4 · (256² − 1)/12).
  const byteScale = f32x4.splat(1.0 / 147.80166);
  const out = base + CANDIDATES * ARRAY;
  let found = 0;
  for (let o = first << 2; o < end << 2; o += 16) {
    const p = base + o;
    const active = v128.load(p + ACTIVE * ARRAY);
    if (!v128.any_true(active)) continue;
    const v0 = v128.load(p + V * ARRAY);
    const x0 = v128.load(p + X * ARRAY);
    const iExc = v128.load(p + I_EXC * ARRAY);
    const iInh = v128.load(p + I_INH * ARRAY);
    const w = v128.load(p + W * ARRAY);
    const ve = f32x4.add(v0, x0);
    // Adaptation relaxes with v held at the start; the membrane sees its step mean (trapezoid).
    const w1 = flushTiny(f32x4.sub(f32x4.add(f32x4.mul(w, v128.load(p + EW * ARRAY)), f32x4.mul(v128.load(p + WA * ARRAY), ve)), v128.load(p + WB * ARRAY)));
    // v − v·(1 − e^{−Δt/τ}) + c0 rather than v·e^{−Δt/τ} + c0: the float32 rounding of a factor near 1 would move
    // the resting potential by µV.
    let lin = f32x4.add(f32x4.sub(v0, f32x4.mul(v0, v128.load(p + LEAK * ARRAY))), v128.load(p + C0 * ARRAY));
    lin = f32x4.sub(lin, f32x4.mul(f32x4.mul(v128.load(p + KA2W * ARRAY), half), f32x4.add(w, w1)));
    lin = f32x4.add(lin, f32x4.mul(iExc, f32x4.sub(v128.load(p + HBE * ARRAY), f32x4.mul(v128.load(p + HGE * ARRAY), ve))));
    lin = f32x4.sub(lin, f32x4.mul(iInh, f32x4.sub(v128.load(p + HBI * ARRAY), f32x4.mul(v128.load(p + HGI * ARRAY), ve))));
    let v1 = lin;
    const upswing = v128.and(f32x4.gt(ve, v128.load(p + EXP_FROM * ARRAY)), active);
    if (v128.any_true(upswing)) {
      // Heun on the exponential term: the mean of its value at the step start and at the predicted end.
      const e0 = f32x4.mul(v128.load(p + E_SCALE * ARRAY), exp4(f32x4.mul(f32x4.sub(ve, v128.load(p + V_EXP * ARRAY)), kExp)));
      const predicted = f32x4.add(lin, e0);
      const d = f32x4.mul(f32x4.sub(f32x4.pmin(predicted, hi), v0), kExp);
      // e^d − 1 by its series while d is small (most steps); by exp4 only where some lane's membrane jumps.
      let growth = f32x4.mul(d, f32x4.add(one, f32x4.mul(d, f32x4.add(half, f32x4.mul(d, f32x4.add(sixth, f32x4.mul(d, twentyFourth)))))));
      const large = f32x4.ge(d, quarter);
      if (v128.any_true(large)) growth = v128.bitselect(f32x4.sub(exp4(d), one), growth, large);
      v1 = v128.bitselect(f32x4.add(predicted, f32x4.mul(f32x4.mul(half, e0), growth)), lin, upswing);
    }
    const hold = v128.load(p + HOLD * ARRAY);
    v1 = v128.bitselect(v128.load(p + V_RESET * ARRAY), f32x4.pmax(f32x4.pmin(v1, hi), lo), hold);
    // OU noise: xorshift32 per neuron, an Irwin–Hall deviate from its four bytes.
    let r = v128.load(p + RNG * ARRAY);
    r = v128.xor(r, i32x4.shl(r, 13));
    r = v128.xor(r, i32x4.shr_u(r, 17));
    r = v128.xor(r, i32x4.shl(r, 5));
    const bytes = i32x4.extadd_pairwise_i16x8_u(i16x8.extadd_pairwise_i8x16_u(r));
    const z = f32x4.mul(f32x4.sub(f32x4.convert_i32x4_s(bytes), byteMean), byteScale);
    const x1 = f32x4.add(f32x4.mul(x0, v128.load(p + N_DECAY * ARRAY)), f32x4.mul(v128.load(p + N_KICK * ARRAY), z));
    const observed = f32x4.add(v1, x1);
    const iExc1 = flushTiny(f32x4.mul(iExc, v128.load(p + EE * ARRAY)));
    const iInh1 = flushTiny(f32x4.mul(iInh, v128.load(p + EI * ARRAY)));
    const delta = f32x4.sub(observed, ve);
    if (i32x4.all_true(active)) {
      // The common group: every lane steps, no merging with the old values.
      v128.store(p + V * ARRAY, v1);
      v128.store(p + X * ARRAY, x1);
      v128.store(p + I_EXC * ARRAY, iExc1);
      v128.store(p + I_INH * ARRAY, iInh1);
      v128.store(p + W * ARRAY, w1);
      v128.store(p + RNG * ARRAY, r);
      v128.store(p + DELTA * ARRAY, delta);
    } else {
      v128.store(p + V * ARRAY, v128.bitselect(v1, v0, active));
      v128.store(p + X * ARRAY, v128.bitselect(x1, x0, active));
      v128.store(p + I_EXC * ARRAY, v128.bitselect(iExc1, iExc, active));
      v128.store(p + I_INH * ARRAY, v128.bitselect(iInh1, iInh, active));
      v128.store(p + W * ARRAY, v128.bitselect(w1, w, active));
      v128.store(p + RNG * ARRAY, v128.bitselect(r, v128.load(p + RNG * ARRAY), active));
      v128.store(p + DELTA * ARRAY, v128.bitselect(delta, v128.load(p + DELTA * ARRAY), active));
    }
    let fired = i32x4.bitmask(v128.andnot(v128.and(f32x4.ge(observed, v128.load(p + THETA * ARRAY)), active), hold));
    while (fired !== 0) {
      const lane = ctz(fired);
      store<i32>(out + (found << 2), (o >> 2) + lane);
      found++;
      fired &= fired - 1;
    }
  }
  return found;
}

/**
 * One row event onto one synaptic input (analog-engine's common case: no bypass, one input): for each column c
 * of `cols[0..count)`, with g = gains[c]·scale (0 skipped), n = neuronBase + c:
 *   target[n] += g·current[n]         the current left at the step end
 *   v[n] = clamp(v[n] + sign·g·membrane[n])   the charge it delivered until then
 * `gains` points at the row's 256 weight gains, `current`/`membrane` at the event age's row of the response
 * tables (synaptic-input.ts); all are byte addresses of f32 arrays, `cols` of u8 columns.
 */
export function deliver(
  gains: i32,
  cols: i32,
  count: i32,
  neuronBase: i32,
  current: i32,
  membrane: i32,
  target: i32,
  v: i32,
  scale: f32,
  sign: f32,
  vMin: f32,
  vMax: f32,
): void {
  for (let i = 0; i < count; i++) {
    const c = <i32>load<u8>(cols + i);
    const g = load<f32>(gains + (c << 2)) * scale;
    if (g == 0) continue;
    const n = (neuronBase + c) << 2;
    store<f32>(target + n, load<f32>(target + n) + g * load<f32>(current + n));
    const dv = sign * g * load<f32>(membrane + n);
    if (dv != 0) store<f32>(v + n, min<f32>(max<f32>(load<f32>(v + n) + dv, vMin), vMax));
  }
}

/**
 * `deliver` for an event reaching all 256 columns of its row (the columns in any order: each column's update is
 * its own), four columns per instruction with the same arithmetic in the same order: lanes with g = 0 (or −0)
 * are left alone like the scalar loop's `continue`, and v moves only where dv ≠ 0; f32x4.min/max are the
 * scalar min/max (NaN and ±0 alike).
 */
export function deliverAll(
  gains: i32,
  neuronBase: i32,
  current: i32,
  membrane: i32,
  target: i32,
  v: i32,
  scale: f32,
  sign: f32,
  vMin: f32,
  vMax: f32,
): void {
  const s = f32x4.splat(scale);
  const signs = f32x4.splat(sign);
  const lo = f32x4.splat(vMin);
  const hi = f32x4.splat(vMax);
  const zero = f32x4.splat(0.0);
  for (let c = 0; c < 256; c += 4) {
    const g = f32x4.mul(v128.load(gains + (c << 2)), s);
    const charged = f32x4.ne(g, zero);
    const n = (neuronBase + c) << 2;
    const t = v128.load(target + n);
    v128.store(target + n, v128.bitselect(f32x4.add(t, f32x4.mul(g, v128.load(current + n))), t, charged));
    const dv = f32x4.mul(f32x4.mul(signs, g), v128.load(membrane + n));
    const moved = v128.and(f32x4.ne(dv, zero), charged);
    const v0 = v128.load(v + n);
    v128.store(v + n, v128.bitselect(f32x4.min(f32x4.max(f32x4.add(v0, dv), lo), hi), v0, moved));
  }
}
