import { Adam, crossEntropy, liIntegration, lifIntegration, linear, max, mul, Parameter, Rng, sum, surrogate, Tensor } from '@bss2/autograd';
import { describe, expect, it } from 'vitest';
import { FakeHardwareBackend } from '../test-support/fake-hardware.js';
import { Experiment, InputNeuron, LI, LIF, run, Synapse, type SnnBackend } from './index.js';

const STEPS = 30;
const BATCH = 6;
const LIF_MODEL = { leak: 0, reset: 0, threshold: 1, tauMemUs: 6, tauSynUs: 6, refractoryTimeUs: 1 };
const LI_MODEL = { leak: 0, tauMemUs: 6, tauSynUs: 6 };
const TRACE = { traceScale: 1 / 50, traceOffsetCadc: 80 };
const SURROGATE = surrogate('superspike', 50);

function inputSpikes(seed: number): Tensor {
  const rng = new Rng(seed);
  return new Tensor(Float32Array.from({ length: STEPS * BATCH * 4 }, () => (rng.uniform() < 0.15 ? 1 : 0)), [STEPS, BATCH, 4]);
}

function network(backend: 'mock' | SnnBackend) {
  const experiment = new Experiment({ backend, seed: 7 });
  const input = new InputNeuron(4, experiment);
  const hiddenSynapse = new Synapse(4, 8, experiment, { weightScale: 32, initMean: 0.6, initStd: 0.6 });
  const hidden = new LIF(8, experiment, { ...LIF_MODEL, ...TRACE, surrogate: SURROGATE });
  const readoutSynapse = new Synapse(8, 3, experiment, { weightScale: 32, initMean: 0, initStd: 0.5 });
  const readout = new LI(3, experiment, { ...LI_MODEL, ...TRACE });
  const forward = async (spikes: Tensor) => {
    const h = hidden.forward(hiddenSynapse.forward(input.forward(spikes)));
    const r = readout.forward(readoutSynapse.forward(h));
    await run(experiment, STEPS);
    return { hidden: h, readout: r };
  };
  return { experiment, hiddenSynapse, readoutSynapse, forward };
}

const lossWeights = new Tensor(Float32Array.from({ length: BATCH * 3 }, (_, k) => Math.sin(k + 1)), [BATCH, 3]);
const lossOf = (readout: Tensor): Tensor => sum(mul(max(readout, 0), lossWeights));
const toModel = (cadc: Float32Array): Float32Array => cadc.map((value) => (value - 80) / 50);

describe('hardware-in-the-loop gradient (§6.4) with a fake hardware backend', () => {
  it('returns the backend observables as the forward values', async () => {
    const backend = new FakeHardwareBackend();
    const net = network(backend);
    const { hidden, readout } = await net.forward(inputSpikes(1));
    const observed = backend.lastObservations!;
    const request = backend.requests[0]!;
    const hiddenId = request.network.populations[1]!.id;
    const readoutId = request.network.populations[2]!.id;
    expect(Array.from(hidden.spikes.data)).toEqual(Array.from(observed.get(hiddenId)!.spikes!));
    expect(hidden.spikes.data.reduce((a, b) => a + b, 0)).toBeGreaterThan(5);
    expect(Array.from(readout.membraneCadc.data)).toEqual(Array.from(toModel(observed.get(readoutId)!.membraneCadc!)));
    // The perturbation is visible: the software model alone gives another forward.
    const mock = network('mock');
    const software = await mock.forward(inputSpikes(1));
    expect(software.readout.membraneCadc.data).not.toEqual(readout.membraneCadc.data);
  });

  it('describes populations and projections in hardware units and flags unchanged weights', async () => {
    const backend = new FakeHardwareBackend();
    const net = network(backend);
    await net.forward(inputSpikes(1));
    await net.forward(inputSpikes(2));
    const [first, second] = backend.requests;
    expect(first!.network.populations.map((p) => p.kind)).toEqual(['input', 'lif', 'li']);
    const projection = first!.network.projections[0]!;
    expect(projection).toMatchObject({ pre: 0, post: 2, weightScale: 32, changedSinceLastRun: true });
    expect(Array.from(projection.weightsHardware)).toEqual(Array.from(net.hiddenSynapse.weight.data, (w) => Math.sign(w) * Math.round(Math.min(63, Math.abs(32 * w)))));
    expect(second!.network.projections.map((p) => p.changedSinceLastRun)).toEqual([false, false]);
    expect([first!.steps, first!.batch, first!.dtUs]).toEqual([STEPS, BATCH, 1]);
  });

  it('gives the software model’s surrogate gradient evaluated on the observables', async () => {
    const backend = new FakeHardwareBackend();
    const net = network(backend);
    const spikes = inputSpikes(3);
    const w1 = new Parameter(Float32Array.from(net.hiddenSynapse.weight.data), net.hiddenSynapse.weight.shape);
    const w2 = new Parameter(Float32Array.from(net.readoutSynapse.weight.data), net.readoutSynapse.weight.shape);
    const { readout } = await net.forward(spikes);
    lossOf(readout.membraneCadc).backward();

    // Independently: autograd's kernels with the same observables injected by hand.
    const observed = backend.lastObservations!;
    const shapeOf = (size: number) => [STEPS, BATCH, size];
    const hidden = lifIntegration(linear(spikes, w1), { ...LIF_MODEL, dtUs: 1 }, {
      surrogate: SURROGATE,
      observed: { spikes: new Tensor(observed.get(2)!.spikes!, shapeOf(8)), membrane: new Tensor(toModel(observed.get(2)!.membraneCadc!), shapeOf(8)) },
    });
    const out = liIntegration(linear(hidden.spikes, w2), { ...LI_MODEL, dtUs: 1 }, { observed: { membrane: new Tensor(toModel(observed.get(4)!.membraneCadc!), shapeOf(3)) } });
    lossOf(out).backward();
    expect(Array.from(net.hiddenSynapse.weight.grad!.data)).toEqual(Array.from(w1.grad!.data));
    expect(Array.from(net.readoutSynapse.weight.grad!.data)).toEqual(Array.from(w2.grad!.data));
    expect(w1.grad!.data.some((g) => g !== 0)).toBe(true);
  });

  it('trains: the loss on the fake chip falls', async () => {
    const backend = new FakeHardwareBackend();
    const net = network(backend);
    const optimizer = new Adam([net.hiddenSynapse.weight, net.readoutSynapse.weight], { lr: 0.02 });
    const spikes = inputSpikes(4);
    const labels = [0, 1, 2, 0, 1, 2];
    const losses: number[] = [];
    for (let step = 0; step < 40; step++) {
      optimizer.zeroGrad();
      const { readout } = await net.forward(spikes);
      const loss = crossEntropy(mul(max(readout.membraneCadc, 0), 10), labels);
      loss.backward();
      optimizer.step();
      losses.push(loss.item());
    }
    expect(losses.at(-1)!).toBeLessThan(0.3 * losses[0]!);
  });
});
