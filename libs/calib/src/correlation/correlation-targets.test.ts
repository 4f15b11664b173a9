import type { Connection, PlaybackProgram, RunResult } from '@bss2/playback';
import { describe, expect, it } from 'vitest';
import { CalibError } from '../calib-error.js';
import { calibrateCorrelation, correlationPlan } from './correlation-calibration.js';
import { predictedCorrelationCodes } from './correlation-codes.js';
import { fitExponential } from './correlation-measurement.js';
import { CORRELATION_TARGETS, correlationTargets } from './correlation-targets.js';

// Targets, start codes and the measurement plan are checked before anything reaches the chip.

/** A connection that counts the programs it is sent and fails them. */
class CountingConnection implements Connection {
  readonly description = 'counting';
  runs = 0;
  async run(_program: PlaybackProgram): Promise<RunResult> {
    this.runs++;
    throw new Error('no chip behind this connection');
  }
  async close(): Promise<void> {}
}

describe('correlation targets', () => {
  it('defaults to τ 5 µs (calix, §10.3 at code 500) and 10 LSB per pairing (§10.9 at code 500) in every quadrant', () => {
    expect(correlationTargets()).toEqual({ tauUs: [5, 5, 5, 5], amplitudeLsb: [10, 10, 10, 10] });
    expect(predictedCorrelationCodes(correlationTargets())).toEqual({ rampCodes: [500, 500, 500, 500], storeCodes: [500, 500, 500, 500] });
    expect(correlationTargets({ tauUs: [3, 5, 12, 30], amplitudeLsb: 0.5 })).toEqual({ tauUs: [3, 5, 12, 30], amplitudeLsb: [0.5, 0.5, 0.5, 0.5] });
  });

  it.each([
    ['tauUs', 2.4],
    ['tauUs', 30.5],
    ['amplitudeLsb', 0.49],
    ['amplitudeLsb', 20.1],
    ['amplitudeLsb', Number.NaN],
    ['tauUs', Number.POSITIVE_INFINITY],
  ] as const)('rejects %s = %d with a CalibError naming the legal range', (name, value) => {
    const spec = CORRELATION_TARGETS[name];
    try {
      correlationTargets({ [name]: value });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CalibError);
      expect(error).toMatchObject({ code: 'target-out-of-range', range: { min: spec.min, max: spec.max } });
      expect(Object.is((error as CalibError).value, value)).toBe(true);
      expect((error as CalibError).message).toContain(name);
    }
  });

  it('rejects a per-quadrant list of the wrong length, an out-of-range entry and an unknown target', () => {
    expect(() => correlationTargets({ tauUs: [5, 5, 5] })).toThrow(expect.objectContaining({ code: 'target-out-of-range', value: 3 }));
    expect(() => correlationTargets({ amplitudeLsb: [10, 10, 40, 10] })).toThrow(expect.objectContaining({ code: 'target-out-of-range', value: 40 }));
    expect(() => correlationTargets({ tau: 5 } as never)).toThrow(expect.objectContaining({ code: 'target-out-of-range', value: 'tau' }));
  });

  it('calibrateCorrelation rejects bad targets, start codes and plans before sending anything', async () => {
    const connection = new CountingConnection();
    await expect(calibrateCorrelation(connection, { tauUs: 100 })).rejects.toMatchObject({ code: 'target-out-of-range', value: 100 });
    await expect(calibrateCorrelation(connection, {}, { startCodes: { ramp: 1023 } })).rejects.toMatchObject({ code: 'invalid-calibration', value: 1023 });
    await expect(calibrateCorrelation(connection, {}, { startCodes: { store: [1, 2] } })).rejects.toMatchObject({ code: 'invalid-calibration', value: 2 });
    await expect(calibrateCorrelation(connection, {}, { plan: { delaysUs: [2, 1] } })).rejects.toMatchObject({ code: 'invalid-calibration' });
    await expect(calibrateCorrelation(connection, {}, { plan: { pairs: 0 } })).rejects.toMatchObject({ code: 'invalid-calibration', value: 0 });
    await expect(calibrateCorrelation(connection, {}, { baselineRepeats: 0.5 })).rejects.toMatchObject({ code: 'invalid-calibration', value: 0.5 });
    expect(connection.runs).toBe(0);
  });
});

describe('correlation measurement plan and fit', () => {
  it('plans Δ2 − Δ1 = the shortest τ, gaps of 10 τ (the longest) and ~80 LSB at the largest amplitude', () => {
    expect(correlationPlan(correlationTargets())).toEqual({ delaysUs: [0.5, 5.5], pairs: 8, gapUs: 50 });
    expect(correlationPlan(correlationTargets({ tauUs: [3, 5, 12, 25], amplitudeLsb: [1, 2, 3, 4] }))).toEqual({ delaysUs: [0.5, 3.5], pairs: 20, gapUs: 250 });
  });

  it('fits τ and the amplitude at Δt → 0 through two points; no signal means amplitude 0 and no τ', () => {
    const fit = fitExponential(1, 7 * Math.exp(-1 / 4), 9, 7 * Math.exp(-9 / 4));
    expect(fit.tauUs).toBeCloseTo(4, 12);
    expect(fit.amplitudeLsb).toBeCloseTo(7, 12);
    expect(fitExponential(1, 0, 9, 0)).toEqual({ tauUs: Number.NaN, amplitudeLsb: 0 });
    // A second value at least as large as the first: no decay measurable, τ = ∞, the amplitude is the first value.
    expect(fitExponential(1, 3, 9, 3)).toEqual({ tauUs: Number.POSITIVE_INFINITY, amplitudeLsb: 3 });
  });
});
