import { Parameter, Rng, sum, mul, Tensor } from '@bss2/autograd';
import { describe, expect, it } from 'vitest';
import type { EventPropParameters } from './eventprop-parameters.js';
import { eventNetworkBackward, eventNetworkForward, eventNetworkRecordOfChip, type EventNetworkWeights } from './eventprop-network.js';
import { eventPropScoresOnChip } from './eventprop-op.js';
import type { SpikeEvents } from './spike-events.js';

const parameters: EventPropParameters = {
  hidden: { tauMemUs: 6, tauSynUs: 6, leak: 0, reset: 0, threshold: 1 },
  readout: { tauMemUs: 6, tauSynUs: 6 },
  tSimUs: 38,
};

function randomNetwork(seed: number, batch: number): { network: EventNetworkWeights; times: Float64Array; gradScores: Float64Array } {
  const rng = new Rng(seed);
  const [inputs, hidden, outputs] = [6, 20, 3];
  return {
    network: {
      inputs, hidden, outputs,
      weightHidden: Float64Array.from({ length: hidden * inputs }, () => 1 + rng.normal()),
      weightOutput: Float64Array.from({ length: outputs * hidden }, () => 0.1 * rng.normal()),
    },
    times: Float64Array.from({ length: batch * inputs }, () => (rng.uniform() < 0.1 ? Infinity : rng.uniformIn(2, 26))),
    gradScores: Float64Array.from({ length: batch * outputs }, () => rng.normal()),
  };
}

describe('EventProp on spikes a chip observed', () => {
  it('gives the exact gradient when the chip fired the model\'s own spikes', () => {
    for (const seed of [1, 2, 3]) {
      const batch = 3;
      const { network, times, gradScores } = randomNetwork(seed, batch);
      const exact = eventNetworkForward(network, times, batch, parameters);
      expect(exact.hiddenLayer.timesUs.length).toBeGreaterThan(batch * 5);
      const observed = eventNetworkRecordOfChip(network, times, batch, parameters, exact.hiddenLayer.spikes);
      // The reconstructed current at each spike is the forward's (which carried it through resets) to rounding.
      for (let k = 0; k < exact.hiddenLayer.currentAtSpike.length; k++) {
        expect(observed.hiddenLayer.currentAtSpike[k]).toBeCloseTo(exact.hiddenLayer.currentAtSpike[k]!, 10);
      }
      expect(Array.from(observed.hiddenLayer.inputsBefore)).toEqual(Array.from(exact.hiddenLayer.inputsBefore));
      expect(Array.from(observed.readout.scores)).toEqual(Array.from(exact.readout.scores));
      // Without the floor (the exact forward's crossings all rise, the floor only guards chip spikes).
      const a = eventNetworkBackward(network, exact, gradScores);
      const b = eventNetworkBackward(network, { ...observed, hiddenLayer: { ...observed.hiddenLayer, slopeFloor: 0 } }, gradScores);
      for (const key of ['weightHidden', 'weightOutput', 'inputTimes'] as const) {
        a[key].forEach((g, k) => expect(b[key][k]).toBeCloseTo(g, 8));
      }
    }
  });

  it('follows spikes the model would not fire there, with the jump\'s slope floored', () => {
    const batch = 1;
    const { network, times, gradScores } = randomNetwork(4, batch);
    const exact = eventNetworkForward(network, times, batch, parameters);
    // A chip whose neuron 0 fired at 1 µs, before any input arrived: the model's current is 0 there (below θ).
    const shifted: SpikeEvents = {
      batch,
      offsets: Int32Array.of(0, exact.hiddenLayer.spikes.timesUs.length + 1),
      timesUs: Float64Array.of(1, ...exact.hiddenLayer.spikes.timesUs),
      sources: Int32Array.of(0, ...exact.hiddenLayer.spikes.sources),
    };
    const observed = eventNetworkRecordOfChip(network, times, batch, parameters, shifted);
    expect(observed.hiddenLayer.currentAtSpike[observed.hiddenLayer.neuronOffsets[0]!]).toBe(0);
    expect(observed.hiddenLayer.slopeFloor).toBeCloseTo(0.1 / 6, 12);
    const gradients = eventNetworkBackward(network, observed, gradScores);
    for (const key of ['weightHidden', 'weightOutput', 'inputTimes'] as const) expect(gradients[key].every(Number.isFinite)).toBe(true);
    // The readout is the model's, driven by the chip's spikes: the extra early spike changes it.
    expect(Array.from(observed.readout.scores)).not.toEqual(Array.from(exact.readout.scores));
  });

  it('puts the chip\'s scores forward and the adjoint on its spikes backward (eventPropScoresOnChip)', () => {
    const batch = 2;
    const { network, times, gradScores } = randomNetwork(5, batch);
    const exact = eventNetworkForward(network, times, batch, parameters);
    const weightHidden = new Parameter(Float32Array.from(network.weightHidden), [network.hidden, network.inputs]);
    const weightOutput = new Parameter(Float32Array.from(network.weightOutput), [network.outputs, network.hidden]);
    const chipScores = Float32Array.from({ length: batch * network.outputs }, (_, k) => 0.5 + k);
    const { scores } = eventPropScoresOnChip(new Tensor(Float32Array.from(times), [batch, network.inputs]), weightHidden, weightOutput, parameters, {
      hiddenSpikes: exact.hiddenLayer.spikes, scores: chipScores,
    });
    expect(Array.from(scores.data)).toEqual(Array.from(chipScores));
    sum(mul(scores, new Tensor(Float32Array.from(gradScores), scores.shape))).backward();
    // float32 at the op's boundary: the chip path's gradient is the float64 adjoint's on the same spikes, cast.
    const float32Network = { ...network, weightHidden: Float64Array.from(weightHidden.data), weightOutput: Float64Array.from(weightOutput.data) };
    const float32Times = Float64Array.from(Float32Array.from(times));
    const reference = eventNetworkBackward(float32Network, eventNetworkRecordOfChip(float32Network, float32Times, batch, parameters, exact.hiddenLayer.spikes), Float32Array.from(gradScores));
    expect(Array.from(weightHidden.grad!.data)).toEqual(Array.from(Float32Array.from(reference.weightHidden)));
    expect(() => eventPropScoresOnChip(new Tensor(Float32Array.from(times), [batch, network.inputs]), weightHidden, weightOutput, parameters, {
      hiddenSpikes: exact.hiddenLayer.spikes, scores: new Float32Array(1),
    })).toThrow(expect.objectContaining({ code: 'shape-mismatch', parameter: 'scores' }));
    expect(() => eventNetworkRecordOfChip(network, times, batch, parameters, { ...exact.hiddenLayer.spikes, sources: exact.hiddenLayer.spikes.sources.map(() => 99) }))
      .toThrow(expect.objectContaining({ code: 'out-of-range', parameter: 'hiddenSpikes' }));
  });
});
