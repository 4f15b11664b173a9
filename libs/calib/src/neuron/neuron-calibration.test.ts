import { TwinConnection } from '@bss2/chip';
import { AtomicNeuronOnDLS, MADCConfigOnDLS, MADCControlOnDLS } from '@bss2/coords';
import { PlaybackProgramBuilder } from '@bss2/playback';
import { MADCConfig, MADCControl, NeuronConfig } from '@bss2/regs';
import { beforeAll, describe, expect, it } from 'vitest';
import { waitUs } from '../measure/settle.js';
import { forceReset, setNeuronCapMem, writeNeuronConfigs } from './neuron-setup.js';
import { calibrateRestingPotential, measureMembranes, spreadOf } from './potential-calibration.js';
import { calibrateThreshold, leakCodesFor } from './threshold-calibration.js';
import { calibrateTauMem } from './tau-mem-calibration.js';
import { calibrateTauSyn } from './tau-syn-calibration.js';
import { calibrateSynapticGain, measureSynapticAmplitude } from './synaptic-gain-calibration.js';

import { STIMULUS_LABEL } from './synaptic-input-setup.js';
import { prepareNeuronBench } from './testing/neuron-bench.js';

// The neuron calibrations on an analog twin with the default mismatch (reference §10.4: potentials σ = 15 CADC
// LSB, time constants CV 25 %). After each calibration the test measures again itself — potentials at rest
// with 16 CADC conversions 5 µs apart, the threshold and the time constants from MADC traces of a sample of
// neurons — and requires a spread of at most 2 LSB for potentials and 5 % for time constants (issue 5
// "Judged by"). The CADC is calibrated first, as in calix.

const connection = new TwinConnection({ identity: 'calib-potentials', fidelity: 'analog' });
const MEM_CAP = 63;
let leakCodes: Int32Array = new Int32Array(512);

beforeAll(async () => {
  await prepareNeuronBench(connection, MEM_CAP, { v_leak: 400, v_reset: 300, v_threshold: 1000, i_bias_leak: 200, i_bias_reset: 1000 });
}, 300_000);

async function independentSpread(): Promise<{ mean: number; std: number }> {
  const builder = new PlaybackProgramBuilder();
  waitUs(builder, 1000);
  return spreadOf(await measureMembranes(builder, connection, 16));
}

/** CADC LSB of a voltage on the calibrated scale (reference §10.7: 0.15 V reads 20, 4.5 mV per LSB). */
const lsbOf = (volts: number): number => 20 + (volts - 0.15) / 0.0045;

/** The highest membrane voltage of neuron n in an MADC trace of 60 µs (32 ns samples) while it fires. */
async function madcThreshold(n: number): Promise<number> {
  const builder = new PlaybackProgramBuilder();
  const neuron = AtomicNeuronOnDLS(n);
  builder.write(NeuronConfig, neuron, NeuronConfig.modify(NeuronConfig.defaults(), { memCapSize: MEM_CAP, enThreshComp: true, enFire: true, enReadout: true }));
  // The calibration leaves firing off with the leak above the threshold: the first spike comes as soon as the
  // comparator is on; the trace starts after it, so that it shows the threshold, not the resting leak.
  builder.timerReset().waitUntil(2 * 125);
  builder.write(MADCConfig, MADCConfigOnDLS(0), MADCConfig.modify(MADCConfig.defaults(), { numberOfSamples: 60 * 125 / 4 }));
  builder.timerReset();
  builder.write(MADCControl, MADCControlOnDLS(0), MADCControl.modify(MADCControl.defaults(), { wakeUp: true, startRecording: true }));
  builder.waitUntil(61 * 125);
  builder.write(NeuronConfig, neuron, NeuronConfig.modify(NeuronConfig.defaults(), { memCapSize: MEM_CAP, enThreshComp: true, enFire: true }));
  const result = await connection.run(builder.done());
  return lsbOf((Math.max(...result.madcSamples.map((s) => s.value)) * 1.2) / 1023);
}

/**
 * τ_mem of neuron n from an MADC trace of its recovery after a released forced reset: a log-linear fit of
 * v − L over the first 3 τ, L the trace's end (test-side measurement, independent of the calibration's CADC
 * ratios).
 */
