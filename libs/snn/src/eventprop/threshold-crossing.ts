import { membraneAfter, membraneSlope, stationaryDelayUs, type CubaFlow } from './cuba-flow.js';

/** Newton–bisection stops when a step moves the root by less than this, relative (float64 spike times). */
const ROOT_TOLERANCE_RELATIVE = 1e-14;
const ROOT_ITERATIONS_MAX = 200;

/**
 * The first delay Δ ∈ (0, maxDelayUs] at which the flow from (u₀ < θ, I₀) reaches the threshold θ (all relative
 * to the leak), or NaN if it stays below. Exact up to float64 rounding: u has at most one stationary point
 * (`stationaryDelayUs`), so the crossing lies in a stretch where u rises — [0, Δ_max] before a maximum, or
 * [Δ_min, maxDelay] after a minimum — and a Newton step safeguarded by bisection converges there.
 */
export function firstCrossingDelayUs(flow: CubaFlow, u0: number, i0: number, thresholdU: number, maxDelayUs: number): number {
  if (!(maxDelayUs > 0)) return Number.NaN;
  const stationary = stationaryDelayUs(flow, u0, i0);
  let low = 0;
  let high = maxDelayUs;
  if (stationary < maxDelayUs) {
    if (membraneSlope(flow, u0, i0) > 0) high = stationary;
    else low = stationary;
  }
  if (membraneAfter(flow, u0, i0, high) < thresholdU) return Number.NaN;
  return risingRoot(flow, u0, i0, thresholdU, low, high);
}

/** The root of u(Δ) = θ in [low, high], where u rises from below θ at low to ≥ θ at high. */
function risingRoot(flow: CubaFlow, u0: number, i0: number, thresholdU: number, low: number, high: number): number {
  let delay = high;
  for (let iteration = 0; iteration < ROOT_ITERATIONS_MAX; iteration++) {
    const excess = membraneAfter(flow, u0, i0, delay) - thresholdU;
    if (excess === 0) return delay;
    if (excess < 0) low = delay;
    else high = delay;
    const slope = membraneSlope(flow, membraneAfter(flow, u0, i0, delay), i0 * Math.exp(-delay / flow.tauSynUs));
    const newton = delay - excess / slope;
    const next = slope > 0 && newton > low && newton < high ? newton : 0.5 * (low + high);
    if (Math.abs(next - delay) <= ROOT_TOLERANCE_RELATIVE * (1 + delay)) return next;
    delay = next;
  }
  return high;
}
