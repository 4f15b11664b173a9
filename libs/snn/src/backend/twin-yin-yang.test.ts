import { TwinConnection } from '@bss2/chip';
import { afterAll, describe, expect, it } from 'vitest';
import { trainYinYang, TwinBackend } from '../index.js';

// Hardware-in-the-loop training (§6.4, §6.7) with the `ideal` twin behind the backend: hxtorch's Yin-Yang network
// (25 input channels = 5 × 5 repetitions → 120 LIF → 3 LI on row 1, columns 0..2), 2 epochs of 300 samples
// (12 batches of 50), every forward one playback program. The backend's uncalibrated chip makes one hidden model
// unit thresholdCadc − leakCadc = 150 − 80 = 70 CADC LSB, the default trace scale 1/70 of trainYinYang.
// Measured: train loss 1.123 → 0.995, test loss 1.047 → 0.944, test accuracy 48 → 54 %, ~30 samples/s (forward on
// the twin + backward), ~31 s on an idle machine, 85–120 s at load 9 (hence the long timeout).

const connection = new TwinConnection({ identity: 'snn-twin-yin-yang', fidelity: 'ideal' });
afterAll(() => connection.close());

describe('Yin-Yang with the ideal twin in the loop', () => {
  it('lowers the training and the test loss within 12 batches', async () => {
    const backend = new TwinBackend(connection, { capMemSettleUs: 0 });
    const result = await trainYinYang({ backend, epochs: 2, trainSize: 300, testSize: 100 });
    const [first, second] = result.epochs as [(typeof result.epochs)[0], (typeof result.epochs)[0]];
    expect(second.trainLoss).toBeLessThan(0.95 * first.trainLoss);
    expect(second.testLoss).toBeLessThan(first.testLoss);
    expect(second.hiddenSpikesPerSample).toBeGreaterThan(1);
    expect(backend.lastRun).toMatchObject({ remapped: false, cadcReadsPerStep: 31 });
  }, 400_000);
});
