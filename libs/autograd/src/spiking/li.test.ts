import { describe, expect, it } from 'vitest';
import { checkGradients, randomValues } from '../../test-support/gradient-check.js';
import { unfusedLi } from '../../test-support/unfused-neurons.js';
import { mul } from '../ops/binary.js';
import { sum } from '../ops/reduce.js';
import { Rng } from '../random.js';
import { Tensor } from '../tensor.js';
import { liIntegration, type LiParameters } from './li.js';

const SHAPE = [12, 2, 3];
const params: LiParameters = { leak: 0.2, tauMemUs: 6, tauSynUs: 4, dtUs: 1 };

function referenceLi(x: Float64Array, p: { leak: number; tauMemUs: number; tauSynUs: number }): Float64Array {
  const perStep = 6;
  const v = new Float64Array(perStep).fill(p.leak);
  const i = new Float64Array(perStep);
  const out = new Float64Array(x.length);
  for (let t = 0; t < 12; t++) {
    for (let j = 0; j < perStep; j++) {
      const dv = (p.leak - v[j]! + i[j]!) / p.tauMemUs;
      i[j] = i[j]! * (1 - 1 / p.tauSynUs) + x[t * perStep + j]!;
      v[j] = v[j]! + dv;
      out[t * perStep + j] = v[j]!;
    }
  }
  return out;
}

describe('liIntegration (the readout)', () => {
  const rng = new Rng(31);

  it('forward against the float64 recurrence, backward against its finite differences', () => {
    checkGradients({
      inputs: [{ shape: SHAPE, values: randomValues(rng, SHAPE, -1, 2) }],
      op: ([x]) => liIntegration(x!, params),
      reference: ([x]) => referenceLi(x!, { leak: 0.2, tauMemUs: 6, tauSynUs: 4 }),
    });
  });

  it('with an observed membrane: the output is the observation, the gradient the model\'s (as the unfused unterjubel chain)', () => {
    const values = Float32Array.from(randomValues(rng, SHAPE, -1, 2));
    const observed = new Tensor(Float32Array.from(randomValues(rng, SHAPE)), SHAPE);
    const weights = new Tensor(Float32Array.from(randomValues(rng, SHAPE)), SHAPE);
    const fusedInput = new Tensor(Float32Array.from(values), SHAPE, true);
    const fused = liIntegration(fusedInput, params, { observed: { membrane: observed } });
    sum(mul(fused, weights)).backward();
    const unfusedInput = new Tensor(Float32Array.from(values), SHAPE, true);
    sum(mul(unfusedLi(unfusedInput, params, observed), weights)).backward();
    expect(fused.toArray()).toEqual(observed.toArray());
    fusedInput.grad!.data.forEach((g, k) => expect(Math.abs(g - unfusedInput.grad!.data[k]!)).toBeLessThan(1e-5));
  });

  it('golden: one input spike of weight 1 into a neuron at leak 0 (τ_mem = τ_syn = 2 µs, dt 1 µs)', () => {
    const x = new Tensor(Float32Array.of(1, 0, 0, 0, 0, 0), [6, 1]);
    // i = 1, 0.5, 0.25, …; v_t = v_{t−1} + (i_{t−1} − v_{t−1}) / 2: one dt of delay, then a rise and decay.
    expect(liIntegration(x, { leak: 0, tauMemUs: 2, tauSynUs: 2, dtUs: 1 }).toArray()).toEqual([0, 0.5, 0.5, 0.375, 0.25, 0.15625]);
  });

  it('rejects a wrong observation shape', () => {
    expect(() => liIntegration(new Tensor(new Float32Array(6), [6, 1]), params, { observed: { membrane: new Tensor(new Float32Array(5), [5, 1]) } })).toThrow(
      'liIntegration: observed membrane [5,1] must match input [6,1]',
    );
  });
});
