import { Rng } from '@bss2/autograd';
import { simulateDevice, type DevicePopulation } from '../../mock/device-simulation.js';
import type { ExecutionRequest } from '../backend.js';
import { CADC_LSB_VOLTS } from '../twin-codes.js';

// Test support (not part of the public API): the mock side of the twin-vs-mock comparisons. The mock's Euler step
// becomes the exact solution of the chip's linear ODEs sampled every dt when its time constants are
// dt / (1 − e^(−dt/τ)) and its weights are multiplied by c / (1 − e^(−dt/τ_mem)), c = τ_syn / (τ_syn − τ_mem) ·
// (e^(−dt/τ_syn) − e^(−dt/τ_mem)) being the exact step response of the membrane to a unit synaptic current
// (dt/τ · e^(−dt/τ) when both are equal); plain Euler at dt = 0.2 µs would be ~2 % too strong. AdEx's adaptation
// time constant gets the same treatment; its exponential term is nonlinear, so there the mock stays an Euler
// approximation of the chip's continuous dynamics.

/**
 * The comparisons' common settings: dt 0.2 µs, hardware weight scale 64, leak at CADC 80 and threshold 45 LSB
 * above it (one model unit), a trace tolerance of 0.15 model units, and `grazing`: a neuron whose mock membrane comes
 * within it of threshold may disagree on its spikes.
 */
export const COMPARISON = { dtUs: 0.2, weightScale: 64, leakCadc: 80, lsbPerUnit: 45, traceTolerance: 0.15, grazing: 0.06 } as const;

/** The voltage rails in model units: (CADC(V) − 80) / 45 with CADC(V) = 20 + (V − 0.15 V) / 4.5 mV (§10.7). */
const railUnits = (volts: number): number => (20 + (volts - 0.15) / CADC_LSB_VOLTS - COMPARISON.leakCadc) / COMPARISON.lsbPerUnit;
export const MEMBRANE_BOUNDS = { min: railUnits(0), max: railUnits(1.2) } as const;
/** What the CADC can show (0..255 LSB), in model units. */
export const CADC_RANGE_UNITS = { min: -COMPARISON.leakCadc / COMPARISON.lsbPerUnit, max: (255 - COMPARISON.leakCadc) / COMPARISON.lsbPerUnit } as const;

export function mockNeuron(tauMemUs: number, tauSynUs: number, dtUs: number): { tauMemUs: number; tauSynUs: number; weightGain: number } {
  const a = Math.exp(-dtUs / tauMemUs);
  const decay = Math.exp(-dtUs / tauSynUs);
  const c = tauMemUs === tauSynUs ? (dtUs / tauMemUs) * a : (tauSynUs / (tauSynUs - tauMemUs)) * (decay - a);
  return { tauMemUs: dtUs / (1 - a), tauSynUs: dtUs / (1 - decay), weightGain: c / (1 - a) };
}

/** The request simulated by the mock device with the chip's 6-bit weights and its rails as membrane bounds (model units). */
export function mockOf(request: ExecutionRequest, membraneBounds: { readonly min: number; readonly max: number }) {
  const populations = request.network.populations.map((p): DevicePopulation => {
    if (p.kind === 'input') return { kind: 'input', id: p.id, size: p.size };
    const { weightGain, ...taus } = mockNeuron(p.model.tauMemUs, p.model.tauSynUs, request.dtUs);
    const adaptation = p.kind === 'adex' ? { tauAdaptationUs: request.dtUs / (1 - Math.exp(-request.dtUs / p.model.tauAdaptationUs)) } : {};
    const inputs = request.network.projections
      .filter((projection) => projection.post === p.id)
      .map((projection) => ({ pre: projection.pre, weight: Float32Array.from(projection.weightsHardware, (w) => (w / projection.weightScale) * weightGain) }));
    return { ...p, model: { ...p.model, ...taus, ...adaptation }, inputs } as DevicePopulation;
  });
  return simulateDevice({
    populations, inputSpikes: new Map([...request.inputSpikes].map(([id, s]) => [id, s.data])), steps: request.steps, batch: request.batch, dtUs: request.dtUs,
    effects: { membraneNoiseStd: 0, membraneBounds, rng: new Rng(0) },
  });
}

/** The steps at which neuron n of sample b spikes, from `[steps, batch, size]` spikes. */
export function spikeSteps(spikes: Float32Array, steps: number, batch: number, size: number, b: number, n: number): number[] {
  return Array.from({ length: steps }, (_, t) => t).filter((t) => spikes[(t * batch + b) * size + n] !== 0);
}

/** Where a comparison's samples lie: `[steps, batch, size]`, and how many steps a spike time may differ by. */
export interface ComparisonGrid {
  readonly steps: number;
  readonly batch: number;
  readonly toleranceSteps: number;
}

/** A twin population's CADC trace in model units (COMPARISON's leak and LSB per unit). */
export function twinTraceUnits(membraneCadc: Float32Array): Float32Array {
  return Float32Array.from(membraneCadc, (v) => (v - COMPARISON.leakCadc) / COMPARISON.lsbPerUnit);
}

/**
 * How far the twin's sample at step s lies outside the range of the mock's samples at steps s ± toleranceSteps
 * (clipped to what the CADC shows): spike times may differ by that many steps, so the membrane may too, by its slope.
 */
export function shiftedError(grid: ComparisonGrid, twin: Float32Array, mock: Float32Array, size: number, b: number, n: number, s: number): number {
  const { steps, batch, toleranceSteps } = grid;
  let lo = Infinity;
  let hi = -Infinity;
  for (let d = -toleranceSteps; d <= toleranceSteps; d++) {
    if (s + d < 0 || s + d >= steps) continue;
    const v = Math.min(CADC_RANGE_UNITS.max, Math.max(CADC_RANGE_UNITS.min, mock[((s + d) * batch + b) * size + n]!));
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const v = twin[(s * batch + b) * size + n]!;
  return v < lo ? lo - v : v > hi ? v - hi : 0;
}
