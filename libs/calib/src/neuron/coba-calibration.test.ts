import { TwinConnection } from '@bss2/chip';
import { AtomicNeuronOnDLS, MADCConfigOnDLS, MADCControlOnDLS } from '@bss2/coords';
import { PlaybackProgramBuilder, type Connection } from '@bss2/playback';
import { MADCConfig, MADCControl, NeuronConfig } from '@bss2/regs';
import { beforeAll, describe, expect, it } from 'vitest';
import { waitUs } from '../measure/settle.js';
import { calibrateCobaReversal, offsetCodeFor } from './coba-calibration.js';
import { setNeuronCapMem } from './neuron-setup.js';
import { calibrateRestingPotential, spreadOf } from './potential-calibration.js';
import { STIMULUS_LABEL, type SynapticInputType } from './synaptic-input-setup.js';
import { prepareNeuronBench } from './testing/neuron-bench.js';

// The COBA reversal calibration on an analog twin with the default mismatch (reference §10.4: e_synin_*_rev
// offsets σ = 15 CADC LSB). After each calibration the test measures a sample of neurons itself, on MADC traces
// (not the CADC reads the calibration uses): the response to a train of stimuli at three membrane operating
// points of its own choosing (the rest and two offset currents towards the target), a straight line through
// them, and its zero. Issue 5 asks for a spread of at most 2 CADC LSB.

const connection = new TwinConnection({ identity: 'calib-coba', fidelity: 'analog' });
const MEM_CAP = 63;
const LEAK = 80;
const SAMPLE = [0, 37, 100, 129, 200, 255, 256, 300, 383, 400, 450, 511];

beforeAll(async () => {
  // τ_syn ≈ 10 µs (§10.3: 300 µs / code) and the calix gm default, uncalibrated: the reversal does not depend on them.
  await prepareNeuronBench(connection, MEM_CAP, {
    ...{ v_leak: 214, v_reset: 300, v_threshold: 1000, i_bias_leak: 200, i_bias_reset: 1000 },
    ...{ i_bias_synin_exc_tau: 30, i_bias_synin_inh_tau: 30, i_bias_synin_exc_gm: 500, i_bias_synin_inh_gm: 500 },
  });
  // The leak is the COBA reference: calibrated first, as in calix.
  await calibrateRestingPotential(connection, 'v_leak', LEAK);
}, 300_000);

/** CADC LSB of an MADC sample (reference §10.7: 1.2 V over 1023 codes; 0.15 V reads 20 LSB, 4.5 mV per LSB). */
const lsbOfMadc = (value: number): number => 20 + ((value * 1.2) / 1023 - 0.15) / 0.0045;

const STIMULI = 10;
const PERIOD_US = 100;

/**
 * Neuron n's operating point and mean response (LSB) from an MADC trace of STIMULI stimuli: per stimulus the
 * mean over 40 µs after it minus the mean over the 10 µs before it.
 */
async function madcResponse(n: number, type: SynapticInputType, offset: 'off' | 'up' | 'down'): Promise<{ potential: number; response: number }> {
  const excitatory = type === 'excitatory';
  const config = NeuronConfig.modify(NeuronConfig.defaults(), {
    memCapSize: MEM_CAP,
    enSyninExc: excitatory,
    enSyninInh: !excitatory,
    enMemOff: offset !== 'off',
    invertCurrent: offset === 'down',
  });
  const builder = new PlaybackProgramBuilder();
  builder.write(NeuronConfig, AtomicNeuronOnDLS(n), { ...config, enReadout: true });
  waitUs(builder, 100);
  builder.write(MADCConfig, MADCConfigOnDLS(0), MADCConfig.modify(MADCConfig.defaults(), { numberOfSamples: (STIMULI * PERIOD_US * 125) / 4 }));
  builder.timerReset();
  builder.write(MADCControl, MADCControlOnDLS(0), MADCControl.modify(MADCControl.defaults(), { wakeUp: true, startRecording: true }));
  const start = 2 * 125;
  builder.injectSpikes(Array.from({ length: STIMULI }, () => STIMULUS_LABEL), Array.from({ length: STIMULI }, (_, k) => start + k * PERIOD_US * 125 + 20 * 125));
  builder.waitUntil(start + (STIMULI * PERIOD_US + 5) * 125);
  builder.write(NeuronConfig, AtomicNeuronOnDLS(n), config);
  const samples = (await connection.run(builder.done())).madcSamples;
  const first = samples[0]!.cycles;
  let potential = 0;
  let response = 0;
  for (let k = 0; k < STIMULI; k++) {
    const at = first + k * PERIOD_US * 125 + 20 * 125;
    const window = (fromUs: number, toUs: number): number => {
      const values = samples.filter((s) => s.cycles >= at + fromUs * 125 && s.cycles < at + toUs * 125).map((s) => lsbOfMadc(s.value));
      return values.reduce((a, b) => a + b, 0) / values.length;
    };
    const pre = window(-10, 0);
    potential += pre;
    response += window(0, 40) - pre;
  }
  return { potential: potential / STIMULI, response: response / STIMULI };
}

