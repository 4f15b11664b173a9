import { CADCConfig, ChangeSet, Chip } from '@bss2/regs';
import type { CADCOnDLS } from '@bss2/coords';
import { beforeAll, describe, expect, it } from 'vitest';
import { AnalogCore } from './analog-core.js';
import { cadcShows, codeVolts, configureNeuron, enableColumn, runUntil, setCells, setShared, setWeight, SpikeRecorder } from './testing/chip-setup.js';

// An uncalibrated analog chip (fixed pattern and noise on, §10.4, §10.6): neurons 0..495 rest at one common
// v_leak code; neurons 496..511 (synram 1, columns 240..255) integrate MAC bypass charge (§6.1).

const macFirst = 496;
const restVolts = codeVolts(310); // 0.6 V, ±4σ of the offset stays inside the rails
const settled = 2_500_000; // 20 ms = 5 τ_CapMem

function uncalibratedChip(): Chip {
  const chip = new Chip();
  for (const c of [0, 1]) chip.set(CADCConfig, c as CADCOnDLS, { ...chip.get(CADCConfig, c as CADCOnDLS), enable: true });
  setShared(chip, 'cadc_v_ramp_offset', 22); // V_start ≈ 0.06 V
  setShared(chip, 'cadc_i_ramp_slope', 350); // 4.5 mV per LSB
  setShared(chip, 'syn_i_bias_dac', 1022);
  for (let n = 0; n < macFirst; n++) {
    setCells(chip, n, { v_leak: 310, i_bias_leak: 200 });
    configureNeuron(chip, n, { memCapSize: 63 });
  }
  for (let n = macFirst; n < 512; n++) {
    setCells(chip, n, { v_leak: 200, v_reset: 200 }); // 0.39 V: inside the CADC range despite the offsets
    configureNeuron(chip, n, { memCapSize: 63, enBypExc: true, enBypInh: true });
    setWeight(chip, 1, 0, n - 256, 63);
    enableColumn(chip, 1, n - 256);
  }
  for (let s = 0; s < 2; s++) for (let c = 0; c < 256; c++) cadcShows(chip, s, c, 'neuron');
  return chip;
}

function stats(xs: readonly number[]): { mean: number; sd: number } {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  return { mean, sd: Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1)) };
}

