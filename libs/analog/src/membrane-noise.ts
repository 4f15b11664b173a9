import { CYCLE_US } from './lif-closed-form.js';
import type { NeuronParameters } from './neuron-parameters.js';
import { Prng } from './prng.js';

// Temporal membrane noise of the analog fidelity (reference §10.6, twin choice): an Ornstein–Uhlenbeck term
// x(t) per neuron with stationary σ = 1 CADC LSB = 4.5 mV and correlation time τ_mem (10 µs for a neuron
// without leak), added to the membrane potential wherever it is observed: threshold comparison, exponential
// term, readout (CADC, MADC). Exact discretisation per step Δ: x ← x·e^{−Δ/τ} + σ·sqrt(1 − e^{−2Δ/τ})·z.
// z is an Irwin–Hall deviate: the sum of the four bytes of a xorshift32 output, centred and scaled to variance
// 1 (range ±3.45 σ, excess kurtosis −0.3): a handful of integer operations, and the same in the WebAssembly
// kernel (assembly/neuron-step.ts) as here. Every neuron has its own generator, so the draws do not depend on
// which code path steps a neuron; the generators are seeded from the chip identity and the noise seed, so a run
// is reproducible.

/** Stationary σ of the membrane noise, V (§10.6). */
export const NOISE_SIGMA_VOLTS = 0.0045;
/** Correlation time used when the membrane has no leak, µs (analog spec). */
const noLeakTauUs = 10;
/** Mean and standard deviation of the sum of four uniform bytes: 4·127.5 and sqrt(4·(256² − 1)/12). */
const byteSumMean = 510;
const byteSumSigma = 147.80166;

/** Per-neuron noise arrays: views of the analog engine's kernel memory (neuron-kernel.ts). */
export interface NoiseStorage {
  readonly x: Float32Array;
  readonly decay: Float32Array;
  readonly kick: Float32Array;
  readonly rng: Uint32Array;
}

export class MembraneNoise {
  /** Current noise term per neuron, V. */
  readonly x: Float32Array;
  /** Per-step factor e^{−Δ/τ} and kick σ·sqrt(1 − e^{−2Δ/τ}) per neuron (0 without noise). */
  readonly decay: Float32Array;
  readonly kick: Float32Array;
  /** xorshift32 state per neuron. */
  readonly rng: Uint32Array;
  /** xorshift32 state of the MAC read noise (`normal()`). */
  private readState: number;
  /** Correlation time per neuron, µs (for `leap`). */
  private readonly tauUs = new Float64Array(512);

  constructor(
    readonly enabled: boolean,
    identity: string,
    seed: number,
    storage: NoiseStorage,
  ) {
    ({ x: this.x, decay: this.decay, kick: this.kick, rng: this.rng } = storage);
    const seeds = Prng.stream(identity, `membrane-noise:${seed}`);
    // xorshift32 must not start at 0.
    for (let n = 0; n < 512; n++) this.rng[n] = seeds.nextUint32() | 1;
    this.readState = seeds.nextUint32() | 1;
  }

  /** Per-step decay and kick for a step of `dtCycles`. */
  prepare(p: NeuronParameters, dtCycles: number): void {
    const dt = dtCycles * CYCLE_US;
    for (let n = 0; n < 512; n++) {
      const tauMem = p.tauMemUs[n] as number;
      const tau = tauMem === Infinity ? noLeakTauUs : tauMem;
      this.tauUs[n] = tau;
      const decay = Math.exp(-dt / tau);
      this.decay[n] = this.enabled ? decay : 0;
      this.kick[n] = this.enabled ? NOISE_SIGMA_VOLTS * Math.sqrt(1 - decay * decay) : 0;
    }
  }

  /** Advances neuron n's noise by one step and returns the new value. */
  advance(n: number): number {
    const r = nextState(this.rng[n] as number);
    this.rng[n] = r;
    const value = (this.x[n] as number) * (this.decay[n] as number) + (this.kick[n] as number) * irwinHall(r);
    this.x[n] = value;
    return value;
  }

  /** Advances neuron n's noise over `dtUs` in one exact OU transition (the engine's idle leap), one draw. */
  leap(n: number, dtUs: number): void {
    if (!this.enabled) return;
    const r = nextState(this.rng[n] as number);
    this.rng[n] = r;
    const decay = Math.exp(-dtUs / (this.tauUs[n] as number));
    this.x[n] = (this.x[n] as number) * decay + NOISE_SIGMA_VOLTS * Math.sqrt(1 - decay * decay) * irwinHall(r);
  }

  value(n: number): number {
    return this.x[n] as number;
  }

  /** A standard normal deviate from the read-noise generator (CADC read noise of MAC results, §6.1). */
  normal(): number {
    this.readState = nextState(this.readState);
    return irwinHall(this.readState);
  }
}

/** One xorshift32 step (Marsaglia 13/17/5). */
function nextState(r: number): number {
  r ^= r << 13;
  r ^= r >>> 17;
  return r ^ (r << 5);
}

/** The centred, unit-variance sum of the four bytes of `r`. */
function irwinHall(r: number): number {
  return ((r & 255) + ((r >>> 8) & 255) + ((r >>> 16) & 255) + ((r >>> 24) & 255) - byteSumMean) / byteSumSigma;
}
