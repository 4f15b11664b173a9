import { liIntegration, lifIntegration, linear, Parameter, Rng, sum, surrogate, Tensor } from '@bss2/autograd';
import { describe, expect, it } from 'vitest';
import { Experiment, InputNeuron, LI, LIF, run, SnnError, Synapse, type SnnBackend } from './index.js';

function spikesOf(steps: number, batch: number, inputs: number, seed: number, rate = 0.2): Tensor {
  const rng = new Rng(seed);
  return new Tensor(Float32Array.from({ length: steps * batch * inputs }, () => (rng.uniform() < rate ? 1 : 0)), [steps, batch, inputs]);
}

describe('Experiment, modules and run in mock mode', () => {
  it('fills hxtorch-style handles with [steps, batch, size] tensors', async () => {
    const experiment = new Experiment();
    const input = new InputNeuron(3, experiment);
    const lif = new LIF(4, experiment);
    const li = new LI(2, experiment);
    const s1 = new Synapse(3, 4, experiment);
    const s2 = new Synapse(4, 2, experiment);
    const hidden = lif.forward(s1.forward(input.forward(spikesOf(10, 2, 3, 1))));
    const synapse = s2.forward(hidden);
    const readout = li.forward(synapse);
    expect(() => hidden.spikes).toThrow(/read before run/);
    await run(experiment, 10);
    expect(hidden.spikes.shape).toEqual([10, 2, 4]);
    expect(hidden.membraneCadc.shape).toEqual([10, 2, 4]);
    expect(synapse.current.shape).toEqual([10, 2, 2]);
    expect(readout.membraneCadc.shape).toEqual([10, 2, 2]);
    expect(() => readout.spikes).toThrow(SnnError);
    expect(experiment.registered.map((m) => m.name)).toEqual(['InputNeuron0', 'LIF1', 'LI2', 'Synapse3', 'Synapse4']);
  });

  it('reproduces the closed-form LI response to one input spike (golden)', async () => {
    // τ_mem = τ_syn = 6 µs, dt 1 µs, one spike of weight w at step 0: v_n = n · g · (1 − g)^(n−1) · w with g = 1/6.
    const experiment = new Experiment();
    const input = new InputNeuron(1, experiment);
    const synapse = new Synapse(1, 1, experiment);
    synapse.weight.data[0] = 0.75;
    const readout = new LI(1, experiment, { tauMemUs: 6, tauSynUs: 6 }).forward(synapse.forward(input.forward(new Tensor(Float32Array.from([1, 0, 0, 0, 0, 0, 0, 0, 0, 0]), [10, 1, 1]))));
    await run(experiment, 10);
    const g = 1 / 6;
    Array.from(readout.membraneCadc.data).forEach((v, n) => expect(v).toBeCloseTo(n * g * (1 - g) ** (n - 1) * 0.75, 6));
  });

  it('is autograd’s fused model exactly: same forward and same gradient', async () => {
    const experiment = new Experiment();
    const input = new InputNeuron(4, experiment);
    const s1 = new Synapse(4, 6, experiment, { initMean: 0.8, initStd: 0.5 });
    const lif = new LIF(6, experiment, { tauMemUs: 6, tauSynUs: 6, surrogate: surrogate('superspike', 150) });
    const s2 = new Synapse(6, 3, experiment);
    const li = new LI(3, experiment, { tauMemUs: 6, tauSynUs: 6 });
    const x = spikesOf(20, 3, 4, 2);
    const w1 = new Parameter(Float32Array.from(s1.weight.data), s1.weight.shape);
    const w2 = new Parameter(Float32Array.from(s2.weight.data), s2.weight.shape);
    const readout = li.forward(s2.forward(lif.forward(s1.forward(input.forward(x)))));
    await run(experiment, 20);
    sum(readout.membraneCadc).backward();
    const hidden = lifIntegration(linear(x, w1), { ...lif.model, dtUs: 1 }, { surrogate: surrogate('superspike', 150) });
    const reference = liIntegration(linear(hidden.spikes, w2), { ...li.model, dtUs: 1 });
    sum(reference).backward();
    expect(Array.from(readout.membraneCadc.data)).toEqual(Array.from(reference.data));
    expect(Array.from(s1.weight.grad!.data)).toEqual(Array.from(w1.grad!.data));
    expect(Array.from(s2.weight.grad!.data)).toEqual(Array.from(w2.grad!.data));
    expect(s1.weight.grad!.data.some((g) => g !== 0)).toBe(true);
  });

  it('sums several synapse inputs into one population, as hxtorch', async () => {
    const experiment = new Experiment();
    const a = new InputNeuron(2, experiment);
    const b = new InputNeuron(3, experiment);
    const sa = new Synapse(2, 2, experiment);
    const sb = new Synapse(3, 2, experiment);
    const li = new LI(2, experiment);
    const ha = sa.forward(a.forward(spikesOf(8, 1, 2, 3, 0.5)));
    const hb = sb.forward(b.forward(spikesOf(8, 1, 3, 4, 0.5)));
    const out = li.forward([ha, hb]);
    await run(experiment, 8);
    const together = liIntegration(new Tensor(ha.current.data.map((v, k) => v + hb.current.data[k]!), [8, 1, 2]), { ...li.model, dtUs: 1 });
    expect(Array.from(out.membraneCadc.data)).toEqual(Array.from(together.data));
  });

  it('rejects bad graphs and bad numbers with SnnError naming them', async () => {
    const experiment = new Experiment();
    const input = new InputNeuron(2, experiment);
    const synapse = new Synapse(2, 2, experiment);
    const lif = new LIF(2, experiment);
    const handle = input.forward(spikesOf(5, 1, 2, 5));
    lif.forward(synapse.forward(handle));
    expect(() => synapse.forward(handle)).toThrow(/called twice before run/);
    await expect(run(experiment, 6)).rejects.toMatchObject({ code: 'shape-mismatch', parameter: 'steps', value: 5 });
    await expect(run(experiment, 5)).rejects.toMatchObject({ code: 'invalid-graph' });
    await expect(run(experiment, 0)).rejects.toMatchObject({ code: 'out-of-range', parameter: 'steps', range: `1..${Number.MAX_SAFE_INTEGER}` });
    // A synapse reading a population of an earlier run.
    lif.forward(synapse.forward(handle));
    await expect(run(experiment, 5)).rejects.toThrow(/reads InputNeuron0, which was not called in this run/);
    expect(() => input.forward(spikesOf(5, 1, 3, 5))).toThrow(/\[5, 1, 3\] must be \[steps, batch, 2\]/);
    expect(() => new LIF(3, experiment, { tauMemUs: -1 })).toThrow(expect.objectContaining({ code: 'out-of-range', parameter: 'tauMemUs', value: -1 }));
    expect(() => new LIF(0, experiment)).toThrow(/size 0 must be an integer/);
    expect(() => new Synapse(2, 2, experiment, { weightScale: 0 })).toThrow(/weightScale 0 must be a finite number > 0/);
    expect(() => new Experiment({ dtUs: Number.NaN })).toThrow(SnnError);
    expect(() => new LI(2, experiment, { placement: [] })).toThrow(/placement has 0 neurons for a population of 2/);
  });

  it('maps a backend’s CADC traces with (trace − offset) · scale, and rejects a wrong-sized observation', async () => {
    const steps = 3;
    const traces = Float32Array.from([100, 110, 120, 130, 140, 150]);
    const backend = (membraneCadc: Float32Array): SnnBackend => ({ name: 'fixed', execute: async () => new Map([[2, { membraneCadc }]]) });
    for (const [offset, expected] of [[80, [0.4, 0.6, 0.8, 1, 1.2, 1.4]], ['first-sample', [0, 0, 0.4, 0.4, 0.8, 0.8]]] as const) {
      const experiment = new Experiment({ backend: backend(traces) });
      const input = new InputNeuron(1, experiment);
      const synapse = new Synapse(1, 2, experiment);
      const li = new LI(2, experiment, { traceScale: 1 / 50, traceOffsetCadc: offset });
      const out = li.forward(synapse.forward(input.forward(spikesOf(steps, 1, 1, 6))));
      await run(experiment, steps);
      Array.from(out.membraneCadc.data).forEach((v, k) => expect(v).toBeCloseTo(expected[k]!, 6));
    }
    const experiment = new Experiment({ backend: backend(new Float32Array(5)) });
    const input = new InputNeuron(1, experiment);
    const synapse = new Synapse(1, 2, experiment);
    new LI(2, experiment).forward(synapse.forward(input.forward(spikesOf(steps, 1, 1, 6))));
    await expect(run(experiment, steps)).rejects.toMatchObject({ code: 'backend', parameter: 'membraneCadc', value: 5 });
  });
});
