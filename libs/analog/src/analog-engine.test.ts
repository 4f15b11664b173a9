import { ChangeSet, Chip, NeuronConfig } from '@bss2/regs';
import type { AtomicNeuronOnDLS } from '@bss2/coords';
import { beforeAll, describe, expect, it } from 'vitest';
import { AnalogCore } from './analog-core.js';
import { codeNanoamps, codeVolts, configureNeuron, enableColumn, runUntil, setCells, setShared, setWeight, SpikeRecorder } from './testing/chip-setup.js';

// The analog fidelity against the ideal one and against references written here. Analog CapMem cells settle
// with τ = 4 ms after a write, so every analog core first runs 40 ms (5M cycles) before it is compared.

const cycleUs = 0.008;
const k = 1e-3 / 2.3;
const settled = 5_000_000;

/** Neuron 5: LIF with offset current (switched on later); neuron 3: PSP target; neurons 100/101: two compartments. */
function comparisonChip(): Chip {
  const chip = new Chip();
  setShared(chip, 'syn_i_bias_dac', 600);
  setCells(chip, 5, { v_leak: 150, v_reset: 110, v_threshold: 250, i_bias_leak: 200, i_mem_offset: 705 });
  configureNeuron(chip, 5, { memCapSize: 63, enFire: true, enThreshComp: true }, { refractoryTime: 100 });
  setCells(chip, 3, { v_leak: 150, i_bias_leak: 200, i_bias_synin_exc_tau: 60, i_bias_synin_exc_gm: 500 });
  configureNeuron(chip, 3, { memCapSize: 63, enSyninExc: true });
  setWeight(chip, 0, 17, 3, 40);
  enableColumn(chip, 0, 3);
  // Compartment A = membrane 100, joined through g = C/τ_icc to compartment B = membrane 101 + soma lines 100/101.
  for (const n of [100, 101]) setCells(chip, n, { v_leak: 150, i_bias_leak: 200, i_bias_synin_exc_tau: 60, i_bias_synin_exc_gm: 500, i_bias_nmda: 100 });
  configureNeuron(chip, 100, { memCapSize: 63, enSyninExc: true, connectSoma: true, enCompCond: true, connectSomata: true });
  configureNeuron(chip, 101, { memCapSize: 63, connectSoma: true });
  setWeight(chip, 0, 20, 100, 63);
  enableColumn(chip, 0, 100);
  // Neuron 7: AdEx (the codes of the ideal AdEx test), offset current switched on later.
  setCells(chip, 7, {
    v_leak: 150, v_reset: 110, v_threshold: 300, v_exp: 230, v_adapt_ref: 150, i_bias_leak: 200, i_bias_exp: 511,
    i_bias_adapt_a: 204, i_bias_adapt_b: 200, i_bias_adapt_tau: 50, i_mem_offset: 600,
  });
  configureNeuron(chip, 7, { memCapSize: 63, enFire: true, enThreshComp: true, enExp: true, enAdapt: true }, { refractoryTime: 50, enAdaptPulse: true });
  return chip;
}

/** Fine RK4 (1 ns) of the two-compartment circuit after one event of `jumpNa` into compartment A. */
function twoCompartmentReference(jumpNa: number, times: readonly number[]): [number, number][] {
  const vL = codeVolts(150);
  const c = 2.3;
  const gL = c / 10;
  const g = c / (300 / 100);
  const tauSyn = 5;
  const f = (a: number, b: number, i: number): [number, number] => [
    (gL * (vL - a) + g * (b - a) + 1e-3 * i) / c,
    (gL * (vL - b) + g * (a - b)) / c,
  ];
  let a = vL;
  let b = vL;
  let t = 0;
  const h = 0.001;
  const out: [number, number][] = [];
  for (const until of times) {
    while (t < until - 1e-12) {
      const i0 = jumpNa * Math.exp(-t / tauSyn);
      const ih = jumpNa * Math.exp(-(t + h / 2) / tauSyn);
      const i1 = jumpNa * Math.exp(-(t + h) / tauSyn);
      const [a1, b1] = f(a, b, i0);
      const [a2, b2] = f(a + (h / 2) * a1, b + (h / 2) * b1, ih);
      const [a3, b3] = f(a + (h / 2) * a2, b + (h / 2) * b2, ih);
      const [a4, b4] = f(a + h * a3, b + h * b3, i1);
      a += (h / 6) * (a1 + 2 * a2 + 2 * a3 + a4);
      b += (h / 6) * (b1 + 2 * b2 + 2 * b3 + b4);
      t += h;
    }
    out.push([a, b]);
  }
  return out;
}

// The analog engine keeps its state in float32 (neuron-kernel.ts): a membrane stops moving once the per-step
// change is below half an ulp, ulp(0.3 V)/2 / (1 − e^{−96 ns/10 µs}) ≈ 1.6 µV from where float64 would be; allow
// 5 µV (1/400 of a MADC LSB).
const FLOAT32_STATE_VOLTS = 5e-6;

