import { TwinConnection } from '@bss2/chip';
import { describe, expect, it } from 'vitest';
import { calibrateCadc } from './cadc-calibration.js';

// The CADC calibration on an analog twin with the default mismatch (reference §10.4: ramp start σ 10 mV and
// slope CV 5 % per quadrant, channel offsets σ 5 LSB): afterwards all channels read the mid-range reference
// alike, within the digital offsets' rounding. calix's 20 ms CapMem settling after every step makes this about
// a second of hardware time.

describe('CADC calibration', () => {
  it('pulls every quadrant onto 20..220 and every channel onto the same mid-range read', async () => {
    const connection = new TwinConnection({ identity: 'calib-cadc', fidelity: 'analog' });
    const result = await calibrateCadc(connection);
    // Before: the quadrants' ramps and the channels' offsets scatter the reads of one voltage by several LSB.
    expect(result.midReads.before.std).toBeGreaterThan(3);
    // After: within the rounding of the integer digital offsets.
    expect(result.midReads.after.std).toBeLessThan(0.5);
    expect(Math.abs(result.midReads.after.mean - 120)).toBeLessThan(0.5);
    // The ends of the dynamic range read 20 and 220 on every channel.
    expect(Math.abs(result.endReads.low.mean - 20)).toBeLessThan(0.5);
    expect(Math.abs(result.endReads.high.mean - 220)).toBeLessThan(0.5);
    expect(result.endReads.low.std).toBeLessThan(0.5);
    expect(result.endReads.high.std).toBeLessThan(0.5);
    // Nominal ramp codes are offset ≈ 22, slope ≈ 350 (reference §10.7); the mismatch moves them a little.
    for (const code of result.rampOffset) expect(Math.abs(code - 22)).toBeLessThan(20);
    for (const code of result.rampSlope) expect(Math.abs(code - 350)).toBeLessThan(60);
    await connection.close();
  });
});
