import { describe, expect, it } from 'vitest';
import { checkGradients } from '../../test-support/gradient-check.js';
import { unfusedLif } from '../../test-support/unfused-neurons.js';
import { AutogradError } from '../errors.js';
import { Rng } from '../random.js';
import { add, mul } from '../ops/binary.js';
import { sum } from '../ops/reduce.js';
import { Tensor } from '../tensor.js';
import { lifIntegration, type LifParameters } from './lif.js';
import { surrogate, type Surrogate } from './surrogate.js';

const STEPS = 14;
const BATCH = 3;
const NEURONS = 4;
const SHAPE = [STEPS, BATCH, NEURONS];

/** Sparse positive and negative synaptic input strong enough that most neurons fire a few times. */
function synapticInput(seed: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: STEPS * BATCH * NEURONS }, () => (rng.uniform() < 0.35 ? rng.uniformIn(-0.5, 2.5) : 0));
}

const hxtorchLike: LifParameters = { leak: 0, reset: 0, threshold: 1, tauMemUs: 6, tauSynUs: 6, refractoryTimeUs: 0, dtUs: 1 };

/** Gradient of L = Σ wz·z + Σ wv·v with respect to the input, for fused or unfused integration. */
function inputGradient(
  integrate: (x: Tensor) => { spikes: Tensor; membrane: Tensor },
  values: Float32Array,
  seed: number,
): { grad: Float32Array; spikes: Tensor; membrane: Tensor } {
  const x = new Tensor(Float32Array.from(values), SHAPE, true);
  const { spikes, membrane } = integrate(x);
  const rng = new Rng(seed);
  const weightsZ = new Tensor(Float32Array.from({ length: spikes.size }, () => rng.uniformIn(-1, 1)), SHAPE);
  const weightsV = new Tensor(Float32Array.from({ length: spikes.size }, () => rng.uniformIn(-1, 1)), SHAPE);
  sum(add(mul(spikes, weightsZ), mul(membrane, weightsV))).backward();
  return { grad: x.grad!.data, spikes, membrane };
}


/** Fused and unfused agree: identical spikes, membranes and input gradients to float32 rounding. */
function expectSameAsUnfused(params: LifParameters, s: Surrogate, observed: { spikes?: Tensor; membrane?: Tensor } = {}, seed = 1): number {
  const values = synapticInput(seed);
  const fused = inputGradient((x) => lifIntegration(x, params, { surrogate: s, observed }), values, seed + 100);
  const unfused = inputGradient((x) => unfusedLif(x, params, s, observed), values, seed + 100);
  expect(fused.spikes.toArray()).toEqual(unfused.spikes.toArray());
  fused.membrane.data.forEach((v, k) => expect(Math.abs(v - unfused.membrane.data[k]!)).toBeLessThan(1e-5));
  let largest = 0;
  fused.grad.forEach((g, k) => {
    const reference = unfused.grad[k]!;
    largest = Math.max(largest, Math.abs(reference));
    expect(Math.abs(g - reference), `element ${k}: fused ${g}, unfused ${reference}`).toBeLessThanOrEqual(1e-5 + 1e-4 * Math.abs(reference));
  });
  expect(largest).toBeGreaterThan(0.01);
  return fused.spikes.data.reduce((total, z) => total + z, 0);
}

describe('lifIntegration: surrogate-gradient backward against the unfused model built from primitive ops', () => {
  it('hxtorch defaults: SuperSpike alpha 50, no refractory period', () => {
    const spikeCount = expectSameAsUnfused(hxtorchLike, surrogate('superspike', 50));
    expect(spikeCount).toBeGreaterThan(5);
    expect(spikeCount).toBeLessThan(STEPS * BATCH * NEURONS / 2);
  });

  it('with a refractory period of 2 steps and the ATan surrogate', () => {
    expectSameAsUnfused({ ...hxtorchLike, refractoryTimeUs: 2 }, surrogate('atan', 2), {}, 2);
  });

  it('with a fractional refractory period (1.5 dt, held for 2 steps as hxtorch) and per-neuron parameters', () => {
    expectSameAsUnfused(
      { ...hxtorchLike, refractoryTimeUs: 1.5, threshold: Float32Array.of(0.8, 1, 1.2, 0.9), leak: Float32Array.of(0, 0.1, -0.1, 0), tauMemUs: Float32Array.of(5, 6, 8, 10) },
      surrogate('fast-sigmoid', 10),
      {},
      3,
    );
  });

  describe('hardware in the loop: observables injected, gradient of the software model on them', () => {
    const observedRun = lifIntegration(new Tensor(synapticInput(9), SHAPE), { ...hxtorchLike, threshold: 0.9, tauMemUs: 5 });
    const rng = new Rng(4);
    const noisyMembrane = new Tensor(observedRun.membrane.data.map((v) => v + rng.uniformIn(-0.05, 0.05)), SHAPE);

    it('observed spikes only', () => {
      expectSameAsUnfused(hxtorchLike, surrogate('superspike', 50), { spikes: observedRun.spikes }, 5);
    });

    it('observed membrane only', () => {
      expectSameAsUnfused(hxtorchLike, surrogate('superspike', 50), { membrane: noisyMembrane }, 6);
    });

    it('both observed, with a refractory period: the outputs are exactly the observables', () => {
      const observed = { spikes: observedRun.spikes, membrane: noisyMembrane };
      expectSameAsUnfused({ ...hxtorchLike, refractoryTimeUs: 1 }, surrogate('superspike', 150), observed, 7);
      const out = lifIntegration(new Tensor(synapticInput(7), SHAPE), hxtorchLike, { observed });
      expect(out.spikes.toArray()).toEqual(observedRun.spikes.toArray());
      expect(out.membrane.toArray()).toEqual(noisyMembrane.toArray());
    });
  });
});

