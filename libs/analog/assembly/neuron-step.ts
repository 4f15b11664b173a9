// The analog engine's per-step neuron update as a WebAssembly SIMD kernel (f32x4, four neurons per lane group).
// The arithmetic is the one documented in src/analog-engine.ts ("Per-neuron step coefficients"); this file is the
// hot loop only: the engine lays the state and the coefficients out in this module's memory (neuron-kernel.ts)
// and calls `step` once per time step. Lanes whose `active` word is 0 (reset hold, paused, compartments) are left
// untouched for the engine's JavaScript paths; lanes whose `hold` word is −1 are held at V_RESET (reset hold
// covering the whole step): their currents, adaptation and noise evolve, they cannot fire.
//
// Memory from `base`, in units of one array of 512 f32 (`NEURONS * 4` bytes):
//   state  one array per quantity (the engine's JavaScript paths index them by neuron):
//          V, X (noise), I_EXC, I_INH, W, DELTA (step change of v + x), RNG (xorshift32 per neuron), ACTIVE, HOLD
//   coefs  18 vectors per group of four neurons, interleaved: for group g the coefficients LEAK (1 − e^{−Δt/τ_mem}),
//          C0, HALF_KA2W (ka2w/2), HBE, HGE, HBI, HGI, EE, EI, EW, WA, WB, THETA, EXP_FROM, EXP_OFFSET, N_DECAY,
//          N_KICK, V_RESET are 18 consecutive 16-byte vectors at COEFFICIENTS + g · 288 (neuron-kernel.ts packs them
//          from the engine's per-coefficient arrays once per configuration; EXP_OFFSET folds v_exp and expScale into
//          the exponent, see `step`). One stream instead of 18: the loop then reads 10 address streams, not 27
//          (measured ~10 % of the step on the benchmark state).
//   out    CANDIDATES (i32 neuron indices whose v + x reached THETA)
// Every access is `v128.load(p, offset)` with a constant offset from one of two group pointers: the offset is
// the instruction's immediate, so no address arithmetic per access (measured ~5 %). The loop stores all four
// lanes of a group; a group with inactive lanes has their old state put back (`keepState`, `restoreInactive`).

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
const COEFFICIENTS: i32 = 9;
const CANDIDATES: i32 = 27;

// Byte offsets of the coefficients inside a group's 304-byte block (the order of KERNEL_COEFFICIENTS).
const LEAK: i32 = 0;
const C0: i32 = 16;
const HALF_KA2W: i32 = 32;
const HBE: i32 = 48;
const HGE: i32 = 64;
const HBI: i32 = 80;
const HGI: i32 = 96;
const EE: i32 = 112;
const EI: i32 = 128;
const EW: i32 = 144;
const WA: i32 = 160;
const WB: i32 = 176;
const THETA: i32 = 192;
const EXP_FROM: i32 = 208;
const EXP_OFFSET: i32 = 224;
const N_DECAY: i32 = 240;
const N_KICK: i32 = 256;
const V_RESET: i32 = 272;
const GROUP_COEFFICIENT_BYTES: i32 = 288;

/** Number of arrays in the layout (the memory the engine reserves is ARRAYS · 2 KiB). */
export const ARRAYS: i32 = 28;

/**
 * The loop's constants, each splatted into a 16-byte vector, read from the module's data once per `step` call. As
 * literals (`f32x4.splat(0.5)`) every use became a `v128.const` inside the loop, which V8 rebuilds from immediates
 * at each use (the optimiser folds a constant held in a local back into its uses; a load it cannot fold).
 * Measured ~5 % of the step.
 */
