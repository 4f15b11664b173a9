import { noGrad } from '@bss2/autograd';
import { encodeLatency, MNIST16_LATENCY_ENCODING } from '@bss2/datasets';
import { describe, expect, it } from 'vitest';
import type { EventPropClassifier } from '../eventprop/eventprop-classifier.js';
import { inputTimesOfSpikes } from './train-eventprop-classifier.js';
import { mnist16Data } from './train-mnist16.js';
import { MNIST16_EVENTPROP_DEFAULTS, trainMnist16EventProp } from './train-mnist16-eventprop.js';
import type { TrainingEpochStats } from './training-loop.js';

const full = process.env['BSS2_FULL_TRAINING'] === '1';

/** Hidden neurons that fire for none of the first `count` test digits. */
function silentHiddenNeurons(network: EventPropClassifier, count: number): number {
  const { test } = mnist16Data();
  const spikes = encodeLatency(test.features.subarray(0, count * test.featureCount), count, MNIST16_LATENCY_ENCODING);
  noGrad(() => network.forward(inputTimesOfSpikes('test', spikes, MNIST16_LATENCY_ENCODING.dtUs)));
  const fired = new Set(network.lastRecord!.hiddenLayer.spikes.sources);
  return network.settings.hidden - fired.size;
}

describe('trainMnist16EventProp (256 → 246 LIF → 10 LI on MNIST16 with EventProp\'s exact gradients)', () => {
  // Shortened CI run: 4000 of the 8000 augmented training digits, 2 epochs, the first 500 test digits, seed 42.
  // Measured 84.4, 87.6 % with 1 of 246 hidden neurons silent on the first 500 test digits, 25–31 s at load ~3;
  // without the silence term (regSilent 0) 83.8, 88.8 % but 193 silent — the layer dies, which the full run pays for.
  it('clears 80 % test accuracy in a shortened run, with few hidden neurons silent', async () => {
    const epochs: TrainingEpochStats[] = [];
    const result = await trainMnist16EventProp({ epochs: 2, trainSize: 4000, testSize: 500, onEpoch: (stats) => epochs.push(stats) });
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(epochs[1]!.trainLoss).toBeLessThan(epochs[0]!.trainLoss);
    expect(result.network.weightHidden.shape).toEqual([246, 256]);
    expect(result.testAccuracy).toBeGreaterThan(0.8);
    // The silence term at work: almost every hidden neuron fires for some of the first 500 test digits.
    expect(silentHiddenNeurons(result.network, 500)).toBeLessThanOrEqual(20);
  }, 120_000);

  // The full run (8000 augmented training digits, 20 epochs, cosine lr from 1e-2, all 2000 test digits); set
  // BSS2_FULL_TRAINING=1. Measured 95.2 % with seed 42 and 95.0 % with seed 43, 5–20 min depending on the load; the bar is a point
  // below.
  it.runIf(full)('reaches 94 % test accuracy in the full run', async () => {
    const started = performance.now();
    const result = await trainMnist16EventProp({
      onEpoch: (s) => console.log(`epoch ${s.epoch}: test ${(100 * s.testAccuracy).toFixed(1)} %, train ${(100 * s.trainAccuracy).toFixed(1)} %, loss ${s.trainLoss.toFixed(3)}, ${s.samplesPerSecond.toFixed(0)} samples/s, ${s.hiddenSpikesPerSample.toFixed(1)} hidden spikes/sample`),
    });
    console.log(`full MNIST16 EventProp run: ${(100 * result.testAccuracy).toFixed(1)} % after ${result.epochs.length} epochs, ${((performance.now() - started) / 1000).toFixed(1)} s`);
    expect(result.testAccuracy).toBeGreaterThanOrEqual(0.94);
  }, 3_600_000);

  it('rejects settings outside their range, naming them', async () => {
    await expect(trainMnist16EventProp({ regSilent: -1 })).rejects.toMatchObject({ code: 'out-of-range', parameter: 'regSilent' });
    await expect(trainMnist16EventProp({ trainSize: 8001 })).rejects.toThrow(/trainMnist16EventProp: trainSize 8001 must be an integer in 50\.\.8000/);
    expect(MNIST16_EVENTPROP_DEFAULTS.network.inputs).toBe(256);
  });
});