/** float64 LIF reference (hxtorch's equations, refractory included) returning the membrane trace. */
function referenceMembrane(x: Float64Array, p: { threshold: number; tauMemUs: number; tauSynUs: number; refractorySteps: number; reset: number; leak: number }): Float64Array {
  const perStep = BATCH * NEURONS;
  const v = new Float64Array(perStep).fill(p.leak);
  const i = new Float64Array(perStep);
  const counter = new Float64Array(perStep);
  const out = new Float64Array(x.length);
  for (let t = 0; t < STEPS; t++) {
    for (let j = 0; j < perStep; j++) {
      const dv = (1 / p.tauMemUs) * (p.leak - v[j]! + i[j]!);
      i[j] = i[j]! * (1 - 1 / p.tauSynUs) + x[t * perStep + j]!;
      const vPre = v[j]! + dv;
      const fired = vPre > p.threshold ? 1 : 0;
      const masked = counter[j]! > 0 ? 1 : 0;
      v[j] = masked === 1 || fired === 1 ? p.reset : vPre;
      const z = (1 - masked) * fired;
      counter[j] = (1 - z) * Math.max(counter[j]! - masked, 0) + z * p.refractorySteps;
      out[t * perStep + j] = v[j]!;
    }
  }
  return out;
}

describe('lifIntegration: finite differences of the membrane (where the spike pattern is fixed)', () => {
  it('matches the float64 reference and its central differences, with spikes, resets and refractoriness', () => {
    const p = { leak: 0.1, reset: -0.2, threshold: 1, tauMemUs: 6, tauSynUs: 4, refractorySteps: 2 };
    const values = Float64Array.from(synapticInput(12));
    checkGradients({
      inputs: [{ shape: SHAPE, values }],
      op: ([x]) => lifIntegration(x!, { leak: p.leak, reset: p.reset, threshold: p.threshold, tauMemUs: p.tauMemUs, tauSynUs: p.tauSynUs, refractoryTimeUs: 2, dtUs: 1 }).membrane,
      reference: ([x]) => referenceMembrane(x!, p),
    });
    const spikes = lifIntegration(new Tensor(Float32Array.from(values), SHAPE), { ...hxtorchLike, leak: 0.1, reset: -0.2, tauSynUs: 4, refractoryTimeUs: 2 }).spikes;
    expect(spikes.data.reduce((a, b) => a + b, 0)).toBeGreaterThan(5);
  });
});

describe('lifIntegration: golden and errors', () => {
  it('one neuron, constant drive, refractory 1 µs: membrane and spikes of 10 steps (hand-computed)', () => {
    const x = new Tensor(new Float32Array(10).fill(0.3), [10, 1]);
    const { spikes, membrane } = lifIntegration(x, { ...hxtorchLike, tauMemUs: 2, tauSynUs: 1e9, refractoryTimeUs: 1 });
    // i_t = 0.3 (t+1) (no synaptic decay); v'_t = v_{t−1} + (i_{t−1} − v_{t−1}) / 2. It crosses 1 at t = 5
    // (1.209), is held at reset through t = 6 (v' = 0.9, refractory), fires again at t = 7 (1.05) and t = 9.
    expect(membrane.toArray().map((v) => Math.round(v * 1e5) / 1e5)).toEqual([0, 0.15, 0.375, 0.6375, 0.91875, 0, 0, 0, 0, 0]);
    expect(spikes.toArray()).toEqual([0, 0, 0, 0, 0, 1, 0, 1, 0, 1]);
  });

  it('rejects mismatched observables and per-neuron parameters, naming the shapes', () => {
    const x = new Tensor(new Float32Array(24), [2, 3, 4]);
    expect(() => lifIntegration(x, hxtorchLike, { observed: { membrane: new Tensor(new Float32Array(12), [1, 3, 4]) } })).toThrow(
      'lifIntegration: observed membrane [1,3,4] must match input [2,3,4]',
    );
    expect(() => lifIntegration(x, { ...hxtorchLike, threshold: new Float32Array(3) })).toThrow('lifIntegration: threshold has 3 values for 4 neurons');
    expect(() => lifIntegration(x, { ...hxtorchLike, tauMemUs: 0 })).toThrow(AutogradError);
    expect(() => lifIntegration(x, { ...hxtorchLike, refractoryTimeUs: -1 })).toThrow('lifIntegration: refractoryTimeUs -1 is out of range');
    expect(() => lifIntegration(new Tensor(new Float32Array(4), [4]), hxtorchLike)).toThrow(/must be time-major/);
    expect(() => lifIntegration(x, hxtorchLike, { surrogate: { name: 'superspike', alpha: -1 } })).toThrow(/alpha -1/);
  });
});
