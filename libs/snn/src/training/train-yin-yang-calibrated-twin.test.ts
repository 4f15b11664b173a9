import { TwinConnection } from '@bss2/chip';
import { afterAll, describe, expect, it } from 'vitest';
import { calibrateOnConnection, trainYinYang, TwinBackend, type NetworkCalibrationTargets } from '../index.js';

// The judged run of issue 6: hxtorch's Yin-Yang network (§6.7) with the calibrated `analog` twin in the loop — the
// chip calibrated for the network's own targets first (§6.6: leak/reset 80, threshold 150 CADC LSB, τ_mem = τ_syn
// = 6 µs, C setting 9, gm 500, DAC bias 1022), then trained with the hardware observables in the forward pass
// and the surrogate gradient in the backward pass (§6.4). CI runs 1000 training samples (20 batches) and tests on
// 300: measured 78 % (and 90 % after one epoch of 5000). BSS2_FULL_TRAINING=1 runs hxtorch's full 10 epochs of
// 5000 and asks for the 93 % on all 1000 test samples (measured: docs/benchmarks.md, bench:train).

const full = process.env['BSS2_FULL_TRAINING'] === '1';
const connection = new TwinConnection({ identity: 'snn-calibrated-yin-yang', fidelity: 'analog' });
afterAll(() => connection.close());

describe('Yin-Yang with the calibrated analog twin in the loop', () => {
  it(full ? 'reaches 93 % test accuracy in hxtorch\'s 10 epochs' : 'clears 70 % test accuracy after 1000 training samples', async () => {
    const asked: NetworkCalibrationTargets[] = [];
    const calibrate = calibrateOnConnection(connection, { chipIdentity: 'snn-calibrated-yin-yang' });
    const backend = new TwinBackend(connection, {
      calibrate: (targets) => {
        asked.push(targets);
        return calibrate(targets);
      },
    });
    const result = await trainYinYang({ backend, ...(full ? {} : { epochs: 1, trainSize: 1000, testSize: 300 }) });
    expect(asked).toEqual([{ leak: 80, reset: 80, threshold: 150, tauMemUs: 6, tauSynExcUs: 6, tauSynInhUs: 6, membraneCapacitance: 9, iSyninGm: 500, synapseDacBias: 1022 }]);
    expect(result.epochs.at(-1)!.hiddenSpikesPerSample).toBeGreaterThan(5);
    expect(result.testAccuracy).toBeGreaterThan(full ? 0.93 : 0.7);
  }, full ? 7_200_000 : 300_000);
});

