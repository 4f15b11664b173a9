import { describe, expect, it } from 'vitest';
import { FakeHardwareBackend } from '../../test-support/fake-hardware.js';
import { trainYinYang } from './train-yin-yang.js';

// Observables in the loop (§6.4): short runs (1500 training samples, 2 epochs, the first 300 test samples).
describe('trainYinYang with observables in the loop', () => {
  it('trains with every mock hardware effect on (noise, bounds, 6-bit saturating weights, 5 input repetitions)', async () => {
    const result = await trainYinYang({
      epochs: 2, trainSize: 1500, testSize: 300, network: { inputRepetitions: 5 },
      mock: { membraneNoiseStd: 0.02, membraneBounds: { min: -1, max: 1.5 }, weightDiscretisation: true, weightSaturation: true },
    });
    expect(result.epochs[1]!.trainLoss).toBeLessThan(0.8 * result.epochs[0]!.trainLoss);
    expect(result.testAccuracy).toBeGreaterThan(0.7);
  });

  it('trains against a hardware backend (fake chip) with hxtorch’s weight-range fitting', async () => {
    const backend = new FakeHardwareBackend();
    const result = await trainYinYang({ epochs: 2, trainSize: 1500, testSize: 300, backend });
    expect(result.epochs[1]!.trainLoss).toBeLessThan(0.8 * result.epochs[0]!.trainLoss);
    expect(result.testAccuracy).toBeGreaterThan(0.75);
    const last = backend.requests.at(-1)!.network;
    expect(last.populations.map((p) => [p.kind, p.size])).toEqual([['input', 25], ['lif', 120], ['li', 3]]);
    // hxtorch's rule: the readout scale is lowered from 64 only as far as needed to keep its largest weight at 63.
    const readout = last.projections[1]!;
    expect(readout.weightScale).toBe(result.network.linearOutput.weightScale);
    expect(readout.weightScale).toBeLessThanOrEqual(64);
    expect(Math.max(...Array.from(readout.weightsHardware, Math.abs))).toBeLessThanOrEqual(63);
    expect(last.populations[2]!.placement).toEqual([256, 257, 258]);
  });
});
