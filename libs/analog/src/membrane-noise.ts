import { CYCLE_US } from './lif-closed-form.js';
import type { NeuronParameters } from './neuron-parameters.js';
import { Prng } from './prng.js';

// Temporal membrane noise of the analog fidelity (reference §10.6, twin choice): an Ornstein–Uhlenbeck term
// x(t) per neuron with stationary σ = 1 CADC LSB = 4.5 mV and correlation time τ_mem (10 µs for a neuron
// without leak), added to the membrane potential wherever it is observed: threshold comparison, exponential
// term, readout (CADC, MADC). Exact discretisation per step Δ: x ← x·e^{−Δ/τ} + σ·sqrt(1 − e^{−2Δ/τ})·z.
// z comes from a table of 4,096 standard normal values (normalised to mean 0, variance 1; small enough to stay
// in the L1 cache) indexed by a xorshift32 generator, which keeps the per-step cost at a few integer
// operations; the generator is seeded
// from the chip identity and the noise seed, so a run is reproducible.

/** Stationary σ of the membrane noise, V (§10.6). */
export const NOISE_SIGMA_VOLTS = 0.0045;
/** Correlation time used when the membrane has no leak, µs (analog spec). */
const noLeakTauUs = 10;
const tableBits = 12;
/** Mask of the table index taken from bits 8.. of the generator state. */
export const GAUSS_TABLE_MASK = (1 << tableBits) - 1;

/** The standard normal table (hot loops index it with `(state >>> 8) & GAUSS_TABLE_MASK`). */
export const GAUSS_TABLE = ((): Float64Array => {
  const rng = new Prng(0x5eed);
  const table = Float64Array.from({ length: 1 << tableBits }, () => rng.normal());
  const mean = table.reduce((s, z) => s + z, 0) / table.length;
  const sd = Math.sqrt(table.reduce((s, z) => s + (z - mean) ** 2, 0) / table.length);
  return table.map((z) => (z - mean) / sd);
})();

export class MembraneNoise {
  /** Current noise term per neuron, V. */
  readonly x = new Float64Array(512);
  /** Per-step factor e^{−Δ/τ} and kick σ·sqrt(1 − e^{−2Δ/τ}) per neuron (0 without noise). */
  readonly decay = new Float64Array(512);
  readonly kick = new Float64Array(512);
  /** xorshift32 state; hot loops may run the generator inline and store the state back here. */
  rng: number;

  constructor(
    readonly enabled: boolean,
    identity: string,
    seed: number,
  ) {
    // xorshift32 must not start at 0.
    this.rng = Prng.stream(identity, `membrane-noise:${seed}`).nextUint32() | 1;
  }

  /** Per-step decay and kick for a step of `dtCycles`. */
  prepare(p: NeuronParameters, dtCycles: number): void {
    const dt = dtCycles * CYCLE_US;
    for (let n = 0; n < 512; n++) {
      const tauMem = p.tauMemUs[n] as number;
      const tau = tauMem === Infinity ? noLeakTauUs : tauMem;
      const decay = Math.exp(-dt / tau);
      this.decay[n] = this.enabled ? decay : 0;
      this.kick[n] = this.enabled ? NOISE_SIGMA_VOLTS * Math.sqrt(1 - decay * decay) : 0;
    }
  }

  /** Advances neuron n's noise by one step and returns the new value. */
  advance(n: number): number {
    const r = nextState(this.rng);
    this.rng = r;
    const value = (this.x[n] as number) * (this.decay[n] as number) + (this.kick[n] as number) * (GAUSS_TABLE[(r >>> 8) & GAUSS_TABLE_MASK] as number);
    this.x[n] = value;
    return value;
  }

  value(n: number): number {
    return this.x[n] as number;
  }

  /** A standard normal deviate from the same generator (CADC read noise of MAC results, §6.1). */
  normal(): number {
    const r = nextState(this.rng);
    this.rng = r;
    return GAUSS_TABLE[(r >>> 8) & GAUSS_TABLE_MASK] as number;
  }
}

/** One xorshift32 step (Marsaglia 13/17/5). */
function nextState(r: number): number {
  r ^= r << 13;
  r ^= r >>> 17;
  return r ^ (r << 5);
}
