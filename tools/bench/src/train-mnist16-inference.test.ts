import { noGrad, Rng, Tensor } from '@bss2/autograd';
import { gatherFeatures } from '@bss2/datasets';
import { Experiment, mnist16Data, MNIST16_TRAINING_DEFAULTS, SpikingClassifier } from '@bss2/snn';
import { describe, expect, it } from 'vitest';
import { mnist16Inference } from './train-mnist16-inference.js';

// The bench:train MNIST16 row on a small batch: it runs on the ideal twin, and the network it times is not silent —
// its hidden layer fires about as often as the software model's with the same weights on the same digits.
describe('mnist16Inference', () => {
  it('runs the 256 → 246 → 10 network on the ideal twin at a plausible rate, firing like the software model', async () => {
    const batch = 10;
    const result = await mnist16Inference({ batch, batches: 1 });
    expect(result.wall).toBeGreaterThan(0);
    expect(result.cpu).toBeGreaterThan(0);
    // 38 µs windows plus the backend's gaps: the chip would run well under its 85,000 frames/s here.
    expect(result.realTime).toBeGreaterThan(1000);
    expect(result.realTime).toBeLessThan(85_000);

    const data = mnist16Data();
    const network = new SpikingClassifier(new Experiment({ dtUs: 1 }), MNIST16_TRAINING_DEFAULTS.network, new Rng(MNIST16_TRAINING_DEFAULTS.seed));
    const indices = Int32Array.from({ length: batch }, (_, k) => batch + k);
    const spikes = data.encode(gatherFeatures(data.test, indices), batch);
    await noGrad(() => network.forward(new Tensor(spikes.data, spikes.shape)));
    const mockSpikes = network.hiddenHandle!.spikes.data.reduce((sum, s) => sum + s, 0) / batch;
    console.log(`hidden spikes per digit: ideal twin ${result.hiddenSpikesPerPattern.toFixed(1)}, mock ${mockSpikes.toFixed(1)}; ${result.wall.toFixed(1)} patterns/s, first batch ${result.firstBatchS.toFixed(1)} s`);
    expect(mockSpikes).toBeGreaterThan(5);
    expect(result.hiddenSpikesPerPattern).toBeGreaterThan(0.5 * mockSpikes);
    expect(result.hiddenSpikesPerPattern).toBeLessThan(2 * mockSpikes);
  }, 600_000);
});