/** Least-squares line through (potential, response); its zero is the reversal potential. */
function zeroOfLine(points: readonly { potential: number; response: number }[]): number {
  const mx = points.reduce((a, p) => a + p.potential, 0) / points.length;
  const my = points.reduce((a, p) => a + p.response, 0) / points.length;
  const sxy = points.reduce((a, p) => a + (p.potential - mx) * (p.response - my), 0);
  const sxx = points.reduce((a, p) => a + (p.potential - mx) ** 2, 0);
  return mx - my / (sxy / sxx);
}

/** The reversal potential of the sample neurons from MADC traces at the rest and shifts of `shiftsLsb` (signed). */
async function madcReversals(type: SynapticInputType, shiftsLsb: readonly [number, number]): Promise<number[]> {
  const points: { potential: number; response: number }[][] = SAMPLE.map(() => []);
  for (const shift of [0, ...shiftsLsb]) {
    const offset = new PlaybackProgramBuilder();
    setNeuronCapMem(offset, 'i_mem_offset', offsetCodeFor(shift, MEM_CAP, 10));
    waitUs(offset, 40_000);
    await connection.run(offset.done());
    for (const [i, n] of SAMPLE.entries()) points[i]!.push(await madcResponse(n, type, shift === 0 ? 'off' : shift > 0 ? 'up' : 'down'));
  }
  return points.map(zeroOfLine);
}

describe('COBA reversal potential calibration', () => {
  for (const [type, target, shifts] of [
    ['excitatory', 150, [35, 60]],
    ['inhibitory', 50, [-15, -25]],
  ] as const) {
    it(`calibrates the ${type} reversal potential to ${target} LSB within a spread of 2 LSB, measured on MADC traces`, async () => {
      const result = await calibrateCobaReversal(connection, type, target, MEM_CAP);
      console.log(type, 'before', result.before, 'after', result.after);
      expect(result.before.std).toBeGreaterThan(8);
      // Every neuron converged (its own measurement), not only the sample checked below.
      expect(Array.from(result.reversalLsb).filter((v) => !(Math.abs(v - target) <= 2))).toEqual([]);
      const reversals = await madcReversals(type, shifts);
      const check = spreadOf(reversals);
      console.log(type, 'MADC', check, reversals.map((v) => v.toFixed(1)).join(' '));
      expect(Math.abs(check.mean - target)).toBeLessThan(2);
      expect(check.std).toBeLessThanOrEqual(2);
    }, 300_000);
  }

  it('rejects targets and options outside their ranges before anything is sent', async () => {
    const unused = {
      run: () => Promise.reject(new Error('nothing may be sent')),
    } as unknown as Connection;
    const rejects = (type: SynapticInputType, target: number | number[], options = {}) =>
      expect(calibrateCobaReversal(unused, type, target, MEM_CAP, options)).rejects.toMatchObject({ name: 'CalibError', code: 'target-out-of-range' });
    await rejects('excitatory', 201);
    await rejects('excitatory', 59);
    await rejects('inhibitory', 39);
    await rejects('inhibitory', 161);
    await rejects('excitatory', Number.NaN);
    await rejects('excitatory', [150, 150]);
    await rejects('excitatory', 150, { cobaBias: 0 });
    await rejects('inhibitory', 50, { cobaBias: 1023 });
    await expect(calibrateCobaReversal(unused, 'excitatory', 201, MEM_CAP)).rejects.toMatchObject({ value: 201, range: { min: 60, max: 200 } });
  });
});
