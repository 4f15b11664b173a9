import { Rng, sum, surrogate, Tensor, Parameter, linear, lifIntegration } from '@bss2/autograd';
import { describe, expect, it } from 'vitest';
import { AdEx, Experiment, InputNeuron, run, Synapse } from '../index.js';

function inputs(steps: number, batch: number, seed: number): Tensor {
  const rng = new Rng(seed);
  return new Tensor(Float32Array.from({ length: steps * batch * 3 }, () => (rng.uniform() < 0.25 ? 1 : 0)), [steps, batch, 3]);
}

describe('AdEx (hxtorch AELIF)', () => {
  it('without exponential term and adaptation is the LIF model: forward and gradient', async () => {
    const experiment = new Experiment();
    const input = new InputNeuron(3, experiment);
    const synapse = new Synapse(3, 5, experiment, { initMean: 0.8, initStd: 0.6 });
    const adex = new AdEx(5, experiment, { expSlope: 0, adaptationStrength: 0, adaptationIncrement: 0, tauMemUs: 5, tauSynUs: 4, reset: -0.1, leak: 0.05 });
    const x = inputs(20, 2, 1);
    const w = new Parameter(Float32Array.from(synapse.weight.data), synapse.weight.shape);
    const out = adex.forward(synapse.forward(input.forward(x)));
    await run(experiment, 20);
    sum(out.spikes).backward();
    const lif = lifIntegration(linear(x, w), { leak: 0.05, reset: -0.1, threshold: 1, tauMemUs: 5, tauSynUs: 4, refractoryTimeUs: 0, dtUs: 1 }, { surrogate: surrogate('superspike', 50) });
    sum(lif.spikes).backward();
    expect(Array.from(out.spikes.data)).toEqual(Array.from(lif.spikes.data));
    expect(out.spikes.data.some((z) => z === 1)).toBe(true);
    out.membraneCadc.data.forEach((v, k) => expect(v).toBeCloseTo(lif.membrane.data[k]!, 5));
    synapse.weight.grad!.data.forEach((g, k) => expect(g).toBeCloseTo(w.grad!.data[k]!, 4));
  });

  it('adapts: spike-triggered adaptation lowers the firing under constant drive', async () => {
    const count = async (increment: number): Promise<number> => {
      const experiment = new Experiment();
      const input = new InputNeuron(1, experiment);
      const synapse = new Synapse(1, 1, experiment);
      synapse.weight.data[0] = 0.4;
      const out = new AdEx(1, experiment, { adaptationIncrement: increment, tauAdaptationUs: 200 }).forward(synapse.forward(input.forward(new Tensor(new Float32Array(100).fill(1), [100, 1, 1]))));
      await run(experiment, 100);
      return out.spikes.data.reduce((a, b) => a + b, 0);
    };
    const plain = await count(0);
    expect(plain).toBeGreaterThan(3);
    expect(await count(0.5)).toBeLessThan(plain);
  });
});
