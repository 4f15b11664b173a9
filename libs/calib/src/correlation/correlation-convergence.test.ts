import { TwinConnection } from '@bss2/chip';
import { PlaybackProgramBuilder } from '@bss2/playback';
import { beforeAll, describe, expect, it } from 'vitest';
import { CAPMEM_SETTLE_US, waitUs } from '../measure/settle.js';
import { setSharedCapMem } from '../neuron/neuron-setup.js';
import { calibrateCorrelation, type CorrelationCalibrationResult } from './correlation-calibration.js';
import { writeCorrelationCodes } from './correlation-codes.js';
import { configureProbe, probeCorrelation } from './testing/correlation-probe.js';

// The correlation calibration from deliberately wrong start codes to a different target in every quadrant, on
// an analog twin whose CADC is enabled but not calibrated (the correlation reads do not go through the ramp,
// §10.9; the channels' digital offsets are 0). The start codes (reference §10.3, mismatch-free) are
// syn_i_bias_ramp 10 → τ ≈ 250 µs, far beyond the pairing gap planned for the targets, and syn_i_bias_store
// 1000 → A ≈ 20 LSB, which saturates the reads with the pairings planned for targets of 1–4 LSB. Judged by
// the test's probe at delays 1, 4 and 8 µs.

const connection = new TwinConnection({ identity: 'calib-correlation-convergence', fidelity: 'analog' });
const TAU_US = [3, 5, 12, 25];
const AMPLITUDE_LSB = [1, 2, 3, 4];
const WRONG_CODES = { ramp: 10, store: 1000 };
let result: CorrelationCalibrationResult;

/** Probe delays, pairings and gap (≥ 10 τ of the longest target). */
const probe = (): ReturnType<typeof probeCorrelation> => probeCorrelation(connection, [1, 4, 8], 30, 300);

function expectOnTarget(measured: { tauUs: number[]; amplitudeLsb: number[] }): void {
  for (let q = 0; q < 4; q++) {
    expect(Math.abs(measured.tauUs[q]! / TAU_US[q]! - 1), `τ of quadrant ${q}`).toBeLessThan(0.05);
    expect(Math.abs(measured.amplitudeLsb[q]! / AMPLITUDE_LSB[q]! - 1), `amplitude of quadrant ${q}`).toBeLessThan(0.05);
  }
}

beforeAll(async () => {
  result = await calibrateCorrelation(connection, { tauUs: TAU_US, amplitudeLsb: AMPLITUDE_LSB }, { startCodes: WRONG_CODES });
  await configureProbe(connection);
}, 240_000);

describe('calibrateCorrelation (wrong start, per-quadrant targets)', () => {
  it('starts measurably off target and converges in every quadrant, by an independent probe', async () => {
    const measured = await probe();
    // The start is wrong: in every quadrant the reads saturate (amplitude ∞, no τ) before the calibration.
    result.before.amplitudeLsb.forEach((amplitude) => expect(amplitude).toBe(Number.POSITIVE_INFINITY));
    result.before.tauUs.forEach((tau) => expect(tau).toBeNaN());
    expectOnTarget(measured);
    expect(result.failures).toEqual([]);
  });

  it('writes the calibrated codes into a program: a chip with other codes reaches the targets again', async () => {
    const clobber = new PlaybackProgramBuilder();
    setSharedCapMem(clobber, 'syn_i_bias_ramp', 80);
    setSharedCapMem(clobber, 'syn_i_bias_store', 900);
    waitUs(clobber, CAPMEM_SETTLE_US);
    await connection.run(clobber.done());
    const off = await probe();
    expect(Math.abs(off.tauUs[0]! / TAU_US[0]! - 1)).toBeGreaterThan(0.2);

    const apply = new PlaybackProgramBuilder();
    writeCorrelationCodes(apply, result);
    // From a jump over much of the range the CapMem needs two settle times (τ = 4 ms, §10.3).
    waitUs(apply, 2 * CAPMEM_SETTLE_US);
    await connection.run(apply.done());
    expectOnTarget(await probe());
  });
});