const CONSTANTS = memory.data<f32>(
  [
    // 0 log2 e, 1 upper and 2 lower clamp of the exponent, 3 1.5·2^23 + 127 (exp2)
    1.4426950408889634, 1.4426950408889634, 1.4426950408889634, 1.4426950408889634,
    127.0, 127.0, 127.0, 127.0,
    -126.0, -126.0, -126.0, -126.0,
    12583039.0, 12583039.0, 12583039.0, 12583039.0,
    // 4..8 the coefficients of f⁰..f⁴ of 2^f on [−1/2, 1/2]: minimax for the relative error (Lawson's iteration),
    // 2.6e-6 in exact arithmetic, 2.7e-6 evaluated in float32
    0.9999992847442627, 0.9999992847442627, 0.9999992847442627, 0.9999992847442627,
    0.6931217908859253, 0.6931217908859253, 0.6931217908859253, 0.6931217908859253,
    0.240247443318367, 0.240247443318367, 0.240247443318367, 0.240247443318367,
    0.05591786280274391, 0.05591786280274391, 0.05591786280274391, 0.05591786280274391,
    0.009570101276040077, 0.009570101276040077, 0.009570101276040077, 0.009570101276040077,
    // 9 2^−60 (flushTiny), 10 1, 11 1/2, 12 1/4, 13 1/12, 14 1/48
    8.673617379884035e-19, 8.673617379884035e-19, 8.673617379884035e-19, 8.673617379884035e-19,
    1.0, 1.0, 1.0, 1.0,
    0.5, 0.5, 0.5, 0.5,
    0.25, 0.25, 0.25, 0.25,
    1.0 / 12.0, 1.0 / 12.0, 1.0 / 12.0, 1.0 / 12.0,
    1.0 / 48.0, 1.0 / 48.0, 1.0 / 48.0, 1.0 / 48.0,
    // 15 mean and 16 1/σ of the Irwin–Hall byte sum: sum of the 4 bytes of a uniform u32, σ = sqrt(4 · (256² − 1)/12)
    510.0, 510.0, 510.0, 510.0,
    1.0 / 147.80166, 1.0 / 147.80166, 1.0 / 147.80166, 1.0 / 147.80166,
  ],
  16,
);

/**
 * `step`'s scalar arguments splatted, stored here and loaded back once per call: a splat held in a local is
 * rebuilt from the scalar at each use inside the loop (two instructions), a loaded vector is reloaded (one).
 */
const ARGUMENTS = memory.data(64, 16);

/** The old state of a group with inactive lanes (`keepState`), one vector per stored quantity. */
const KEPT = memory.data(7 * 16, 16);

/** Copies the group's V, X, I_EXC, I_INH, W, RNG and DELTA at p to KEPT. */
// @ts-ignore: decorator
@inline
function keepState(p: i32): void {
  v128.store(KEPT, v128.load(p, V * ARRAY));
  v128.store(KEPT, v128.load(p, X * ARRAY), 16);
  v128.store(KEPT, v128.load(p, I_EXC * ARRAY), 32);
  v128.store(KEPT, v128.load(p, I_INH * ARRAY), 48);
  v128.store(KEPT, v128.load(p, W * ARRAY), 64);
  v128.store(KEPT, v128.load(p, RNG * ARRAY), 80);
  v128.store(KEPT, v128.load(p, DELTA * ARRAY), 96);
}

/** Puts KEPT back into the group's inactive lanes. */
// @ts-ignore: decorator
@noinline
function restoreInactive(p: i32): void {
  const active = v128.load(p, ACTIVE * ARRAY);
  v128.store(p, v128.bitselect(v128.load(p, V * ARRAY), v128.load(KEPT), active), V * ARRAY);
  v128.store(p, v128.bitselect(v128.load(p, X * ARRAY), v128.load(KEPT, 16), active), X * ARRAY);
  v128.store(p, v128.bitselect(v128.load(p, I_EXC * ARRAY), v128.load(KEPT, 32), active), I_EXC * ARRAY);
  v128.store(p, v128.bitselect(v128.load(p, I_INH * ARRAY), v128.load(KEPT, 48), active), I_INH * ARRAY);
  v128.store(p, v128.bitselect(v128.load(p, W * ARRAY), v128.load(KEPT, 64), active), W * ARRAY);
  v128.store(p, v128.bitselect(v128.load(p, RNG * ARRAY), v128.load(KEPT, 80), active), RNG * ARRAY);
  v128.store(p, v128.bitselect(v128.load(p, DELTA * ARRAY), v128.load(KEPT, 96), active), DELTA * ARRAY);
}

// @ts-ignore: decorator
@inline
function constant(index: i32): v128 {
  return v128.load(CONSTANTS + (index << 4));
}

/**
 * Decaying quantities (synaptic currents, adaptation) would sink into float32 subnormals, which cost ~100
 * cycles per operation on x86 (WebAssembly has no flush-to-zero mode; measured: the full chip stepped 8× slower
 * once some w reached them). (x + 2^−60) − 2^−60 (`tiny` = 2^−60) is x to within 2^−84 (10^−25 nA) and exactly
 * 0 below.
 */
// @ts-ignore: decorator
@inline
function flushTiny(x: v128, tiny: v128): v128 {
  return f32x4.sub(f32x4.add(x, tiny), tiny);
}

