import { ChangeSet, Chip } from '@bss2/regs';
import { describe, expect, it } from 'vitest';
import { AnalogCore } from './analog-core.js';
import { codeNanoamps, codeVolts, configureNeuron, enableColumn, runUntil, setCells, setShared, setWeight, SpikeRecorder } from './testing/chip-setup.js';

// A 2-circuit neuron (reference §2.4: top and bottom circuit of one column, connectBottom, shared firing) at
// `ideal` fidelity is one LIF neuron with twice the capacitance and both leak conductances, propagated in closed
// form (joined-pairs.ts). Checked against the analytic PSP of that neuron, and against the general RK4 cluster
// path (cluster-model.ts) on an identical pair that differs only in an unused inhibitory time constant (which
// keeps it off the closed-form path): same potentials to 1 µV, same spike cycles. At `analog` fidelity (mismatch
// and noise off) the same pair runs as two kernel lanes merged after every step (shorted-membranes.ts) and must
// show the same PSP within 2 % of its peak.

const cycleUs = 0.008;
const columns = 256;

/** Pair at column `top` (bottom circuit top + 256); `inhTau` the bottom circuit's inhibitory τ code. */
function joinedPair(chip: Chip, top: number, inhTau: number, offset: number): void {
  const bottom = top + columns;
  for (const n of [top, bottom]) setCells(chip, n, { v_leak: 150, v_reset: 110, v_threshold: 250, i_bias_leak: 200, i_bias_synin_exc_tau: 60, i_bias_synin_inh_tau: 30, i_bias_synin_exc_gm: 500, i_mem_offset: offset });
  setCells(chip, bottom, { i_bias_synin_inh_tau: inhTau });
  configureNeuron(chip, top, { memCapSize: 63, enSyninExc: true, enMemOff: offset > 0, enFire: true, enThreshComp: true, connectBottom: true }, { refractoryTime: 100, connectFireBottom: true });
  configureNeuron(chip, bottom, { memCapSize: 63, enSyninExc: true, enMemOff: offset > 0 }, { refractoryTime: 100, connectFireBottom: true, enNeuronMaster: false, enNeuronSlave: true });
  // The weight sits in the bottom circuit's synapses (the other hemisphere), as the mapping may put it.
  setWeight(chip, 1, 17, top, 40);
  enableColumn(chip, 1, top);
}

/**
 * The PSP of the weight-40 event: τ_mem = 10 µs for the pair (both circuits 10 µs), τ_syn 5 µs, C = 2 · 2.3 pF,
 * half a single circuit's PSP.
 */
function psp(tUs: number): number {
  const k = 1e-3 / (2 * 2.3);
  const jumpNa = (40 / 63) * codeNanoamps(600) * 0.0216;
  return ((k * jumpNa) / (1 / 10 - 1 / 5)) * (Math.exp(-tUs / 5) - Math.exp(-tUs / 10));
}
const peak = psp(10 * Math.log(2));

function core(offset: number, fidelity: 'ideal' | 'analog' = 'ideal'): AnalogCore {
  const chip = new Chip();
  setShared(chip, 'syn_i_bias_dac', 600);
  joinedPair(chip, 20, 30, offset);
  joinedPair(chip, 40, 31, offset);
  const created = new AnalogCore({ fidelity, identity: 'joined', mismatch: false, noise: false });
  created.configure(chip, ChangeSet.all(), 0);
  return created;
}

describe('2-circuit neurons', () => {
  it('at ideal fidelity show the PSP of one LIF neuron with the summed capacitance and leak, in both circuits', () => {
    const ideal = core(0);
    const sink = new SpikeRecorder();
    const start = 100_003;
    runUntil(ideal, start, sink);
    ideal.synapseRowEvent(1, 17, Uint8Array.of(20, 40), 2, 1, -1, start);
    for (let t = start + 1; t < start + 6000; t += 53) {
      runUntil(ideal, t, sink);
      const expected = psp((t - start) * cycleUs);
      for (const n of [20, 20 + columns]) expect(Math.abs(ideal.membraneVolts(n) - codeVolts(150) - expected), `circuit ${n}`).toBeLessThan(1e-6 * peak);
      expect(Math.abs(ideal.membraneVolts(40) - codeVolts(150) - expected), 'RK4 pair').toBeLessThan(1e-3 * peak);
    }
    expect(sink.neurons).toEqual([]);
  });

  it('at analog fidelity (no mismatch, no noise) follow the same PSP as merged kernel lanes', () => {
    // The CapMem settles first (τ 4 ms).
    const analog = core(0, 'analog');
    const sink = new SpikeRecorder();
    const start = 5_000_005;
    runUntil(analog, start, sink);
    const rest = analog.membraneVolts(20);
    analog.synapseRowEvent(1, 17, Uint8Array.of(20), 1, 1, -1, start);
    for (let t = start + 24; t < start + 6000; t += 96) {
      runUntil(analog, t, sink);
      const expected = psp((t - start) * cycleUs);
      expect(Math.abs(analog.membraneVolts(20) - rest - expected), `at ${t - start} cycles`).toBeLessThan(0.02 * peak);
      expect(analog.membraneVolts(20 + columns)).toBe(analog.membraneVolts(20));
    }
  });

  it('at ideal fidelity fire at the cycles of the RK4 cluster path, once per spike, and follow it within 1 µV', () => {
    const ideal = core(705);
    const sink = new SpikeRecorder();
    const end = 40_000;
    for (let t = 1000; t < end; t += 777) {
      runUntil(ideal, t, sink);
      if (t % 3 === 0) ideal.synapseRowEvent(1, 17, Uint8Array.of(20, 40), 2, 1, -1, t);
      expect(Math.abs(ideal.membraneVolts(20) - ideal.membraneVolts(40)), `v at ${t}`).toBeLessThan(1e-6);
      expect(ideal.membraneVolts(20 + columns)).toBe(ideal.membraneVolts(20));
    }
    const closed = sink.cyclesOf(20);
    expect(closed.length).toBeGreaterThan(5);
    expect(closed).toEqual(sink.cyclesOf(40));
    // Only the masters report: one spike each, the bottom circuits fire with them but stay silent.
    expect(new Set(sink.neurons)).toEqual(new Set([20, 40]));
  });
});
