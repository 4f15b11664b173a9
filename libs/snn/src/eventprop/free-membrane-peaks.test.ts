import { mul, Parameter, Rng, sum, Tensor } from '@bss2/autograd';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventPropClassifier } from './eventprop-classifier.js';
import { eventNetworkForward } from './eventprop-network.js';
import { eventPropConstants, type EventPropParameters } from './eventprop-parameters.js';
import { freeMembranePeaks } from './free-membrane-peaks.js';
import { liMaxForward } from './li-max-readout.js';
import { eventsFromTimes } from './spike-events.js';

const STEP = 1e-6;

interface Case {
  readonly parameters: EventPropParameters;
  readonly inputs: number;
  readonly hidden: number;
  readonly batch: number;
  readonly times: Float64Array;
  readonly weights: Float64Array;
  readonly lossWeights: Float32Array;
}

function randomCase(seed: number): Case {
  const rng = new Rng(seed);
  const inputs = 2 + (rng.nextUint32() % 5);
  const hidden = 2 + (rng.nextUint32() % 4);
  const batch = 1 + (rng.nextUint32() % 3);
  const tauMemUs = [3, 6, 10][rng.nextUint32() % 3]!;
  const tauSynUs = rng.uniform() < 0.5 ? tauMemUs : [2, 5][rng.nextUint32() % 2]!;
  return {
    parameters: { hidden: { tauMemUs, tauSynUs, leak: 0, reset: 0, threshold: 1 }, readout: { tauMemUs, tauSynUs }, tSimUs: 30 },
    inputs, hidden, batch,
    // Values exact in float32, so the op (float32 boundary) and the float64 differences see the same case.
    times: Float64Array.from({ length: batch * inputs }, () => (rng.uniform() < 0.15 ? Infinity : Math.fround(rng.uniformIn(0, 20)))),
    weights: Float64Array.from({ length: hidden * inputs }, () => Math.fround(0.3 + 0.8 * rng.normal())),
    lossWeights: Float32Array.from({ length: batch * hidden }, () => rng.normal()),
  };
}

/** The float64 forward of the op: the peaks' record (maximum places) and Σ r ⊙ peaks. */
function forward64(c: Case): { loss: number; structure: string } {
  const constants = eventPropConstants('test', c.parameters);
  const record = liMaxForward(eventsFromTimes('test', c.times, c.batch, c.inputs), c.weights, c.inputs, c.hidden, constants.hiddenFlow, constants.tSimUs);
  let loss = 0;
  for (let k = 0; k < record.scores.length; k++) loss += c.lossWeights[k]! * record.scores[k]!;
  return { loss, structure: `${record.kind.join()}|${record.eventsBefore.join()}` };
}

describe('freeMembranePeaks (a silent hidden neuron\'s distance to firing)', () => {
  it('has the gradient of central differences of the exact forward, in the hidden weights and the input times', () => {
    let checked = 0;
    let nonZero = 0;
    let skipped = 0;
    fc.assert(fc.property(fc.integer({ min: 0, max: 0x7fffffff }), (seed) => {
      const c = randomCase(seed);
      const times = new Parameter(Float32Array.from(c.times), [c.batch, c.inputs]);
      const weights = new Parameter(Float32Array.from(c.weights), [c.hidden, c.inputs]);
      const peaks = freeMembranePeaks(times, weights, c.parameters);
      sum(mul(peaks, new Tensor(c.lossWeights, peaks.shape))).backward();
      const base = forward64(c).structure;
      for (const [target, gradient] of [[c.weights, weights.grad!.data], [c.times, times.grad!.data]] as const) {
        for (let k = 0; k < target.length; k++) {
          const original = target[k]!;
          if (original === Infinity) {
            expect(gradient[k], 'a silent channel has no time to move').toBe(0);
            continue;
          }
          target[k] = original + STEP;
          const plus = forward64(c);
          target[k] = original - STEP;
          const minus = forward64(c);
          target[k] = original;
          // A maximum that changes place under ±h is not differentiable there.
          if (plus.structure !== base || minus.structure !== base) {
            skipped++;
            continue;
          }
          const difference = (plus.loss - minus.loss) / (2 * STEP);
          expect(Math.abs(gradient[k]! - difference), `coordinate ${k}: op ${gradient[k]} vs differences ${difference}`).toBeLessThanOrEqual(1e-4 + 1e-4 * Math.abs(difference));
          checked++;
          if (Math.abs(difference) > 1e-3) nonZero++;
        }
      }
    }));
    expect(checked).toBeGreaterThan(5 * Number(process.env['FC_NUM_RUNS'] ?? 100));
    expect(nonZero, `${nonZero} of ${checked}`).toBeGreaterThan(0.4 * checked);
    expect(skipped).toBeLessThan(0.02 * checked);
  });

  it('reaches the threshold exactly for the neurons that fire, so silenceDistance is 0 only when each neuron fires for some sample', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0x7fffffff }), (seed) => {
      const c = randomCase(seed);
      const peaks = freeMembranePeaks(new Tensor(Float32Array.from(c.times), [c.batch, c.inputs]), new Tensor(Float32Array.from(c.weights), [c.hidden, c.inputs]), c.parameters);
      const network = { inputs: c.inputs, hidden: c.hidden, outputs: 1, weightHidden: c.weights, weightOutput: new Float64Array(c.hidden) };
      const { neuronOffsets } = eventNetworkForward(network, c.times, c.batch, c.parameters).hiddenLayer;
      for (let k = 0; k < c.batch * c.hidden; k++) {
        const fires = neuronOffsets[k + 1]! > neuronOffsets[k]!;
        // float32 output: a peak within rounding of the threshold may land on either side.
        if (Math.abs(peaks.data[k]! - 1) < 1e-6) continue;
        expect(peaks.data[k]! > 1, `sample ${Math.floor(k / c.hidden)}, neuron ${k % c.hidden}: peak ${peaks.data[k]}`).toBe(fires);
      }
    }));
    const settings = { inputs: 3, hidden: 4, outputs: 2, tauMemUs: 6, tauSynUs: 6, tSimUs: 38, weightInitHidden: [0, 0], weightInitOutput: [0, 0.1], readoutScale: 1 } as const;
    const classifier = new EventPropClassifier(settings, new Rng(1));
    const times = new Tensor(Float32Array.of(2, 3, Infinity), [1, 3]);
    // All weights 0: no neuron moves, each is a whole threshold from firing.
    expect(classifier.silenceDistance(times).item()).toBeCloseTo(1, 6);
    classifier.weightHidden.data.fill(2);
    expect(classifier.silenceDistance(times).item()).toBe(0);
    classifier.weightHidden.data.set([0, 0, 0], 0);
    // Neuron 0 silent again (at rest): a quarter of a threshold on the mean, and no gradient reaches it from rest.
    expect(classifier.silenceDistance(times).item()).toBeCloseTo(0.25, 6);
  });
});