describe('analog fidelity without mismatch and noise', () => {
  const chip = comparisonChip();
  const ideal = new AnalogCore({ fidelity: 'ideal', identity: 'compare' });
  const analog = new AnalogCore({ fidelity: 'analog', identity: 'compare', mismatch: false, noise: false });
  const sink = new SpikeRecorder();

  beforeAll(() => {
    for (const core of [ideal, analog]) {
      core.configure(chip, ChangeSet.all(), 0);
      runUntil(core, settled, sink);
    }
  });

  it('has settled to the same resting potentials', () => {
    for (const n of [3, 5, 100, 101]) expect(Math.abs(analog.membraneVolts(n) - ideal.membraneVolts(n))).toBeLessThan(FLOAT32_STATE_VOLTS);
    expect(sink.cycles).toEqual([]);
  });

  it('shows the analytic PSP at the step ends and at most one step (96 ns) ahead of it in between', () => {
    const start = settled + 5; // not on the 12-cycle grid
    const jumpNa = (40 / 63) * codeNanoamps(600) * 0.0216;
    const psp = (t: number): number => ((k * jumpNa) / (1 / 10 - 1 / 5)) * (Math.exp(-t / 5) - Math.exp(-t / 10));
    const peak = psp((10 * 5 * Math.log(2)) / 5);
    for (const core of [ideal, analog]) {
      runUntil(core, start, sink);
      core.synapseRowEvent(0, 17, Uint8Array.of(3), 1, 1, -1, start);
    }
    for (let t = start + 1; t < start + 4000; t += 37) {
      runUntil(ideal, t, sink);
      runUntil(analog, t, sink);
      const expected = psp((t - start) * cycleUs);
      expect(Math.abs(ideal.membraneVolts(3) - codeVolts(150) - expected)).toBeLessThan(1e-6 * peak);
      // Inside a step the readout may already show the charge the event delivers up to the step end.
      const ahead = psp((t - start + 12) * cycleUs);
      const seen = analog.membraneVolts(3) - codeVolts(150);
      expect(seen).toBeGreaterThan(Math.min(expected, ahead) - 0.01 * peak);
      expect(seen).toBeLessThan(Math.max(expected, ahead) + 0.01 * peak);
      if (t % 12 === 0) expect(Math.abs(analog.membraneVolts(3) - codeVolts(150) - expected)).toBeLessThan(FLOAT32_STATE_VOLTS);
    }
  });

  it('propagates a PSP into a passive compartment as the two-compartment circuit does', () => {
    const start = settled + 10_001; // inside a step: the event's charge until the step end is delivered at once
    const jumpNa = codeNanoamps(600) * 0.0216;
    for (const core of [ideal, analog]) {
      runUntil(core, start, sink);
      core.synapseRowEvent(0, 20, Uint8Array.of(100), 1, 1, -1, start);
    }
    const times = [0.504, 1, 2, 4, 8, 16, 30];
    const reference = twoCompartmentReference(jumpNa, times);
    const peakB = Math.max(...reference.map(([, b]) => b - codeVolts(150)));
    expect(peakB).toBeGreaterThan(2e-3);
    times.forEach((t, i) => {
      const [a, b] = reference[i] as [number, number];
      const cycle = start + Math.round(t / cycleUs);
      runUntil(ideal, cycle, sink);
      runUntil(analog, cycle, sink);
      expect(Math.abs(ideal.membraneVolts(100) - a)).toBeLessThan(1e-6);
      expect(Math.abs(ideal.membraneVolts(101) - b)).toBeLessThan(1e-6);
      expect(Math.abs(analog.membraneVolts(100) - a)).toBeLessThan(0.02 * peakB);
      expect(Math.abs(analog.membraneVolts(101) - b)).toBeLessThan(0.02 * peakB);
    });
    // The passive compartment's PSP is attenuated and delayed.
    expect(Math.max(...reference.map(([a]) => a - codeVolts(150)))).toBeGreaterThan(peakB);
  });

  it('fires at the ideal spike times (LIF within ±2 cycles, AdEx within 0.5 %) and follows the same trace', () => {
    // On the 12-cycle grid: an analog configure takes effect at the end of the step containing it.
    const start = settled + 20_008;
    for (const core of [ideal, analog]) {
      runUntil(core, start, sink);
      chip.modify(NeuronConfig, 5 as AtomicNeuronOnDLS, { enMemOff: true });
      chip.modify(NeuronConfig, 7 as AtomicNeuronOnDLS, { enMemOff: true });
      const changes = new ChangeSet();
      changes.add(NeuronConfig, 5);
      changes.add(NeuronConfig, 7);
      core.configure(chip, changes, start);
    }
    const idealSpikes = new SpikeRecorder();
    const analogSpikes = new SpikeRecorder();
    const traces: [number, number, number][] = [];
    for (let t = start + 50; t <= start + 20_000; t += 50) {
      runUntil(ideal, t, idealSpikes);
      runUntil(analog, t, analogSpikes);
      traces.push([t, ideal.membraneVolts(5), analog.membraneVolts(5)]);
    }
    const a = analogSpikes.cyclesOf(5);
    const b = idealSpikes.cyclesOf(5);
    expect(b.length).toBeGreaterThan(8);
    expect(a.length).toBe(b.length);
    a.forEach((t, i) => expect(Math.abs(t - b[i]!)).toBeLessThanOrEqual(2));
    for (const [t, vi, va] of traces) {
      if (b.some((s) => Math.abs(s - t) <= 12)) continue;
      expect(Math.abs(vi - va)).toBeLessThan(2e-3);
    }
    // AdEx: the exponential term (Heun) and adaptation (step mean) are not exact; the spike times drift by
    // less than 0.5 % of the elapsed time.
    const adexAnalog = analogSpikes.cyclesOf(7);
    const adexIdeal = idealSpikes.cyclesOf(7);
    expect(adexIdeal.length).toBeGreaterThan(5);
    expect(adexAnalog.length).toBe(adexIdeal.length);
    adexAnalog.forEach((t, i) => expect(Math.abs(t - adexIdeal[i]!) / (adexIdeal[i]! - start)).toBeLessThan(0.005));
  });
});
