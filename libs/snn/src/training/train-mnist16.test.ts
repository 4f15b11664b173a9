import { describe, expect, it } from 'vitest';
import { SnnError } from '../snn-error.js';
import { mnist16Data, trainMnist16 } from './train-mnist16.js';
import type { TrainingEpochStats } from './training-loop.js';

const full = process.env['BSS2_FULL_TRAINING'] === '1';

describe('trainMnist16 (256 → 246 LIF → 10 LI on MNIST16, mock mode)', () => {
  // Shortened CI run: 4000 of the 8000 training digits (augmented as the defaults say), 2 epochs (the cosine then
  // halves lr for the second), the first 500 test digits, seed 42. Measured 74.6, 86.2 % in 8 s (the full run:
  // 95.2 %, see below).
  it('clears 65 % test accuracy in a shortened run', async () => {
    const epochs: TrainingEpochStats[] = [];
    const result = await trainMnist16({ epochs: 2, trainSize: 4000, testSize: 500, onEpoch: (stats) => epochs.push(stats) });
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(epochs[1]!.trainLoss).toBeLessThan(epochs[0]!.trainLoss);
    for (const stats of epochs) expect(stats.hiddenSpikesPerSample).toBeGreaterThan(1);
    expect(result.network.linearHidden.weight.shape).toEqual([246, 256]);
    expect(result.testAccuracy).toBeGreaterThan(0.65);
  }, 120_000);

  // The full run (8000 augmented training digits, the defaults' 20 epochs with cosine lr from 3e-3, all 2000 test
  // digits); set BSS2_FULL_TRAINING=1. Measured 95.2 % with seed 42 (epochs: 85.9, 89.3, 89.5, 91.8, 91.5, 91.8,
  // 93.1, 93.5, 93.9, 94.3, 94.2, 94.6, 94.0, 94.6, 95.0, 95.3, 95.2, 95.1, 95.3, 95.2) and 94.7 % with seed 43,
  // 137–154 s at load ~4; the bar is a point below.
  it.runIf(full)('reaches 94 % test accuracy in the full run', async () => {
    const started = performance.now();
    const result = await trainMnist16({
      onEpoch: (s) => console.log(`epoch ${s.epoch}: test ${(100 * s.testAccuracy).toFixed(1)} %, train ${(100 * s.trainAccuracy).toFixed(1)} %, loss ${s.trainLoss.toFixed(3)}, ${s.samplesPerSecond.toFixed(0)} samples/s, ${s.hiddenSpikesPerSample.toFixed(1)} hidden spikes/sample`),
    });
    console.log(`full MNIST16 mock run: ${(100 * result.testAccuracy).toFixed(1)} % after ${result.epochs.length} epochs, ${((performance.now() - started) / 1000).toFixed(1)} s`);
    expect(result.testAccuracy).toBeGreaterThanOrEqual(0.94);
  }, 3_600_000);

  it('trains on libs/datasets\' MNIST16 split and rejects settings outside their range, naming them', async () => {
    const { train, test } = mnist16Data();
    expect([train.size, test.size, train.featureCount]).toEqual([8000, 2000, 256]);
    await expect(trainMnist16({ trainSize: 8001 })).rejects.toThrow(SnnError);
    await expect(trainMnist16({ trainSize: 8001 })).rejects.toThrow(/trainMnist16: trainSize 8001 must be an integer in 50\.\.8000/);
    await expect(trainMnist16({ testSize: 2001 })).rejects.toMatchObject({ code: 'out-of-range', parameter: 'testSize' });
    await expect(trainMnist16({ augmentation: { rotationDeg: 90, scale: 0, shear: 0, shiftPx: 0 } })).rejects.toMatchObject({ parameter: 'rotationDeg', range: { min: 0, max: 45 } });
  });
});
