import { ChangeSet, Chip } from '@bss2/regs';
import { describe, expect, it } from 'vitest';
import { AnalogCore } from './analog-core.js';
import { codeNanoamps, codeVolts, configureNeuron, enableColumn, runUntil, setCells, setShared, setWeight, SpikeRecorder } from './testing/chip-setup.js';

// Synaptic input through the column switches and row modes (§1.5, analog spec): what one row event does to the
// synaptic currents (seen through the exc_synin / inh_synin readout) and to the membrane.

const jump63 = codeNanoamps(600) * 0.0216; // nA for w = 63 at syn_i_bias_dac 600, gm 500

function chipWith(column: number, options: { exc?: boolean; inh?: boolean; synInExc?: boolean } = {}): Chip {
  const chip = new Chip();
  setShared(chip, 'syn_i_bias_dac', 600);
  setCells(chip, column, { v_leak: 150, i_bias_leak: 200, i_bias_synin_exc_tau: 60, i_bias_synin_inh_tau: 60, i_bias_synin_exc_gm: 500, i_bias_synin_inh_gm: 500 });
  configureNeuron(chip, column, { memCapSize: 63, enSyninExc: options.synInExc ?? true, enSyninInh: true });
  setWeight(chip, 0, 8, column, 63);
  enableColumn(chip, 0, column, options.exc ?? true, options.inh ?? true);
  return chip;
}

/** Fresh ideal core; one event on row 8 at cycle 0; returns (I_exc-equivalent, I_inh-equivalent, v) after 1 cycle. */
function afterEvent(chip: Chip, column: number, rowMode: number, activation = -1): { exc: number; inh: number; v: number } {
  const core = new AnalogCore({ fidelity: 'ideal', identity: 'syn' });
  core.configure(chip, ChangeSet.all(), 0);
  core.synapseRowEvent(0, 8, Uint8Array.of(column), 1, rowMode, activation, 0);
  const { iExcNa, iInhNa } = (core as unknown as { engine: { state: { iExcNa: Float64Array; iInhNa: Float64Array } } }).engine.state;
  const result = { exc: iExcNa[column] as number, inh: iInhNa[column] as number, v: 0 };
  runUntil(core, 125, new SpikeRecorder());
  result.v = core.membraneVolts(column) - codeVolts(150);
  return result;
}

describe('synaptic input', () => {
  it('adds (w/63)·jump to the excitatory current of the column neuron and raises the membrane', () => {
    const r = afterEvent(chipWith(9), 9, 1);
    expect(r.exc).toBeCloseTo(jump63, 12);
    expect(r.inh).toBe(0);
    expect(r.v).toBeGreaterThan(1e-3);
  });

  it('feeds both inputs in row mode 3, which cancel for equal gains', () => {
    const r = afterEvent(chipWith(9), 9, 3);
    expect(r.exc).toBeCloseTo(jump63, 12);
    expect(r.inh).toBeCloseTo(jump63, 12);
    expect(Math.abs(r.v)).toBeLessThan(1e-12);
  });

  it('drives nothing through a column whose current switch is off', () => {
    const r = afterEvent(chipWith(9, { exc: false }), 9, 1);
    expect(r.exc).toBe(0);
    expect(r.v).toBe(0);
  });

  it('accumulates the current but leaves the membrane alone without enSyninExc', () => {
    const r = afterEvent(chipWith(9, { synInExc: false }), 9, 1);
    expect(r.exc).toBeCloseTo(jump63, 12);
    expect(r.v).toBe(0);
  });

  it('scales the charge by the HAGEN activation a/31', () => {
    const r = afterEvent(chipWith(9), 9, 2, 10);
    expect(r.inh).toBeCloseTo((jump63 * 10) / 31, 12);
    expect(r.v).toBeLessThan(-1e-4);
  });

  it('ignores synapses of weight 0', () => {
    const chip = chipWith(9);
    setWeight(chip, 0, 8, 9, 0);
    const r = afterEvent(chip, 9, 1);
    expect(r.exc).toBe(0);
  });
});