async function madcTauMem(n: number): Promise<number> {
  const builder = new PlaybackProgramBuilder();
  const neuron = AtomicNeuronOnDLS(n);
  const config = NeuronConfig.modify(NeuronConfig.defaults(), { memCapSize: MEM_CAP, enThreshComp: false, enFire: false });
  builder.write(NeuronConfig, neuron, { ...config, enReadout: true });
  builder.write(MADCConfig, MADCConfigOnDLS(0), MADCConfig.modify(MADCConfig.defaults(), { numberOfSamples: (100 * 125) / 4 }));
  forceReset(builder, true);
  builder.timerReset().waitUntil(3 * 125);
  builder.timerReset();
  builder.write(MADCControl, MADCControlOnDLS(0), MADCControl.modify(MADCControl.defaults(), { wakeUp: true, startRecording: true }));
  forceReset(builder, false);
  builder.waitUntil(101 * 125);
  builder.write(NeuronConfig, neuron, config);
  const samples = (await connection.run(builder.done())).madcSamples;
  const volts = samples.map((s) => (s.value * 1.2) / 1023);
  const start = samples[0]!.cycles;
  const rest = volts.slice(-200).reduce((a, b) => a + b, 0) / 200;
  const swing = volts[0]! - rest;
  let sx = 0, sy = 0, sxx = 0, sxy = 0, count = 0;
  samples.forEach((s, i) => {
    const d = (volts[i]! - rest) / swing;
    if (d < 0.25 || d > 0.9) return; // below, the membrane noise (σ ≈ 1 % of the swing) distorts the log
    const x = ((s.cycles - start) * 8) / 1000;
    const y = Math.log(d);
    sx += x; sy += y; sxx += x * x; sxy += x * y; count++;
  });
  const slope = (count * sxy - sx * sy) / (count * sxx - sx * sx);
  return -1 / slope;
}

/** Least-squares slope of ln(d) over time (µs) for the samples whose d lies in [0.2, 0.9]: −1/τ. */
function fitDecayUs(times: number[], d: number[]): number {
  let sx = 0, sy = 0, sxx = 0, sxy = 0, count = 0;
  d.forEach((value, i) => {
    if (value < 0.2 || value > 0.9) return;
    const x = times[i]!;
    const y = Math.log(value);
    sx += x; sy += y; sxx += x * x; sxy += x * y; count++;
  });
  return -(count * sxx - sx * sx) / (count * sxy - sx * sy);
}

/** τ_syn of neuron n from an MADC trace of its excitatory input current after the stimulus. */
async function madcTauSyn(n: number): Promise<number> {
  const builder = new PlaybackProgramBuilder();
  const neuron = AtomicNeuronOnDLS(n);
  const config = NeuronConfig.modify(NeuronConfig.defaults(), { memCapSize: MEM_CAP, enSyninExc: true, readoutSelect: 'exc_synin' });
  builder.write(NeuronConfig, neuron, { ...config, enReadout: true });
  builder.write(MADCConfig, MADCConfigOnDLS(0), MADCConfig.modify(MADCConfig.defaults(), { numberOfSamples: (80 * 125) / 4 }));
  builder.timerReset();
  builder.write(MADCControl, MADCControlOnDLS(0), MADCControl.modify(MADCControl.defaults(), { wakeUp: true, startRecording: true }));
  builder.injectSpikes([STIMULUS_LABEL], [5 * 125]);
  builder.waitUntil(81 * 125);
  builder.write(NeuronConfig, neuron, config);
  const samples = (await connection.run(builder.done())).madcSamples;
  const rest = samples.slice(0, 100).reduce((a, s) => a + s.value, 0) / 100;
  const peakIndex = samples.reduce((best, s, i) => (s.value > samples[best]!.value ? i : best), 0);
  const peak = samples[peakIndex]!.value - rest;
  const after = samples.slice(peakIndex);
  return fitDecayUs(after.map((s) => ((s.cycles - after[0]!.cycles) * 8) / 1000), after.map((s) => (s.value - rest) / peak));
}