describe('uncalibrated analog chip', () => {
  const chip = uncalibratedChip();
  const core = new AnalogCore({ fidelity: 'analog', identity: 'chip-A', noiseSeed: 3 });
  const sink = new SpikeRecorder();
  const resting = Array.from({ length: macFirst }, (_, n) => n);

  beforeAll(() => {
    core.configure(chip, ChangeSet.all(), 0);
    runUntil(core, settled, sink);
  }, 60_000);

  it('scatters the resting potentials with the §10.4 spread (σ 67.5 mV) around the nominal value', () => {
    const { mean, sd } = stats(resting.map((n) => core.membraneVolts(n)));
    const expectedSd = Math.hypot(0.0675, 0.0045); // fixed pattern and membrane noise
    expect(Math.abs(mean - restVolts)).toBeLessThan(0.012);
    expect(sd).toBeGreaterThan(0.88 * expectedSd);
    expect(sd).toBeLessThan(1.12 * expectedSd);
    // The CADC sees the spread too (plus its own channel and ramp mismatch).
    const codes = [0, 1].flatMap((synram) => {
      const out = new Uint8Array(256);
      core.cadcSampleRow(synram, 0, 0, out);
      return [...out].slice(0, synram === 0 ? 256 : macFirst - 256);
    });
    expect(stats(codes).sd).toBeGreaterThan(13);
    expect(sink.cycles).toEqual([]);
  });

  it('adds membrane noise of 4.5 mV rms that decorrelates over τ_mem', () => {
    const before = resting.map((n) => core.membraneVolts(n));
    runUntil(core, settled + 25_000, sink); // 200 µs ≫ τ_mem
    const after = resting.map((n) => core.membraneVolts(n));
    const { sd } = stats(after.map((v, i) => v - (before[i] as number)));
    // The difference of two independent samples has variance 2σ².
    expect(sd / Math.SQRT2).toBeGreaterThan(0.0045 * 0.88);
    expect(sd / Math.SQRT2).toBeLessThan(0.0045 * 1.12);
    // One step later the noise has barely moved (correlation time τ_mem ≈ 10 µs ≫ 96 ns).
    const next = resting.map((n) => core.membraneVolts(n));
    runUntil(core, settled + 25_012, sink);
    const { sd: stepSd } = stats(resting.map((n, i) => core.membraneVolts(n) - (next[i] as number)));
    expect(stepSd).toBeLessThan(0.0045 * 0.3);
  });

  it('integrates MAC events with the §6.1 gain and adds the MAC read noise (N(0, 3) LSB²)', () => {
    const out = new Uint8Array(256);
    const macColumns = Array.from({ length: 512 - macFirst }, (_, i) => macFirst - 256 + i);
    const reads = (): number[][] => Array.from({ length: 200 }, () => (core.cadcSampleRow(1, 0, 0, out), macColumns.map((c) => out[c] as number)));
    const at = core.now;
    for (let n = macFirst; n < 512; n++) core.resetNeuron(n);
    core.synapseRowEvent(1, 0, Uint8Array.from(macColumns), macColumns.length, 1, 31, at);
    const one = reads();
    for (let i = 0; i < 4; i++) core.synapseRowEvent(1, 0, Uint8Array.from(macColumns), macColumns.length, 1, 31, at);
    const five = reads();
    const column = (rows: number[][], i: number): number[] => rows.map((r) => r[i] as number);
    // Repeated reads at one time: only the read noise varies (σ = √3 LSB).
    const readSd = stats(macColumns.map((_, i) => stats(column(one, i)).sd)).mean;
    expect(readSd).toBeGreaterThan(Math.sqrt(3) * 0.85);
    expect(readSd).toBeLessThan(Math.sqrt(3) * 1.15);
    // Four more events: 4 · 0.002 · 31 · 63 ≈ 15.6 LSB, on average over the 16 neurons within the DAC-gain
    // (CV 10 %), input-gain (CV 10 %) and ramp-slope (CV 5 %) mismatch.
    const gains = macColumns.map((_, i) => stats(column(five, i)).mean - stats(column(one, i)).mean);
    const gain = stats(gains);
    expect(gain.mean).toBeGreaterThan(15.6 * 0.85);
    expect(gain.mean).toBeLessThan(15.6 * 1.15);
    expect(gain.sd / gain.mean).toBeGreaterThan(0.05);
  });
});

describe('chip identity', () => {
  function derived(identity: string): Float64Array {
    const core = new AnalogCore({ fidelity: 'analog', identity });
    core.configure(uncalibratedChip(), ChangeSet.all(), 0);
    return Float64Array.from(core.parameters.vLeakVolts);
  }

  it('gives the same chip for the same identity and a different one for another', () => {
    const a = derived('chip-A');
    expect(derived('chip-A')).toEqual(a);
    const b = derived('chip-B');
    expect(b).not.toEqual(a);
    const differences = a.filter((x, i) => Math.abs(x - (b[i] as number)) > 0.01).length;
    expect(differences).toBeGreaterThan(400);
  });

  it('has no mismatch with mismatch: false, and none at ideal fidelity', () => {
    for (const options of [{ fidelity: 'analog', mismatch: false }, { fidelity: 'ideal' }] as const) {
      const core = new AnalogCore({ ...options, identity: 'chip-A' });
      expect(core.fixedPattern.vLeakOffsetVolts.every((x) => x === 0)).toBe(true);
      expect(core.fixedPattern.tauMemFactor.every((x) => x === 1)).toBe(true);
    }
  });
});
