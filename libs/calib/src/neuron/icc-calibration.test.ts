import { TwinConnection } from '@bss2/chip';
import { AtomicNeuronOnDLS, MADCConfigOnDLS, MADCControlOnDLS } from '@bss2/coords';
import { PlaybackProgramBuilder, type Connection } from '@bss2/playback';
import { MADCConfig, MADCControl, NeuronConfig } from '@bss2/regs';
import { beforeAll, describe, expect, it } from 'vitest';
import { waitUs } from '../measure/settle.js';
import { calibrateIcc, pairSwitches, type IccResult } from './icc-calibration.js';
import { forceReset, setNeuronCapMem } from './neuron-setup.js';
import { spreadOf } from './potential-calibration.js';
import { prepareNeuronBench } from './testing/neuron-bench.js';

// The inter-compartment calibration on an analog twin with the default mismatch (reference §10.4: τ_icc CV 25 %).
// After it the test measures a sample of neurons itself, on MADC traces with the leak switched off (the
// calibration measures with a weak leak and subtracts its nominal rate): without a leak the two equal
// capacitances exchange charge only, so the recorded membrane relaxes to the pair's mean with exactly τ_icc/2.
// Issue 5 asks for a spread of at most 5 %.

const connection = new TwinConnection({ identity: 'calib-icc', fidelity: 'analog' });
const MEM_CAP = 63;
const TARGET_US = 5;
const SAMPLE = [0, 37, 100, 129, 200, 255, 256, 301, 383, 400, 450, 511];

beforeAll(async () => {
  await prepareNeuronBench(connection, MEM_CAP, { v_threshold: 1000, i_bias_reset: 1000 });
}, 600_000);

const SEGMENTS = 16;
const HOLD_CYCLES = 3 * 125;
const FREE_CYCLES = 20 * 125;

/**
 * τ_icc of neuron n as the conductance of its pair: MADC trace of SEGMENTS releases of a forced reset, averaged
 * aligned to the release, minus the end value; a log-linear fit over the part between 90 % and 20 % of the swing.
 */
async function madcTauIcc(n: number, result: IccResult): Promise<number> {
  const conductance = (n & 1) as 0 | 1;
  const builder = new PlaybackProgramBuilder();
  for (const m of [n, n ^ 1]) {
    const holds = m === n;
    builder.write(
      NeuronConfig,
      AtomicNeuronOnDLS(m),
      NeuronConfig.modify(NeuronConfig.defaults(), {
        memCapSize: MEM_CAP,
        ...pairSwitches(m, conductance),
        enCompCondDiv: holds && result.divide[m] === 1,
        enCompCondMul: holds && result.multiply[m] === 1,
        enReadout: holds,
      }),
    );
  }
  const period = HOLD_CYCLES + FREE_CYCLES;
  builder.write(MADCConfig, MADCConfigOnDLS(0), MADCConfig.modify(MADCConfig.defaults(), { numberOfSamples: (SEGMENTS * period) / 4 }));
  builder.timerReset();
  builder.write(MADCControl, MADCControlOnDLS(0), MADCControl.modify(MADCControl.defaults(), { wakeUp: true, startRecording: true }));
  const origin = 16;
  for (let k = 0; k < SEGMENTS; k++) {
    builder.waitUntil(origin + k * period);
    forceReset(builder, true);
    builder.waitUntil(origin + k * period + HOLD_CYCLES);
    forceReset(builder, false);
  }
  builder.waitUntil(origin + SEGMENTS * period + 125);
  const samples = (await connection.run(builder.done())).madcSamples;
  const first = samples[0]!.cycles;
  // Average over the segments, by time since the release (4-cycle MADC grid).
  const bins = new Float64Array(FREE_CYCLES / 4);
  const counts = new Float64Array(FREE_CYCLES / 4);
  for (const s of samples) {
    const inPeriod = (s.cycles - first) % period;
    const bin = Math.floor((inPeriod - HOLD_CYCLES) / 4);
    if (bin < 0 || bin >= bins.length) continue;
    bins[bin] = bins[bin]! + s.value;
    counts[bin] = counts[bin]! + 1;
  }
  const trace = Array.from(bins, (b, i) => b / counts[i]!);
  const end = trace.slice(-125).reduce((a, b) => a + b, 0) / 125;
  const swing = trace[Math.round(0.4 * 125 / 4)]! - end;
  let sx = 0, sy = 0, sxx = 0, sxy = 0, count = 0;
  trace.forEach((v, i) => {
    const d = (v - end) / swing;
    if (i * 4 < 50 || d < 0.2 || d > 0.9) return;
    const x = (i * 4) / 125;
    const y = Math.log(d);
    sx += x; sy += y; sxx += x * x; sxy += x * y; count++;
  });
  const tauTotalUs = -(count * sxx - sx * sx) / (count * sxy - sx * sy);
  return 2 * tauTotalUs;
}

describe('inter-compartment time constant calibration', () => {
  it(`calibrates every neuron's τ_icc to ${TARGET_US} µs within a spread of 5 %, measured on MADC traces`, async () => {
    const result = await calibrateIcc(connection, TARGET_US, MEM_CAP);
    console.log(`τ_icc before ${result.before.mean.toFixed(2)} ± ${result.before.std.toFixed(2)} µs, after ${result.after.mean.toFixed(2)} ± ${result.after.std.toFixed(2)} µs; ÷4 on ${result.divide.reduce((a, b) => a + b, 0)} neurons, ×4 on ${result.multiply.reduce((a, b) => a + b, 0)}`);
    expect(result.before.std / result.before.mean).toBeGreaterThan(0.1);
    // Nearly every neuron converged (its own measurement), not only the sample checked below; the spiking
    // sequence lists the rest as failed.
    const missed = Array.from(result.tauIccUs).filter((t) => !(Math.abs(t - TARGET_US) <= 0.05 * TARGET_US));
    expect(missed.length).toBeLessThanOrEqual(0.01 * 512);
    const check = new PlaybackProgramBuilder();
    setNeuronCapMem(check, 'i_bias_leak', 0);
    waitUs(check, 40_000);
    await connection.run(check.done());
    const taus: number[] = [];
    for (const n of SAMPLE) taus.push(await madcTauIcc(n, result));
    const spread = spreadOf(taus);
    console.log('MADC', spread, taus.map((t) => t.toFixed(2)).join(' '));
    expect(Math.abs(spread.mean - TARGET_US) / TARGET_US).toBeLessThan(0.05);
    expect(spread.std / spread.mean).toBeLessThanOrEqual(0.05);
  }, 600_000);

  it('rejects targets outside 0.1–30 µs (reference §7.4) before anything is sent', async () => {
    const unused = { run: () => Promise.reject(new Error('nothing may be sent')) } as unknown as Connection;
    for (const target of [0.05, 31, Number.NaN, [5, 5]]) {
      await expect(calibrateIcc(unused, target, MEM_CAP)).rejects.toMatchObject({ name: 'CalibError', code: 'target-out-of-range' });
    }
    await expect(calibrateIcc(unused, 31, MEM_CAP)).rejects.toMatchObject({ value: 31, range: { min: 0.1, max: 30 } });
  });
});
