import { describe, expect, it } from 'vitest';
import { calibrateAndMeasure, describeBeforeAfter } from './testing/before-after.js';

// The MAC calibration with calix hagen's synaptic-input integration on an analog twin with the default mismatch
// (reference §10.4: τ_syn CV 25 %, input gain CV 10 %, potentials σ 15 LSB), judged by the test's own MAC
// (testing/independent-mac.ts). Here each neuron's OTA bias scales its integrated input, so the per-column
// gain spread must shrink.

describe('MAC calibration, synaptic-input integration (analog twin)', () => {
  it('calibrates the baseline to σ ≤ 2 LSB and equalises the per-column gain', async () => {
    const measured = await calibrateAndMeasure('calib-mac-synin', 'synaptic-input');
    console.log(describeBeforeAfter(measured));
    const { baseline, gain } = measured;
    expect(baseline.before.std).toBeGreaterThan(8);
    expect(baseline.after.std).toBeLessThanOrEqual(2);
    expect(Math.abs(baseline.after.mean - 120)).toBeLessThan(1);
    expect(Math.abs(gain.after.mean / 0.002 - 1)).toBeLessThan(0.05);
    expect(gain.before.cv).toBeGreaterThan(0.15);
    expect(gain.after.cv).toBeLessThan(0.05);
  }, 240_000);
});
