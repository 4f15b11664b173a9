// The ideal engine's row-event fold and propagation for a uniform group (src/ideal-engine.ts) as a WebAssembly
// SIMD kernel: f64x2, two neurons per instruction, the same IEEE double expressions in the same order as the
// engine's closed form (no fused multiply-add exists in WebAssembly, so every result is bitwise the JavaScript
// one). pmin/pmax are the engine's conditional expressions exactly, NaN and signed zeros included:
// pmin(a, b) = b < a ? b : a, pmax(a, b) = a < b ? b : a.
//
// Memory: one array of 512 f64 per quantity (4 KiB each) from `base`, then the at-risk list and its look-ahead
// flags (512 i32 each, in a 4 KiB slot each):
//   V, I_EXC, I_INH (the state), PEND_EXC, PEND_INH (the deferred row event's charge, cleared here), RISKY, AHEAD.

const NEURONS: i32 = 512;
const ARRAY: i32 = NEURONS * 8;

// Array indices (multiples of ARRAY from `base`); ideal-kernel.ts declares the same order.
const V: i32 = 0;
const I_EXC: i32 = 1;
const I_INH: i32 = 2;
const PEND_EXC: i32 = 3;
const PEND_INH: i32 = 4;
const RISKY: i32 = 5;
const AHEAD: i32 = 6;

/** Number of arrays in the layout (RISKY and AHEAD, half as wide, count as one each). */
export const ARRAYS: i32 = 7;

/**
 * Neurons first … first + count − 1 (count even) brought forward by one step with the coefficients em … hi and
 * the group's constants, the pending charge added and cleared, and the at-risk bound taken. Writes the at-risk
 * neurons in index order to RISKY from entry `first` on and returns their number. AHEAD gets, per entry, −1
 * where lifUpperBound (lif-closed-form.ts) over the next look-ahead span (coefficients emAhead, a2Ahead, eiAhead)
 * stays below `theta` — the neuron cannot fire in that span without a further event — else 0.
 */
export function foldUniform(
  base: i32,
  first: i32,
  count: i32,
  em: f64,
  driveA2: f64,
  ee: f64,
  ei: f64,
  he: f64,
  hi: f64,
  kExc: f64,
  kInh: f64,
  vStatic: f64,
  hExc: f64,
  hInh: f64,
  limit: f64,
  vMin: f64,
  vMax: f64,
  drive: f64,
  emAhead: f64,
  a2Ahead: f64,
  eiAhead: f64,
  theta: f64,
): i32 {
  const emV = f64x2.splat(em);
  const driveV = f64x2.splat(driveA2);
  const eeV = f64x2.splat(ee);
  const eiV = f64x2.splat(ei);
  const heV = f64x2.splat(he);
  const hiV = f64x2.splat(hi);
  const kExcV = f64x2.splat(kExc);
  const kInhV = f64x2.splat(kInh);
  const vStaticV = f64x2.splat(vStatic);
  const hExcV = f64x2.splat(hExc);
  const hInhV = f64x2.splat(hInh);
  const limitV = f64x2.splat(limit);
  const lo = f64x2.splat(vMin);
  const hiRail = f64x2.splat(vMax);
  const zeroBits = v128.splat<i64>(0);
  const driveRaw = f64x2.splat(drive);
  const emAheadV = f64x2.splat(emAhead);
  const a2AheadV = f64x2.splat(a2Ahead);
  const eiAheadV = f64x2.splat(eiAhead);
  const thetaV = f64x2.splat(theta);
  const out = base + RISKY * ARRAY + (first << 2);
  const flags = base + AHEAD * ARRAY + (first << 2);
  let found = 0;
  const end = base + (first + count) * 8;
  for (let p = base + first * 8; p < end; p += 16) {
    const e0 = v128.load(p + I_EXC * ARRAY);
    const i0 = v128.load(p + I_INH * ARRAY);
    // v·em + drive·a2 + k_exc·I_exc·h_exc − k_inh·I_inh·h_inh, left to right.
    const vEnd = f64x2.sub(
      f64x2.add(f64x2.add(f64x2.mul(v128.load(p + V * ARRAY), emV), driveV), f64x2.mul(f64x2.mul(kExcV, e0), heV)),
      f64x2.mul(f64x2.mul(kInhV, i0), hiV),
    );
    // vEnd < vMin ? vMin : vEnd > vMax ? vMax : vEnd.
    const v1 = f64x2.pmax(f64x2.pmin(vEnd, hiRail), lo);
    const iExc = f64x2.add(f64x2.mul(e0, eeV), v128.load(p + PEND_EXC * ARRAY));
    const iInh = f64x2.add(f64x2.mul(i0, eiV), v128.load(p + PEND_INH * ARRAY));
    v128.store(p + V * ARRAY, v1);
    v128.store(p + I_EXC * ARRAY, iExc);
    v128.store(p + I_INH * ARRAY, iInh);
    v128.store(p + PEND_EXC * ARRAY, zeroBits);
    v128.store(p + PEND_INH * ARRAY, zeroBits);
    const bound = riskBound(v1, iExc, iInh, vStaticV, hExcV, hInhV);
    found = listPair(bound, v1, iExc, iInh, (p - base) >> 3, found, out, flags, limitV, driveRaw, kExcV, kInhV, emAheadV, a2AheadV, eiAheadV, thetaV);
  }
  return found;
}

/**
 * The at-risk list of neurons first … first + count − 1 (count even) from their present state: foldUniform
 * without the step and the charge (the engine's findRisky), into RISKY and AHEAD the same way.
 */