/**
 * 2^t in f32, t clamped to [−126, 127]: 2^n · 2^f with n the nearest integer, |f| ≤ 1/2, 2^f by a degree-4
 * polynomial (CONSTANTS 4..8, relative error 2.7e-6: ~400 times below what the membrane noise moves, a test
 * measures it against Math.exp). n is found by adding 1.5·2^23 + 127 (`magic`), which rounds to an integer and
 * leaves 127 + n in the low mantissa bits; shifted left by 23 they are the exponent field of 2^n (the bits of
 * 1.5·2^23 above them leave the word): cheaper than round, convert and bias.
 */
// @ts-ignore: decorator
@inline
function exp2(t: v128, top: v128, bottom: v128, magic: v128, c0: v128, c1: v128, c2: v128, c3: v128, c4: v128): v128 {
  const clamped = f32x4.pmax(f32x4.pmin(t, top), bottom);
  const shifted = f32x4.add(clamped, magic);
  const f = f32x4.sub(clamped, f32x4.sub(shifted, magic));
  const p = f32x4.add(c0, f32x4.mul(f, f32x4.add(c1, f32x4.mul(f, f32x4.add(c2, f32x4.mul(f, f32x4.add(c3, f32x4.mul(f, c4))))))));
  return f32x4.mul(p, i32x4.shl(shifted, 23));
}

/**
 * One step of every active neuron of `first` ≤ n < `end` (multiples of 4: a hemisphere, or all 512). `expPerVolt`
 * = 1/ΔT, `exp2PerVolt` = log2(e)/ΔT (the factor EXP_OFFSET was packed with), `vMin`/`vMax` the membrane rails.
 * Returns the number of threshold candidates, written in neuron order to CANDIDATES.
 */
export function step(base: i32, expPerVolt: f32, exp2PerVolt: f32, vMin: f32, vMax: f32, first: i32, end: i32): i32 {
  return steps(base, expPerVolt, exp2PerVolt, vMin, vMax, first, end, true, true);
}

/**
 * `step` for a range where no neuron has the exponential term (LIF): its path left out (without it the loop
 * without a branch would cost such a range 4.1 instead of 2.5 ns per neuron-step). Each variant is a function of
 * its own, so each compiles exactly as when it was the only loop.
 */
export function stepLinear(base: i32, expPerVolt: f32, exp2PerVolt: f32, vMin: f32, vMax: f32, first: i32, end: i32): i32 {
  return steps(base, expPerVolt, exp2PerVolt, vMin, vMax, first, end, false, true);
}

/**
 * `step` for a range where no neuron has conductance-based input (HGE = HGI = 0, CUBA: the common case): the
 * COBA factors' loads and arithmetic left out, the same result (I·(HB − 0·v) = I·HB).
 */
export function stepCuba(base: i32, expPerVolt: f32, exp2PerVolt: f32, vMin: f32, vMax: f32, first: i32, end: i32): i32 {
  return steps(base, expPerVolt, exp2PerVolt, vMin, vMax, first, end, true, false);
}

/** `stepLinear` for a CUBA range (`stepCuba`). */
export function stepLinearCuba(base: i32, expPerVolt: f32, exp2PerVolt: f32, vMin: f32, vMax: f32, first: i32, end: i32): i32 {
  return steps(base, expPerVolt, exp2PerVolt, vMin, vMax, first, end, false, false);
}

