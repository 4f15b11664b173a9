import { noGrad, Parameter, Rng, sum, mul, Tensor } from '@bss2/autograd';
import { describe, expect, it } from 'vitest';
import { SnnError } from '../snn-error.js';
import type { EventPropParameters } from './eventprop-parameters.js';
import { eventNetworkBackward, eventNetworkForward } from './eventprop-network.js';
import { eventPropScores } from './eventprop-op.js';

const parameters: EventPropParameters = {
  hidden: { tauMemUs: 6, tauSynUs: 6, leak: 0, reset: 0, threshold: 1 },
  readout: { tauMemUs: 6, tauSynUs: 6 },
  tSimUs: 38,
};

function randomInputs(seed: number, batch: number, inputs: number, hidden: number, outputs: number) {
  const rng = new Rng(seed);
  return {
    times: new Tensor(Float32Array.from({ length: batch * inputs }, () => Math.round(rng.uniformIn(2, 26))), [batch, inputs], true),
    weightHidden: new Parameter(Float32Array.from({ length: hidden * inputs }, () => 0.5 + 0.5 * rng.normal()), [hidden, inputs]),
    weightOutput: new Parameter(Float32Array.from({ length: outputs * hidden }, () => 0.1 * rng.normal()), [outputs, hidden]),
    lossWeights: new Tensor(Float32Array.from({ length: batch * outputs }, () => rng.normal()), [batch, outputs]),
  };
}

describe('eventPropScores: EventProp as a fused op on the autograd tape', () => {
  it('gives the float64 adjoint\'s gradients to both weights and the input times through backward()', () => {
    const batch = 4;
    const { times, weightHidden, weightOutput, lossWeights } = randomInputs(7, batch, 5, 12, 3);
    const { scores, record } = eventPropScores(times, weightHidden, weightOutput, parameters);
    expect(record.hiddenLayer.timesUs.length).toBeGreaterThan(batch);
    sum(mul(scores, lossWeights)).backward();

    const network = { inputs: 5, hidden: 12, outputs: 3, weightHidden: Float64Array.from(weightHidden.data), weightOutput: Float64Array.from(weightOutput.data) };
    const exact = eventNetworkForward(network, times.data, batch, parameters);
    const gradients = eventNetworkBackward(network, exact, lossWeights.data);
    expect(Array.from(scores.data)).toEqual(Array.from(Float32Array.from(exact.scores)));
    expect(Array.from(weightHidden.grad!.data)).toEqual(Array.from(Float32Array.from(gradients.weightHidden)));
    expect(Array.from(weightOutput.grad!.data)).toEqual(Array.from(Float32Array.from(gradients.weightOutput)));
    expect(Array.from(times.grad!.data)).toEqual(Array.from(Float32Array.from(gradients.inputTimes)));
    expect(gradients.weightHidden.some((g) => g !== 0)).toBe(true);
  });

  it('records nothing under noGrad', () => {
    const { times, weightHidden, weightOutput } = randomInputs(8, 2, 5, 6, 3);
    const { scores } = noGrad(() => eventPropScores(times, weightHidden, weightOutput, parameters));
    expect(scores.requiresGrad).toBe(false);
    expect(scores.node).toBeNull();
  });

  it('rejects mismatched shapes and bad spike times, naming them', () => {
    const { times, weightHidden, weightOutput } = randomInputs(9, 2, 5, 6, 3);
    const wrongHidden = new Parameter(new Float32Array(6 * 4), [6, 4]);
    expect(() => eventPropScores(times, wrongHidden, weightOutput, parameters)).toThrow(/weightHidden \[6, 4\] does not take 5 inputs/);
    const negative = new Tensor(Float32Array.of(-1, 2, 3, 4, 5), [1, 5]);
    expect(() => eventPropScores(negative, weightHidden, weightOutput, parameters)).toThrow(SnnError);
    expect(() => eventPropScores(negative, weightHidden, weightOutput, parameters)).toThrow(/input spike time -1 µs \(sample 0, channel 0\) must be a finite number ≥ 0/);
    expect(() => eventPropScores(times, weightHidden, weightOutput, { ...parameters, hidden: { ...parameters.hidden, reset: 2 } })).toThrow(/reset 2 must lie below threshold 1/);
    expect(() => eventPropScores(times, weightHidden, weightOutput, { ...parameters, tSimUs: 0 })).toThrow(/tSimUs 0 must be a finite number > 0/);
  });

  it('stops a runaway neuron with a typed error instead of looping', () => {
    const { times, weightOutput } = randomInputs(10, 2, 5, 6, 3);
    const huge = new Parameter(new Float32Array(6 * 5).fill(1e4), [6, 5]);
    expect(() => eventPropScores(times, huge, weightOutput, { ...parameters, maxSpikesPerNeuron: 50 })).toThrow(/fires more than maxSpikesPerNeuron = 50/);
  });
});
