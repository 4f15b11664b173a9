import { TwinConnection } from '@bss2/chip';
import { CADCChannelType, SynapseOnDLS, SynapseOnSynapseRow, SynapseRowOnSynram, SynramOnDLS } from '@bss2/coords';
import { beforeAll, describe, expect, it } from 'vitest';
import { calibrateCadc } from '../cadc/cadc-calibration.js';
import { calibrateCorrelation, type CorrelationCalibrationResult } from './correlation-calibration.js';
import { configureProbe, probeCorrelation, probeRun, PROBE_ROWS } from './testing/correlation-probe.js';

// The correlation calibration with calix's and the twin's default targets (τ 5 µs, A 10 LSB) on an analog twin,
// after a CADC calibration (as calix requires). The judge is the test's own probe (testing/correlation-probe.ts):
// other rows, other delays (2, 6, 10 µs instead of 0.5 and 5.5 µs), one pairing type per run, a least-squares
// fit — every quadrant must be within 5 % of both targets. The baselines are judged by reading the probe rows
// after a reset and after pairings.

const connection = new TwinConnection({ identity: 'calib-correlation', fidelity: 'analog' });
let result: CorrelationCalibrationResult;

beforeAll(async () => {
  await calibrateCadc(connection);
  result = await calibrateCorrelation(connection);
  await configureProbe(connection);
}, 240_000);

describe('calibrateCorrelation (default targets)', () => {
  it('brings τ_corr and the amplitude of every quadrant within 5 % of the targets, by an independent probe', async () => {
    const probe = await probeCorrelation(connection, [2, 6, 10], 12, 100);
    for (let q = 0; q < 4; q++) {
      expect(Math.abs(probe.tauUs[q]! / 5 - 1)).toBeLessThan(0.05);
      expect(Math.abs(probe.amplitudeLsb[q]! / 10 - 1)).toBeLessThan(0.05);
    }
    expect(result.failures).toEqual([]);
    expect(result.achieved.tauUs.after.std).toBeLessThan(0.05 * 5);
  });

  it('returns every synapse’s baselines: the reads after a reset, which pairings add to', async () => {
    const { causalLsb, acausalLsb } = result.baselines;
    // §10.9: b ~ N(30, 5²) per synapse and type, plus the CADC's digital channel offsets.
    for (const type of [CADCChannelType.causal, CADCChannelType.acausal]) {
      const spread = result.baselines.spread(type);
      expect(spread.mean).toBeGreaterThan(20);
      expect(spread.mean).toBeLessThan(40);
      expect(spread.std).toBeGreaterThan(3);
      expect(spread.std).toBeLessThan(9);
    }
    expect(causalLsb.length).toBe(131072);
    expect(acausalLsb.length).toBe(131072);
    // Pairings at 2 µs: (read − returned baseline) per synapse averages A·e^{−2/5} per pairing.
    const pairs = 6;
    const run = await probeRun(connection, true, 2, pairs, 100);
    let sum = 0;
    let count = 0;
    PROBE_ROWS.forEach((row, r) => {
      for (const synram of [0, 1]) {
        for (let column = 0; column < 256; column++) {
          const synapse = SynapseOnDLS.of(SynramOnDLS(synram), SynapseRowOnSynram(row), SynapseOnSynapseRow(column));
          const ch = synram * 512 + column;
          // The twin's sensors read without noise: a read after a reset is the baseline exactly.
          expect(run.reset[r]![ch]).toBe(result.baselines.get(synapse, CADCChannelType.causal));
          sum += run.paired[r]![ch]! - result.baselines.get(synapse, CADCChannelType.causal);
          count++;
        }
      }
    });
    expect(Math.abs(sum / count / pairs / (10 * Math.exp(-2 / 5)) - 1)).toBeLessThan(0.05);
  });
});
