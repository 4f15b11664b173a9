import { Adam, crossEntropy, linear, liIntegration, max, mul, Parameter, Rng, sum, surrogate, Tensor } from '@bss2/autograd';
import { TwinConnection } from '@bss2/chip';
import { afterAll, describe, expect, it } from 'vitest';
import { AdEx, Experiment, InputNeuron, LI, run, Synapse, TwinBackend, type ExecutionRequest, type PopulationObservation, type SnnBackend } from '../index.js';
import { adexIntegration } from '../modules/adex-integration.js';
import { chipExpSlope } from './twin-adex-codes.js';
import { CADC_LSB_VOLTS } from './twin-codes.js';

// Hardware in the loop (§6.4) with AdEx on an `ideal` twin: the forward values are the chip's spikes and CADC
// membranes, the gradient is the software AdEx's surrogate evaluated on them (`unterjubel` per step), exactly as
// for LIF; Adam on the twin lowers a small classification loss.

const STEPS = 30;
const BATCH = 4;
const LSB_PER_UNIT = 45;
const hardware = { leakCadc: 80, resetCadc: 80, thresholdCadc: 80 + LSB_PER_UNIT };
const TRACE = { traceScale: 1 / LSB_PER_UNIT, traceOffsetCadc: 80 };
const ADEX = {
  tauMemUs: 6, tauSynUs: 6, expSlope: chipExpSlope(LSB_PER_UNIT * CADC_LSB_VOLTS), expThreshold: 0.8,
  adaptationStrength: 0.2, adaptationIncrement: 0.2, tauAdaptationUs: 20,
};
const LI_MODEL = { tauMemUs: 6, tauSynUs: 6 };
const SURROGATE = surrogate('superspike', 50);

/** The twin, keeping its last raw observations for the by-hand gradient. */
class RecordingBackend implements SnnBackend {
  readonly name = 'recording twin';
  last: ReadonlyMap<number, PopulationObservation> | null = null;
  constructor(private readonly inner: SnnBackend) {}
  async execute(request: ExecutionRequest): Promise<ReadonlyMap<number, PopulationObservation>> {
    this.last = await this.inner.execute(request);
    return this.last;
  }
}

const connection = new TwinConnection({ identity: 'snn-twin-adex-in-the-loop', fidelity: 'ideal' });
afterAll(() => connection.close());

function inputSpikes(seed: number): Tensor {
  const rng = new Rng(seed);
  return new Tensor(Float32Array.from({ length: STEPS * BATCH * 3 }, () => (rng.uniform() < 0.2 ? 1 : 0)), [STEPS, BATCH, 3]);
}

function network(backend: SnnBackend) {
  const experiment = new Experiment({ backend, dtUs: 1, seed: 11 });
  const rng = new Rng(3);
  const input = new InputNeuron(3, experiment);
  const hiddenSynapse = new Synapse(3, 4, experiment, { weightScale: 64, initMean: 0.7, initStd: 0.4, rng });
  const hidden = new AdEx(4, experiment, { ...ADEX, hardware, ...TRACE, surrogate: SURROGATE });
  const readoutSynapse = new Synapse(4, 2, experiment, { weightScale: 64, initMean: 0.3, initStd: 0.3, rng });
  const readout = new LI(2, experiment, { ...LI_MODEL, hardware, ...TRACE });
  const forward = async (spikes: Tensor) => {
    const h = hidden.forward(hiddenSynapse.forward(input.forward(spikes)));
    const y = readout.forward(readoutSynapse.forward(h));
    await run(experiment, STEPS);
    return { hidden: h, readout: y, ids: { hidden: hidden.id, readout: readout.id } };
  };
  return { hiddenSynapse, readoutSynapse, forward };
}

const toModel = (cadc: Float32Array): Float32Array => cadc.map((value) => (value - 80) / LSB_PER_UNIT);
const labels = [0, 1, 1, 0];
const lossOf = (readout: Tensor) => crossEntropy(mul(max(readout, 0), 10), labels);

describe('AdEx hardware in the loop on the twin', () => {
  it('forward = the twin\'s observables, gradient = adexIntegration\'s surrogate on them', async () => {
    const backend = new RecordingBackend(new TwinBackend(connection, { capMemSettleUs: 0 }));
    const net = network(backend);
    const spikes = inputSpikes(1);
    const w1 = new Parameter(Float32Array.from(net.hiddenSynapse.weight.data), net.hiddenSynapse.weight.shape);
    const w2 = new Parameter(Float32Array.from(net.readoutSynapse.weight.data), net.readoutSynapse.weight.shape);
    const { hidden, readout, ids } = await net.forward(spikes);
    sum(lossOf(readout.membraneCadc)).backward();
    const observed = backend.last!;
    expect(Array.from(hidden.spikes.data)).toEqual(Array.from(observed.get(ids.hidden)!.spikes!));
    expect(hidden.spikes.data.reduce((a, b) => a + b, 0)).toBeGreaterThan(4);
    expect(Array.from(hidden.membraneCadc.data)).toEqual(Array.from(toModel(observed.get(ids.hidden)!.membraneCadc!)));

    const shapeOf = (size: number) => [STEPS, BATCH, size];
    const model = { leak: 0, reset: 0, threshold: 1, ...ADEX };
    const byHand = adexIntegration(linear(spikes, w1), model, 1, SURROGATE, {
      spikes: new Tensor(observed.get(ids.hidden)!.spikes!, shapeOf(4)),
      membrane: new Tensor(toModel(observed.get(ids.hidden)!.membraneCadc!), shapeOf(4)),
    });
    const out = liIntegration(linear(byHand.spikes, w2), { leak: 0, ...LI_MODEL, dtUs: 1 }, { observed: { membrane: new Tensor(toModel(observed.get(ids.readout)!.membraneCadc!), shapeOf(2)) } });
    sum(lossOf(out)).backward();
    expect(Array.from(net.hiddenSynapse.weight.grad!.data)).toEqual(Array.from(w1.grad!.data));
    expect(Array.from(net.readoutSynapse.weight.grad!.data)).toEqual(Array.from(w2.grad!.data));
    expect(w1.grad!.data.some((g) => g !== 0)).toBe(true);
  });

  it('trains: Adam on the twin lowers the loss', async () => {
    const net = network(new TwinBackend(connection, { capMemSettleUs: 0 }));
    const optimizer = new Adam([net.hiddenSynapse.weight, net.readoutSynapse.weight], { lr: 0.02 });
    const spikes = inputSpikes(2);
    const losses: number[] = [];
    for (let step = 0; step < 12; step++) {
      optimizer.zeroGrad();
      const { readout } = await net.forward(spikes);
      const loss = lossOf(readout.membraneCadc);
      loss.backward();
      optimizer.step();
      losses.push(loss.item());
    }
    console.log(`AdEx in the loop on the twin: loss ${losses.map((l) => l.toFixed(3)).join(' → ')}`);
    // The ×10 scores make single steps jumpy; the trend is what counts: the last steps sit far below the first.
    expect(losses.at(-1)!).toBeLessThan(0.5 * losses[0]!);
    expect(losses.slice(-4).reduce((a, b) => a + b, 0) / 4).toBeLessThan(0.5 * losses[0]!);
  });
});