/** The loop of the `step` variants (`exponential` and `coba` are constants at each use). */
// @ts-ignore: decorator
@inline
function steps(base: i32, expPerVolt: f32, exp2PerVolt: f32, vMin: f32, vMax: f32, first: i32, end: i32, exponential: bool, coba: bool): i32 {
  v128.store(ARGUMENTS, f32x4.splat(expPerVolt));
  v128.store(ARGUMENTS, f32x4.splat(exp2PerVolt), 16);
  v128.store(ARGUMENTS, f32x4.splat(vMin), 32);
  v128.store(ARGUMENTS, f32x4.splat(vMax), 48);
  const kExp = v128.load(ARGUMENTS);
  const kExp2 = v128.load(ARGUMENTS, 16);
  const lo = v128.load(ARGUMENTS, 32);
  const hi = v128.load(ARGUMENTS, 48);
  const log2e = constant(0);
  const top = constant(1);
  const bottom = constant(2);
  const magic = constant(3);
  const c0 = constant(4);
  const c1 = constant(5);
  const c2 = constant(6);
  const c3 = constant(7);
  const c4 = constant(8);
  const tiny = constant(9);
  const one = constant(10);
  const half = constant(11);
  const quarter = constant(12);
  const twelfth = constant(13);
  const fortyEighth = constant(14);
  const byteMean = constant(15);
  const byteScale = constant(16);
  const out = base + CANDIDATES * ARRAY;
  let found = 0;
  for (let o = first << 2; o < end << 2; o += 16) {
    // p: the group's slot in the state arrays; q: its coefficient block.
    const p = base + o;
    const q = base + COEFFICIENTS * ARRAY + (o >> 4) * GROUP_COEFFICIENT_BYTES;
    // One movmskps for both tests (any_true and all_true take ~4 and ~7 x86 instructions).
    const lanes = i32x4.bitmask(v128.load(p, ACTIVE * ARRAY));
    if (lanes === 0) continue;
    // A group with inactive lanes (reset holds ending inside the step, paused neurons) keeps their old state: the
    // loop below stores all four lanes, and those are put back at the end.
    const partial = lanes !== 15;
    if (partial) keepState(p);
    // Each result is stored as soon as it is known, and the membrane's coefficients are loaded after the current
    // updates: V8 keeps every load after the stores before it, so the loads come where they are used instead of
    // all at the top of the loop, where ~12 vectors were spilled to the stack and reloaded. Measured with the loop
    // on a 512-neuron AdEx CUBA state (cachegrind, 2026-11-25): 48.6 x86 instructions per neuron-step before this
    // order, the single bitmask tests and the CUBA variant, 38.8 after (COBA 51.2 → 43.9, LIF 34.7 → 26.4).
    const v0 = v128.load(p, V * ARRAY);
    const x0 = v128.load(p, X * ARRAY);
    const ve = f32x4.add(v0, x0);
    // OU noise: xorshift32 per neuron, an Irwin–Hall deviate from its four bytes.
    let r = v128.load(p, RNG * ARRAY);
    r = v128.xor(r, i32x4.shl(r, 13));
    r = v128.xor(r, i32x4.shr_u(r, 17));
    r = v128.xor(r, i32x4.shl(r, 5));
    v128.store(p, r, RNG * ARRAY);
    // The pair sums are ≤ 510, so the signed pairwise add (one x86 pmaddwd) is the unsigned one.
    const bytes = i32x4.extadd_pairwise_i16x8_s(i16x8.extadd_pairwise_i8x16_u(r));
    const z = f32x4.mul(f32x4.sub(f32x4.convert_i32x4_s(bytes), byteMean), byteScale);
    const x1 = f32x4.add(f32x4.mul(x0, v128.load(q, N_DECAY)), f32x4.mul(v128.load(q, N_KICK), z));
    v128.store(p, x1, X * ARRAY);
    // Adaptation relaxes with v held at the start; the membrane sees its step mean (trapezoid).
    const w = v128.load(p, W * ARRAY);
    const w1 = flushTiny(f32x4.sub(f32x4.add(f32x4.mul(w, v128.load(q, EW)), f32x4.mul(v128.load(q, WA), ve)), v128.load(q, WB)), tiny);
    v128.store(p, w1, W * ARRAY);
    const iExc = v128.load(p, I_EXC * ARRAY);
    v128.store(p, flushTiny(f32x4.mul(iExc, v128.load(q, EE)), tiny), I_EXC * ARRAY);
    const iInh = v128.load(p, I_INH * ARRAY);
    v128.store(p, flushTiny(f32x4.mul(iInh, v128.load(q, EI)), tiny), I_INH * ARRAY);
    // v − v·(1 − e^{−Δt/τ}) + c0 rather than v·e^{−Δt/τ} + c0: the float32 rounding of a factor near 1 would move
    // the resting potential by µV.
    let lin = f32x4.add(f32x4.sub(v0, f32x4.mul(v0, v128.load(q, LEAK))), v128.load(q, C0));
    lin = f32x4.sub(lin, f32x4.mul(v128.load(q, HALF_KA2W), f32x4.add(w, w1)));
    if (coba) {
      lin = f32x4.add(lin, f32x4.mul(iExc, f32x4.sub(v128.load(q, HBE), f32x4.mul(v128.load(q, HGE), ve))));
      lin = f32x4.sub(lin, f32x4.mul(iInh, f32x4.sub(v128.load(q, HBI), f32x4.mul(v128.load(q, HGI), ve))));
    } else {
      lin = f32x4.add(lin, f32x4.mul(iExc, v128.load(q, HBE)));
      lin = f32x4.sub(lin, f32x4.mul(iInh, v128.load(q, HBI)));
    }
    let v1 = lin;
    if (exponential) {
      // Heun on the exponential term: the mean of its value at the step start and at the predicted end. Lanes
      // below EXP_FROM keep `lin` (the bitselect below); their e0 is zeroed, so the products of their far smaller
      // e^x cannot reach float32 subnormals. Computed for every group of the range, without a branch per group: 95 %
      // of the groups need it on the benchmark state, and the branch made V8 spill and reload ~16 vectors around it
      // (measured: 61.0 → 54.5 x86 instructions per neuron-step, −12 % kernel time). Ranges without the exponential
      // term (LIF) take the loop without it. Inactive lanes compute values that are not kept.
      // expScale·e^{(v − v_exp)/ΔT} = 2^{v·log2(e)/ΔT − EXP_OFFSET} with EXP_OFFSET = v_exp·log2(e)/ΔT −
      // log2(expScale): one multiply and one subtract before exp2.
      const upswing = f32x4.gt(ve, v128.load(q, EXP_FROM));
      const e0 = v128.and(exp2(f32x4.sub(f32x4.mul(ve, kExp2), v128.load(q, EXP_OFFSET)), top, bottom, magic, c0, c1, c2, c3, c4), upswing);
      const predicted = f32x4.add(lin, e0);
      const d = f32x4.mul(f32x4.sub(f32x4.pmin(predicted, hi), v0), kExp);
      // (e^d − 1)/2 by its series while d is small (most steps); by exp2 only where an upswing lane's membrane jumps.
      let halfGrowth = f32x4.mul(d, f32x4.add(half, f32x4.mul(d, f32x4.add(quarter, f32x4.mul(d, f32x4.add(twelfth, f32x4.mul(d, fortyEighth)))))));
      const large = v128.and(f32x4.ge(d, quarter), upswing);
      if (i32x4.bitmask(large) !== 0) {
        const jump = f32x4.mul(f32x4.sub(exp2(f32x4.mul(d, log2e), top, bottom, magic, c0, c1, c2, c3, c4), one), half);
        halfGrowth = v128.bitselect(jump, halfGrowth, large);
      }
      v1 = v128.bitselect(f32x4.add(predicted, f32x4.mul(e0, halfGrowth)), lin, upswing);
    }
    const hold = v128.load(p, HOLD * ARRAY);
    v1 = v128.bitselect(v128.load(q, V_RESET), f32x4.pmax(f32x4.pmin(v1, hi), lo), hold);
    v128.store(p, v1, V * ARRAY);
    const observed = f32x4.add(v1, x1);
    v128.store(p, f32x4.sub(observed, ve), DELTA * ARRAY);
    let fired = i32x4.bitmask(v128.andnot(f32x4.ge(observed, v128.load(q, THETA)), hold));
    if (partial) {
      restoreInactive(p);
      fired &= lanes;
    }
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
 * x clamped to [vMin, vMax] as `deliverRange`'s f32x4.pmax/pmin do it (and SynapticInput's JavaScript loop):
 * a NaN stays NaN, −0 stays −0 at a rail of 0. WebAssembly's min/max would tell ±0 and NaN apart the IEEE way,
 * which V8 builds from ~8 x86 instructions per f32x4 operation instead of one (minps/maxps).
 */
// @ts-ignore: decorator
@inline
function railed(x: f32, vMin: f32, vMax: f32): f32 {
  const above = select<f32>(vMin, x, x < vMin);
  return select<f32>(vMax, above, vMax < above);
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
    if (dv != 0) store<f32>(v + n, railed(load<f32>(v + n) + dv, vMin, vMax));
  }
}

