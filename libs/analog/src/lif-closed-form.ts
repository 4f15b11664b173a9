// Exact propagation of a leaky integrator with two exponentially decaying input currents (reference §2.1 with
// the units of the analog spec: V, µs, nA, pF). Between events a LIF neuron obeys
//   dv/dt = (vLeak − v)/τm + k·(I_off + I_exc(t) − I_inh(t)),  I_s(t) = I_s(0)·e^{−t/τs},  k = 1e-3/C,
// whose solution after Δ is
//   v(Δ) = v·em + drive·a2 + k_e·I_exc·h_e − k_i·I_inh·h_i,   drive = vLeak/τm + k·I_off,
// with em = e^{−Δ/τm}, a2 = ∫0^Δ e^{−(Δ−u)/τm} du = τm·(1 − em) and the kernel
//   h_s = ∫0^Δ e^{−(Δ−u)/τm}·e^{−u/τs} du = (e^{−Δ/τs} − e^{−Δ/τm})/(1/τm − 1/τs),
// evaluated through expm1 where the two rates are close (τs = τm gives Δ·em) and valid for infinite time
// constants (a switched-off bias, §10.3). Both engines use these coefficients: the ideal engine as its exact
// propagator, the analog engine for the linear part of one step.

/** One FPGA cycle in µs (125 MHz). */
export const CYCLE_US = 0.008;

/** Number of coefficients per time constant set: em, a2, ee, ei, he, hi. */
export const LIF_COEFFICIENTS = 6;

function rate(tauUs: number): number {
  return tauUs === Infinity ? 0 : 1 / tauUs;
}

/** a2 = ∫0^Δ e^{−(Δ−u)/τm} du, µs (Δ itself without leak). */
export function leakIntegralUs(tauMemUs: number, dtUs: number): number {
  const r = rate(tauMemUs);
  return r === 0 ? dtUs : -Math.expm1(-dtUs * r) / r;
}

/** h = ∫0^Δ e^{−(Δ−u)/τm}·e^{−u/τs} du, µs: the membrane response per unit k·I(0) of a decaying current. */
export function synapticKernelUs(tauMemUs: number, tauSynUs: number, dtUs: number): number {
  const rm = rate(tauMemUs);
  const rs = rate(tauSynUs);
  const d = rm - rs;
  if (d === 0) return dtUs * Math.exp(-dtUs * rm);
  const x = dtUs * d;
  // Close rates: expm1 avoids the cancellation; far apart: the plain difference cannot overflow.
  return Math.abs(x) < 1 ? (Math.exp(-dtUs * rm) * Math.expm1(x)) / d : (Math.exp(-dtUs * rs) - Math.exp(-dtUs * rm)) / d;
}

/** Writes em, a2, ee, ei, he, hi for a step of `dtUs` into out[at..at+6). */
export function lifCoefficients(tauMemUs: number, tauExcUs: number, tauInhUs: number, dtUs: number, out: Float64Array, at: number): void {
  out[at] = Math.exp(-dtUs * rate(tauMemUs));
  out[at + 1] = leakIntegralUs(tauMemUs, dtUs);
  out[at + 2] = Math.exp(-dtUs * rate(tauExcUs));
  out[at + 3] = Math.exp(-dtUs * rate(tauInhUs));
  out[at + 4] = synapticKernelUs(tauMemUs, tauExcUs, dtUs);
  out[at + 5] = synapticKernelUs(tauMemUs, tauInhUs, dtUs);
}

/** v after the step: the one formula both the propagation and the threshold search evaluate. */
export function lifVoltage(
  v: number,
  iExc: number,
  iInh: number,
  drive: number,
  kExc: number,
  kInh: number,
  c: Float64Array,
  at: number,
): number {
  return v * (c[at] as number) + drive * (c[at + 1] as number) + kExc * iExc * (c[at + 4] as number) - kInh * iInh * (c[at + 5] as number);
}

/**
 * An upper bound of v over the whole step: the solution with the input held at its largest value (I_exc at
 * the start, I_inh at the end, both currents decay), by the comparison theorem. It equals v(Δ) for a neuron
 * without synaptic input and tightens as Δ shrinks, so threshold crossings inside a step are never missed.
 */
export function lifUpperBound(v: number, iExc: number, iInhEnd: number, drive: number, kExc: number, kInh: number, c: Float64Array, at: number): number {
  const em = c[at] as number;
  const a2 = c[at + 1] as number;
  const peak = v * em + (drive + kExc * iExc - kInh * iInhEnd) * a2;
  return peak > v ? peak : v;
}