describe('neuron calibration', () => {
  it('calibrates the leak potential of all 512 neurons to 80 LSB within a spread of 2 LSB', async () => {
    const result = await calibrateRestingPotential(connection, 'v_leak', 80);
    leakCodes = result.codes;
    expect(result.before.std).toBeGreaterThan(8);
    const check = await independentSpread();
    expect(Math.abs(check.mean - 80)).toBeLessThan(1);
    expect(check.std).toBeLessThanOrEqual(2);
  });

  it('calibrates the threshold to 125 LSB within a spread of 2 LSB, measured on MADC traces', async () => {
    const result = await calibrateThreshold(connection, 125, { codes: leakCodes, target: 80 }, MEM_CAP);
    expect(result.before.std).toBeGreaterThan(8);
    const sample = [0, 37, 100, 129, 200, 255, 256, 300, 383, 400, 450, 511];
    const thresholds: number[] = [];
    for (const n of sample) thresholds.push(await madcThreshold(n));
    const check = spreadOf(thresholds);
    expect(Math.abs(check.mean - 125)).toBeLessThan(2);
    expect(check.std).toBeLessThanOrEqual(2);
  });

  it('calibrates τ_mem to 10 µs within a spread of 5 %, measured on MADC traces', async () => {
    const setup = new PlaybackProgramBuilder();
    writeNeuronConfigs(setup, MEM_CAP, { enThreshComp: false, enFire: false });
    // Leak at 150 LSB, reset low: a recovery swing of ~100 LSB.
    setNeuronCapMem(setup, 'v_leak', leakCodesFor(leakCodes, 80, 150));
    setNeuronCapMem(setup, 'v_reset', 100);
    await connection.run(setup.done());
    const result = await calibrateTauMem(connection, 10);
    expect(Array.from(result.tauUs).filter((t) => !(Math.abs(t - 10) < 1))).toEqual([]);
    expect(result.before.std / result.before.mean).toBeGreaterThan(0.1);
    const sample = [0, 37, 100, 129, 200, 255, 256, 300, 383, 400, 450, 511];
    const taus: number[] = [];
    for (const n of sample) taus.push(await madcTauMem(n));
    const check = spreadOf(taus);
    expect(Math.abs(check.mean - 10)).toBeLessThan(0.5);
    expect(check.std / check.mean).toBeLessThanOrEqual(0.05);
  });

  it('calibrates the excitatory τ_syn to 10 µs within a spread of 5 %, measured on MADC traces', async () => {
    const setup = new PlaybackProgramBuilder();
    setNeuronCapMem(setup, 'v_leak', leakCodes);
    setNeuronCapMem(setup, 'i_bias_synin_exc_gm', 500);
    await connection.run(setup.done());
    const result = await calibrateTauSyn(connection, 'excitatory', 10, MEM_CAP);
    // Every neuron converged (its own measurement), not only the sample checked below.
    expect(Array.from(result.tauUs).filter((t) => !(Math.abs(t - 10) < 1))).toEqual([]);
    const sample = [0, 37, 100, 129, 200, 255, 256, 300, 383, 400, 450, 511];
    const taus: number[] = [];
    for (const n of sample) taus.push(await madcTauSyn(n));
    const check = spreadOf(taus);
    expect(result.before.std / result.before.mean).toBeGreaterThan(0.1);
    expect(Math.abs(check.mean - 10)).toBeLessThan(0.5);
    expect(check.std / check.mean).toBeLessThanOrEqual(0.05);
  });

  it('equalises the excitatory synaptic input strength at the median', async () => {
    const result = await calibrateSynapticGain(connection, 'excitatory', MEM_CAP);
    expect(Array.from(result.amplitude).filter((a) => !(Math.abs(a - result.targetAmplitude) < 3))).toEqual([]);
    expect(result.before.std / result.before.mean).toBeGreaterThan(0.06);
    const builder = new PlaybackProgramBuilder();
    const check = spreadOf(await measureSynapticAmplitude(connection, builder, 8));
    expect(Math.abs(check.mean - result.targetAmplitude) / result.targetAmplitude).toBeLessThan(0.03);
    expect(check.std / check.mean).toBeLessThan(0.03);
  });

  it('calibrates the reset potential (neurons held in reset) to 70 LSB within a spread of 2 LSB', async () => {
    const hold = new PlaybackProgramBuilder();
    writeNeuronConfigs(hold, MEM_CAP, { enThreshComp: false, enFire: false, readoutSelect: 'membrane' });
    setNeuronCapMem(hold, 'v_leak', leakCodes);
    forceReset(hold, true);
    await connection.run(hold.done());
    const result = await calibrateRestingPotential(connection, 'v_reset', 70);
    expect(result.before.std).toBeGreaterThan(8);
    const check = await independentSpread();
    expect(Math.abs(check.mean - 70)).toBeLessThan(1);
    expect(check.std).toBeLessThanOrEqual(2);
  });
});