/**
 * `deliver` for the columns firstColumn ≤ c < endColumn of a row event (multiples of 4: all 256, or the share of a
 * thread whose neuron range splits the synram, analog-engine.ts `runWindow`), the columns in any order (each
 * column's update is its own), four columns per instruction with the same arithmetic in the same order: lanes
 * with g = 0 (or −0) are left alone like the scalar loop's `continue`, and v moves only where dv ≠ 0; the
 * rails as `railed` (pmax(x, lo) = x < lo ? lo : x, pmin(x, hi) = hi < x ? hi : x).
 */
export function deliverRange(
  gains: i32,
  firstColumn: i32,
  endColumn: i32,
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
  for (let c = firstColumn; c < endColumn; c += 4) {
    const g = f32x4.mul(v128.load(gains + (c << 2)), s);
    const charged = f32x4.ne(g, zero);
    const n = (neuronBase + c) << 2;
    const t = v128.load(target + n);
    v128.store(target + n, v128.bitselect(f32x4.add(t, f32x4.mul(g, v128.load(current + n))), t, charged));
    const dv = f32x4.mul(f32x4.mul(signs, g), v128.load(membrane + n));
    const moved = v128.and(f32x4.ne(dv, zero), charged);
    const v0 = v128.load(v + n);
    v128.store(v + n, v128.bitselect(f32x4.pmin(f32x4.pmax(f32x4.add(v0, dv), lo), hi), v0, moved));
  }
}
