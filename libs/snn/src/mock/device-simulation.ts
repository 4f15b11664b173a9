import type { Rng } from '@bss2/autograd';
import type { AdExModelParameters, LiModelParameters, LifModelParameters } from '../modules/neuron-parameters.js';

/** A population as the device simulation sees it: its model and its weighted inputs (model units). */
export type DevicePopulation =
  | { readonly kind: 'input'; readonly id: number; readonly size: number }
  | { readonly kind: 'lif'; readonly id: number; readonly size: number; readonly model: LifModelParameters; readonly inputs: readonly DeviceInput[] }
  | { readonly kind: 'li'; readonly id: number; readonly size: number; readonly model: LiModelParameters; readonly inputs: readonly DeviceInput[] }
  | { readonly kind: 'adex'; readonly id: number; readonly size: number; readonly model: AdExModelParameters; readonly inputs: readonly DeviceInput[] };

export interface DeviceInput {
  /** Presynaptic population id. */
  readonly pre: number;
  /** `[post, pre]` row-major, model units. */
  readonly weight: Float32Array;
}

/** The membrane effects of the simulated device. */
export interface DeviceEffects {
  readonly membraneNoiseStd: number;
  readonly membraneBounds: { readonly min: number; readonly max: number } | null;
  readonly rng: Rng;
}

export interface DeviceTraces {
  /** `[steps, batch, size]`, null for LI. */
  readonly spikes: Float32Array | null;
  /** The membrane after reset, `[steps, batch, size]` — what the CADC samples. */
  readonly membrane: Float32Array;
  /** v'_t before threshold and reset (equal to `membrane` for LI) — the quantity the model's surrogate is defined on. */
  readonly preReset: Float32Array;
}

export interface DeviceRun {
  readonly populations: readonly DevicePopulation[];
  /** Input population id → spikes `[steps, batch, size]`. */
  readonly inputSpikes: ReadonlyMap<number, Float32Array>;
  readonly steps: number;
  readonly batch: number;
  readonly dtUs: number;
  readonly effects: DeviceEffects;
}

/**
 * The mock chip: every population simulated step by step in float32, in call order, with the same equations as the
 * software model (LIF as autograd's `lifIntegration`, LI, AdEx as `adexIntegration`) plus the device's membrane
 * effects. Noise is added to v'_t before the threshold and the result clipped to the bounds, as hxtorch's mock adds
 * `RandomNoise` and saturates the membrane. Its traces enter training as hardware observables (§6.4).
 */
export function simulateDevice(run: DeviceRun): Map<number, DeviceTraces> {
  const out = new Map<number, DeviceTraces>();
  for (const population of run.populations) {
    if (population.kind === 'input') continue;
    const current = synapticCurrent(population.size, population.inputs, run, out);
    out.set(population.id, integratePopulation(population, current, run));
  }
  return out;
}

function presynapticSpikes(pre: number, run: DeviceRun, done: ReadonlyMap<number, DeviceTraces>): Float32Array {
  const spikes = run.inputSpikes.get(pre) ?? done.get(pre)?.spikes;
  if (!spikes) throw new Error(`simulateDevice: presynaptic population ${pre} has no spikes before its use`);
  return spikes;
}

/** x[t, b, post] = Σ_pre spikes[t, b, pre] · W[post, pre], summed over all inputs. */
function synapticCurrent(size: number, inputs: readonly DeviceInput[], run: DeviceRun, done: ReadonlyMap<number, DeviceTraces>): Float32Array {
  const rows = run.steps * run.batch;
  const current = new Float32Array(rows * size);
  for (const { pre, weight } of inputs) {
    const spikes = presynapticSpikes(pre, run, done);
    const preSize = weight.length / size;
    for (let r = 0; r < rows; r++) {
      for (let p = 0; p < preSize; p++) {
        const s = spikes[r * preSize + p]!;
        if (s === 0) continue;
        for (let n = 0; n < size; n++) current[r * size + n]! += s * weight[n * preSize + p]!;
      }
    }
  }
  return current;
}

function integratePopulation(population: Exclude<DevicePopulation, { kind: 'input' }>, current: Float32Array, run: DeviceRun): DeviceTraces {
  const { steps, batch, dtUs, effects } = run;
  const perStep = batch * population.size;
  const model = population.model;
  const spiking = population.kind !== 'li';
  const spikes = spiking ? new Float32Array(steps * perStep) : null;
  const membrane = new Float32Array(steps * perStep);
  const preReset = spiking ? new Float32Array(steps * perStep) : membrane;
  const leak = model.leak;
  // Constants in float32, as a float32 device (and autograd's kernels) hold them.
  const memGain = Math.fround(dtUs / model.tauMemUs);
  const synDecay = Math.fround(1 - dtUs / model.tauSynUs);
  const v = new Float32Array(perStep).fill(leak);
  const i = new Float32Array(perStep);
  const w = new Float32Array(perStep);
  const refractory = new Float32Array(perStep);
  const refractorySteps = population.kind === 'lif' ? Math.fround(population.model.refractoryTimeUs / dtUs) : 0;
  for (let t = 0; t < steps; t++) {
    for (let j = 0; j < perStep; j++) {
      const k = t * perStep + j;
      const vLast = v[j]!;
      const iLast = i[j]!;
      i[j] = iLast * synDecay + current[k]!;
      // Leak and synaptic drive (all kinds); AdEx adds its exponential onset and subtracts the adaptation current.
      let drive = leak - vLast + iLast;
      if (population.kind === 'adex') {
        const m = population.model;
        if (m.expSlope > 0) drive += m.expSlope * Math.exp(Math.min((vLast - m.expThreshold) / m.expSlope, 20));
        drive -= w[j]!;
      }
      let vPre = vLast + memGain * drive;
      // The device's membrane effects: temporal noise, then the dynamic range.
      if (effects.membraneNoiseStd > 0) vPre += effects.membraneNoiseStd * effects.rng.normal();
      if (effects.membraneBounds !== null) vPre = Math.min(effects.membraneBounds.max, Math.max(effects.membraneBounds.min, vPre));
      if (population.kind === 'li') {
        v[j] = vPre;
        membrane[k] = v[j]!;
        continue;
      }
      preReset[k] = vPre;
      const m = population.model;
      const counter = refractory[j]!;
      const inRefractory = counter > 0 ? 1 : 0;
      const z = inRefractory === 0 && vPre > Math.fround(m.threshold) ? 1 : 0;
      // Refractory counter as hxtorch's refractory_update: set on a spike, counted down by one step otherwise.
      if (z !== 0 || counter > 0) refractory[j] = z === 1 ? refractorySteps : counter > 1 ? counter - 1 : 0;
      if (population.kind === 'adex') {
        const a = population.model;
        w[j] = w[j]! + (dtUs / a.tauAdaptationUs) * (a.adaptationStrength * (vPre - a.leak) - w[j]!) + a.adaptationIncrement * z;
      }
      v[j] = z === 1 || inRefractory === 1 ? m.reset : vPre;
      spikes![k] = z;
      membrane[k] = v[j]!;
    }
  }
  return { spikes, membrane, preReset };
}