export function listAtRisk(
  base: i32,
  first: i32,
  count: i32,
  kExc: f64,
  kInh: f64,
  vStatic: f64,
  hExc: f64,
  hInh: f64,
  limit: f64,
  drive: f64,
  emAhead: f64,
  a2Ahead: f64,
  eiAhead: f64,
  theta: f64,
): i32 {
  const kExcV = f64x2.splat(kExc);
  const kInhV = f64x2.splat(kInh);
  const vStaticV = f64x2.splat(vStatic);
  const hExcV = f64x2.splat(hExc);
  const hInhV = f64x2.splat(hInh);
  const limitV = f64x2.splat(limit);
  const driveRaw = f64x2.splat(drive);
  const emAheadV = f64x2.splat(emAhead);
  const a2AheadV = f64x2.splat(a2Ahead);
  const eiAheadV = f64x2.splat(eiAhead);
  const thetaV = f64x2.splat(theta);
  const out = base + RISKY * ARRAY + (first << 2);
  const flags = base + AHEAD * ARRAY + (first << 2);
  let found = 0;
  const end = base + (first + count) * 8;
  for (let p = base + first * 8; p < end; p += 16) {
    const v0 = v128.load(p + V * ARRAY);
    const iExc = v128.load(p + I_EXC * ARRAY);
    const iInh = v128.load(p + I_INH * ARRAY);
    const bound = riskBound(v0, iExc, iInh, vStaticV, hExcV, hInhV);
    found = listPair(bound, v0, iExc, iInh, (p - base) >> 3, found, out, flags, limitV, driveRaw, kExcV, kInhV, emAheadV, a2AheadV, eiAheadV, thetaV);
  }
  return found;
}

/** The at-risk bound: (v > vStatic ? v : vStatic) + (exc > 0 ? exc : 0) − (inh < 0 ? inh : 0). */
// @ts-ignore: decorator
@inline
function riskBound(v: v128, iExc: v128, iInh: v128, vStaticV: v128, hExcV: v128, hInhV: v128): v128 {
  const zero = f64x2.splat(0.0);
  return f64x2.sub(f64x2.add(f64x2.pmax(vStaticV, v), f64x2.pmax(zero, f64x2.mul(iExc, hExcV))), f64x2.pmin(zero, f64x2.mul(iInh, hInhV)));
}

/**
 * Neurons n, n + 1 into the at-risk list at `found` where !(bound < limit) (a few per group: both lanes are
 * written, the count advances past the at-risk ones only), each with its look-ahead flag; returns the count.
 */
// @ts-ignore: decorator
@inline
function listPair(
  bound: v128,
  v: v128,
  iExc: v128,
  iInh: v128,
  n: i32,
  found: i32,
  out: i32,
  flags: i32,
  limitV: v128,
  driveRaw: v128,
  kExcV: v128,
  kInhV: v128,
  emAheadV: v128,
  a2AheadV: v128,
  eiAheadV: v128,
  thetaV: v128,
): i32 {
  const safe = i64x2.bitmask(f64x2.lt(bound, limitV));
  if (safe == 3) return found;
  // lifUpperBound over the look-ahead: max(v, v·em + (drive + k_exc·I_exc − k_inh·I_inh·ei)·a2).
  const peak = f64x2.add(
    f64x2.mul(v, emAheadV),
    f64x2.mul(f64x2.sub(f64x2.add(driveRaw, f64x2.mul(kExcV, iExc)), f64x2.mul(kInhV, f64x2.mul(iInh, eiAheadV))), a2AheadV),
  );
  const quiet = f64x2.lt(f64x2.pmax(v, peak), thetaV);
  let at = found;
  store<i32>(out + (at << 2), n);
  store<i32>(flags + (at << 2), <i32>i64x2.extract_lane(quiet, 0));
  at += ~safe & 1;
  store<i32>(out + (at << 2), n + 1);
  store<i32>(flags + (at << 2), <i32>i64x2.extract_lane(quiet, 1));
  return at + ((~safe >> 1) & 1);
}

/**
 * Neurons first … first + count − 1 (count even) brought forward by one step with the coefficients em … hi and
 * the group's constants (the propagation of syncGroup: no pending charge, no bound).
 */
export function propagate(
  base: i32,
  first: i32,
  count: i32,
  em: f64,
  driveA2: f64,
  ee: f64,
  ei: f64,
  he: f64,
  hi: f64,
  kExc: f64,
  kInh: f64,
  vMin: f64,
  vMax: f64,
): void {
  const emV = f64x2.splat(em);
  const driveV = f64x2.splat(driveA2);
  const eeV = f64x2.splat(ee);
  const eiV = f64x2.splat(ei);
  const heV = f64x2.splat(he);
  const hiV = f64x2.splat(hi);
  const kExcV = f64x2.splat(kExc);
  const kInhV = f64x2.splat(kInh);
  const lo = f64x2.splat(vMin);
  const hiRail = f64x2.splat(vMax);
  const end = base + (first + count) * 8;
  for (let p = base + first * 8; p < end; p += 16) {
    const e0 = v128.load(p + I_EXC * ARRAY);
    const i0 = v128.load(p + I_INH * ARRAY);
    const vEnd = f64x2.sub(
      f64x2.add(f64x2.add(f64x2.mul(v128.load(p + V * ARRAY), emV), driveV), f64x2.mul(f64x2.mul(kExcV, e0), heV)),
      f64x2.mul(f64x2.mul(kInhV, i0), hiV),
    );
    v128.store(p + V * ARRAY, f64x2.pmax(f64x2.pmin(vEnd, hiRail), lo));
    v128.store(p + I_EXC * ARRAY, f64x2.mul(e0, eeV));
    v128.store(p + I_INH * ARRAY, f64x2.mul(i0, eiV));
  }
}
