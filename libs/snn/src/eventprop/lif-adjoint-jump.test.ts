import { describe, expect, it } from 'vitest';
import { eventPropConstants } from './eventprop-parameters.js';
import { lifLayerAdjoint } from './lif-layer-adjoint.js';
import { lifLayerForward } from './lif-layer-forward.js';
import { eventsFromTimes } from './spike-events.js';

/**
 * The adjoint's jump conditions on one neuron driven by one input spike at s = 0 with weight w, τ_mem = τ_syn = τ,
 * leak = reset = 0, threshold θ = 1. Before the first spike u(t) = w f(t), f(t) = (t/τ) e^{−t/τ}; after a spike at
 * t₁ the membrane restarts at 0 with current I₁ = w e^{−t₁/τ}, so the next spike follows after Δ with I₁ f(Δ) = θ.
 * Everything below is the implicit-function theorem on these two equations, written out by hand.
 */
const TAU_US = 6;
const THRESHOLD = 1;
const f = (t: number) => (t / TAU_US) * Math.exp(-t / TAU_US);
const fPrime = (t: number) => (Math.exp(-t / TAU_US) / TAU_US) * (1 - t / TAU_US);
const constants = eventPropConstants('test', { hidden: { tauMemUs: TAU_US, tauSynUs: TAU_US, leak: 0, reset: 0, threshold: THRESHOLD }, readout: { tauMemUs: TAU_US, tauSynUs: TAU_US }, tSimUs: 40 });

/** The rising root of amplitude · f(t) = θ (before f's peak at τ), by bisection. */
function risingRoot(amplitude: number): number {
  let low = 0;
  let high = TAU_US;
  for (let k = 0; k < 200; k++) {
    const mid = 0.5 * (low + high);
    if (amplitude * f(mid) < THRESHOLD) low = mid;
    else high = mid;
  }
  return 0.5 * (low + high);
}

/** Forward and adjoint of the one-neuron layer for dL/dt_k = `gradSpikeTimes`. */
function neuron(weight: number, gradSpikeTimes: number[]) {
  const input = eventsFromTimes('test', [0], 1, 1);
  const weights = Float64Array.of(weight);
  const record = lifLayerForward(input, weights, 1, 1, constants);
  const into = { weights: new Float64Array(1), inputTimes: new Float64Array(1) };
  lifLayerAdjoint(input, weights, 1, record, Float64Array.from(gradSpikeTimes), constants, into);
  return { spikes: Array.from(record.spikes.timesUs), currents: Array.from(record.currentAtSpike), gradWeight: into.weights[0]!, gradInputTime: into.inputTimes[0]! };
}

describe('EventProp jump conditions on one LIF neuron (hand-checked)', () => {
  it('one spike: λ_u⁻ = −1/u̇⁻ gives dt₁/dw = −θ/(w · u̇⁻) and dt₁/ds = 1', () => {
    // w = 3: I₁/e ≈ 0.59 < θ after the reset, so exactly one spike.
    const w = 3;
    const t1 = risingRoot(w);
    const { spikes, currents, gradWeight, gradInputTime } = neuron(w, [1]);
    expect(spikes).toHaveLength(1);
    expect(spikes[0]).toBeCloseTo(t1, 12);
    expect(currents[0]).toBeCloseTo(w * Math.exp(-t1 / TAU_US), 12);
    const slopeBefore = w * fPrime(t1);
    expect(gradWeight).toBeCloseTo(-THRESHOLD / (w * slopeBefore), 10);
    // Moving the input moves the spike by the same amount.
    expect(gradInputTime).toBeCloseTo(1, 10);
  });

  it('two spikes: the jump λ_u⁻ = (u̇⁺/u̇⁻) λ_u⁺ carries dt₂ back through the reset at t₁', () => {
    // w = 4: I₁/e > θ, so the neuron fires again after the reset, and not a third time within 40 µs.
    const w = 4;
    const t1 = risingRoot(w);
    const current1 = w * Math.exp(-t1 / TAU_US);
    const delay = risingRoot(current1);
    const { spikes, gradWeight, gradInputTime } = neuron(w, [0, 1]);
    expect(spikes).toHaveLength(2);
    expect(spikes[0]).toBeCloseTo(t1, 12);
    expect(spikes[1]).toBeCloseTo(t1 + delay, 11);
    // Implicit differentiation: w f(t₁) = θ and I₁ f(Δ) = θ with I₁ = w e^{−t₁/τ}.
    const dt1 = -f(t1) / (w * fPrime(t1));
    const dCurrent1 = Math.exp(-t1 / TAU_US) * (1 - (w / TAU_US) * dt1);
    const dDelay = (-f(delay) / (current1 * fPrime(delay))) * dCurrent1;
    expect(gradWeight).toBeCloseTo(dt1 + dDelay, 9);
    expect(gradInputTime).toBeCloseTo(1, 9);
    // The jump factor matters: without it (λ_u⁻ = λ_u⁺) the gradient would differ by more than 10 %.
    const slopeBefore = (current1 - THRESHOLD) / TAU_US;
    const slopeAfter = current1 / TAU_US;
    expect(Math.abs(slopeAfter / slopeBefore - 1)).toBeGreaterThan(0.1);
  });

  it('a spike time with no loss on it passes no gradient, and no spike means no gradient', () => {
    const t1 = risingRoot(4);
    expect(neuron(4, [1, 0]).gradWeight).toBeCloseTo(-f(t1) / (4 * fPrime(t1)), 9);
    const silent = neuron(2, []);
    expect(silent.spikes).toHaveLength(0);
    expect(silent.gradWeight).toBe(0);
  });
});
