import { AtomicNeuronOnDLS, CapMemBlockOnDLS, CapMemCellOnDLS, CommonNeuronBackendConfigOnDLS, type NeuronParameter } from '@bss2/coords';
import { Chip, CommonNeuronBackendConfig, NeuronBackendConfig, NeuronConfig } from '@bss2/regs';
import { describe, expect, it } from 'vitest';
import { AnalogError } from './analog-error.js';
import { CapMemState, capMemVolts } from './capmem.js';
import { FixedPattern } from './fixed-pattern.js';
import { createNeuronParameters, deriveNeuronParameters, NeuronFlag, type NeuronParameters } from './neuron-parameters.js';

/** A chip, an ideal CapMem and a helper that writes CapMem codes, as the analog core would after a configure. */
function bench(): {
  chip: Chip;
  capmem: CapMemState;
  cell: (n: number, name: NeuronParameter, code: number) => void;
  dac: (block: number, code: number) => void;
  derive: (pattern?: FixedPattern, neurons?: Iterable<number>) => NeuronParameters;
} {
  const chip = new Chip();
  const capmem = new CapMemState(false);
  const out = createNeuronParameters();
  return {
    chip,
    capmem,
    cell: (n, name, code) => capmem.write(CapMemCellOnDLS.ofNeuron(AtomicNeuronOnDLS(n), name), code, 0),
    dac: (block, code) => capmem.write(CapMemCellOnDLS.ofShared(CapMemBlockOnDLS(block), 'syn_i_bias_dac'), code, 0),
    derive: (pattern = FixedPattern.none(), neurons) => {
      deriveNeuronParameters(chip, capmem, pattern, 0, out, neurons);
      return out;
    },
  };
}

const n = 63;

describe('deriveNeuronParameters (§10.3 on a hand-built Chip)', () => {
  it('createNeuronParameters: 512 entries per array', () => {
    const p = createNeuronParameters();
    for (const [key, array] of Object.entries(p)) expect(array, key).toHaveLength(512);
  });

  it('potentials follow V(code); v_exp and v_adapt_ref too', () => {
    const b = bench();
    const names = ['v_leak', 'v_reset', 'v_threshold', 'e_synin_exc_rev', 'e_synin_inh_rev', 'v_exp', 'v_adapt_ref'] as const;
    names.forEach((name, i) => b.cell(n, name, 100 + 100 * i));
    const p = b.derive();
    const keys = ['vLeakVolts', 'vResetVolts', 'vThresholdVolts', 'eRevExcVolts', 'eRevInhVolts', 'vExpVolts', 'vAdaptRefVolts'] as const;
    keys.forEach((key, i) => expect(p[key][n], key).toBeCloseTo(capMemVolts(100 + 100 * i), 12));
    expect(p.vLeakVolts[n + 1]).toBeCloseTo(0.01875, 12);
  });

  it('tau_mem is 10 µs at i_bias_leak 200, mem_cap_size 63; ×8 div, ÷8 mul, both ×1; scales with C', () => {
    const b = bench();
    b.cell(n, 'i_bias_leak', 200);
    b.chip.modify(NeuronConfig, AtomicNeuronOnDLS(n), { memCapSize: 63 });
    expect(b.derive().capacitancePf[n]).toBeCloseTo(2.3, 12);
    expect(b.derive().tauMemUs[n]).toBeCloseTo(10, 9);
    b.chip.modify(NeuronConfig, AtomicNeuronOnDLS(n), { enLeakDiv: true });
    expect(b.derive().tauMemUs[n]).toBeCloseTo(80, 9);
    b.chip.modify(NeuronConfig, AtomicNeuronOnDLS(n), { enLeakMul: true });
    expect(b.derive().tauMemUs[n]).toBeCloseTo(10, 9);
    b.chip.modify(NeuronConfig, AtomicNeuronOnDLS(n), { enLeakDiv: false });
    expect(b.derive().tauMemUs[n]).toBeCloseTo(1.25, 9);
    b.chip.modify(NeuronConfig, AtomicNeuronOnDLS(n), { enLeakMul: false, memCapSize: 0 });
    expect(b.derive().capacitancePf[n]).toBeCloseTo(0.1, 12);
    expect(b.derive().tauMemUs[n]).toBeCloseTo(10 * (0.1 / 2.3), 9);
    b.cell(n, 'i_bias_leak', 0);
    expect(b.derive().tauMemUs[n]).toBe(Infinity);
  });

  it('tau_syn 10 µs at 30, 0.3 µs at 1000; tau_adapt 10 µs at 200; tau_icc 0.29 µs at 1022 (×4 div, ÷4 mul); 0 → Infinity', () => {
    const b = bench();
    b.chip.modify(NeuronConfig, AtomicNeuronOnDLS(n), { memCapSize: 63 });
    b.cell(n, 'i_bias_synin_exc_tau', 30);
    b.cell(n, 'i_bias_synin_inh_tau', 1000);
    b.cell(n, 'i_bias_adapt_tau', 200);
    b.cell(n, 'i_bias_nmda', 1022);
    let p = b.derive();
    expect(p.tauSynExcUs[n]).toBeCloseTo(10, 9);
    expect(p.tauSynInhUs[n]).toBeCloseTo(0.3, 9);
    expect(p.tauAdaptUs[n]).toBeCloseTo(10, 9);
    expect(p.tauIccUs[n]).toBeCloseTo(300 / 1022, 9);
    b.chip.modify(NeuronConfig, AtomicNeuronOnDLS(n), { enCompCondDiv: true });
    expect(b.derive().tauIccUs[n]).toBeCloseTo(4 * 300 / 1022, 9);
    b.chip.modify(NeuronConfig, AtomicNeuronOnDLS(n), { enCompCondDiv: false, enCompCondMul: true });
    expect(b.derive().tauIccUs[n]).toBeCloseTo(300 / 1022 / 4, 9);
    p = b.derive();
    expect(p.tauSynExcUs[n + 1]).toBe(Infinity);
    expect(p.tauAdaptUs[n + 1]).toBe(Infinity);
    expect(p.tauIccUs[n + 1]).toBe(Infinity);
  });

  it('CUBA jump: 12.68 nA at syn_i_bias_dac 600, gm 500 — a 55 mV current-equivalent at 2.3 pF, 10 µs', () => {
    const b = bench();
    b.dac(0, 600);
    b.cell(n, 'i_bias_synin_exc_gm', 500);
    b.cell(n, 'i_bias_synin_inh_gm', 250);
    b.cell(n, 'i_bias_leak', 200);
    b.chip.modify(NeuronConfig, AtomicNeuronOnDLS(n), { memCapSize: 63 });
    const p = b.derive();
    const jump = ((1000 * 600) / 1022) * 0.0216;
    expect(p.synJumpExcNa[n]).toBeCloseTo(jump, 9);
    expect(p.synJumpInhNa[n]).toBeCloseTo(jump / 2, 9);
    expect((((p.synJumpExcNa[n] as number) * (p.tauMemUs[n] as number)) / (p.capacitancePf[n] as number)) * 1e-3).toBeCloseTo(0.055, 3);
  });

  it('the synapse DAC bias comes from the neuron’s own CapMem block', () => {
    const b = bench();
    const bottomEast = 256 + 200; // row 1, column 200 → block SE (3)
    for (const m of [n, bottomEast]) b.cell(m, 'i_bias_synin_exc_gm', 500);
    b.dac(3, 1022);
    const p = b.derive();
    expect(p.synJumpExcNa[n]).toBe(0);
    expect(p.synJumpExcNa[bottomEast]).toBeCloseTo(1000 * 0.0216, 9);
    expect(p.macJumpVolts[n]).toBe(0);
  });

  it('MAC bypass: one (a = 31, w = 63) event at syn_i_bias_dac 1022 is 0.002·31·63 CADC LSB; linear in I(dac)', () => {
    const b = bench();
    b.dac(0, 1022);
    b.dac(1, 511);
    const p = b.derive();
    expect((31 * (p.macJumpVolts[n] as number)) / 0.0045).toBeCloseTo(0.002 * 31 * 63, 9);
    expect(p.macJumpVolts[130]).toBeCloseTo((p.macJumpVolts[n] as number) / 2, 12);
  });

  it('COBA mixing α = code/1022; offset current ±0.1·I with invert_current; only with en_mem_off', () => {
    const b = bench();
    b.cell(n, 'i_bias_synin_exc_coba', 511);
    b.cell(n, 'i_bias_synin_inh_coba', 1022);
    b.cell(n, 'i_mem_offset', 1022);
    let p = b.derive();
    expect(p.cobaExc[n]).toBeCloseTo(0.5, 12);
    expect(p.cobaInh[n]).toBeCloseTo(1, 12);
    expect(p.cobaExc[n + 1]).toBe(0);
    expect(p.offsetCurrentNa[n]).toBe(0);
    b.chip.modify(NeuronConfig, AtomicNeuronOnDLS(n), { enMemOff: true });
    expect(b.derive().offsetCurrentNa[n]).toBeCloseTo(100, 9);
    b.chip.modify(NeuronConfig, AtomicNeuronOnDLS(n), { invertCurrent: true });
    p = b.derive();
    expect(p.offsetCurrentNa[n]).toBeCloseTo(-100, 9);
  });

  it('AdEx: exp scale gL·ΔT·code/511 in nA; adaptation a, b with their invert switches', () => {
    const b = bench();
    b.chip.modify(NeuronConfig, AtomicNeuronOnDLS(n), { memCapSize: 63 });
    b.cell(n, 'i_bias_leak', 200); // gL = 2.3 pF / 10 µs = 0.23 µS
    b.cell(n, 'i_bias_exp', 511);
    b.cell(n, 'i_bias_adapt_a', 511);
    b.cell(n, 'i_bias_adapt_b', 1022);
    let p = b.derive();
    expect(p.expScaleNa[n]).toBeCloseTo(0.23 * 1000 * 0.01, 9);
    expect(p.adaptANs[n]).toBeCloseTo(250, 9);
    expect(p.adaptBNa[n]).toBeCloseTo(20, 9);
    b.chip.modify(NeuronConfig, AtomicNeuronOnDLS(n), { invertAdaptA: true, invertAdaptB: true });
    p = b.derive();
    expect(p.adaptANs[n]).toBeCloseTo(-250, 9);
    expect(p.adaptBNa[n]).toBeCloseTo(-20, 9);
    expect(p.expScaleNa[n + 1]).toBe(0); // no leak → gL = 0
  });

  it('refractory = refractoryTime·2^scale cycles from the selected clock of the neuron’s backend block; reset holdoff; enClocks', () => {
    const b = bench();
    const west = 300; // row 1, column 44 → backend block 0
    const east = 200; // row 0, column 200 → backend block 1
    b.chip.modify(CommonNeuronBackendConfig, CommonNeuronBackendConfigOnDLS(0), { clockScaleSlow: 3, clockScaleFast: 1 });
    b.chip.modify(CommonNeuronBackendConfig, CommonNeuronBackendConfigOnDLS(1), { clockScaleSlow: 5 });
    for (const m of [west, east]) b.chip.modify(NeuronBackendConfig, AtomicNeuronOnDLS(m), { refractoryTime: 10 });
    let p = b.derive();
    expect(p.refractoryCycles[west]).toBe(80);
    expect(p.refractoryCycles[east]).toBe(320);
    expect(p.resetCycles[west]).toBe(80); // holdoff 15 = none: reset lasts the whole refractory period
    b.chip.modify(NeuronBackendConfig, AtomicNeuronOnDLS(west), { selectInputClock: 1, resetHoldoff: 12 });
    p = b.derive();
    expect(p.refractoryCycles[west]).toBe(20);
    expect(p.resetCycles[west]).toBe((10 - 3) * 2);
    b.chip.modify(NeuronBackendConfig, AtomicNeuronOnDLS(west), { resetHoldoff: 0 });
    expect(b.derive().resetCycles[west]).toBe(0);
    b.chip.modify(CommonNeuronBackendConfig, CommonNeuronBackendConfigOnDLS(0), { enClocks: false });
    p = b.derive();
    expect(p.refractoryCycles[west]).toBe(0);
    expect(p.resetCycles[west]).toBe(0);
    expect(p.refractoryCycles[east]).toBe(320);
  });

  it('flags mirror the switches; fire needs both en_fire and en_thresh_comp; readout select by name', () => {
    const b = bench();
    const m = AtomicNeuronOnDLS(n);
    expect(b.derive().flags[n]).toBe(NeuronFlag.master); // reset: en_neuron_master on, everything else off
    b.chip.modify(NeuronConfig, m, { enFire: true });
    expect((b.derive().flags[n] as number) & NeuronFlag.fire).toBe(0);
    b.chip.modify(NeuronConfig, m, {
      enThreshComp: true, enSyninExc: true, enSyninInh: true, enBypExc: true, enBypInh: true, enExp: true, enAdapt: true,
      enReadout: true, enPause: true, enCompCond: true, readoutSelect: 'adaptation',
    });
    b.chip.modify(NeuronBackendConfig, m, { enNeuronMaster: false, enSpikeOut: true, enAdaptPulse: true, postOverwrite: true });
    b.chip.modify(CommonNeuronBackendConfig, CommonNeuronBackendConfigOnDLS(0), { forceReset: true });
    const p = b.derive();
    const all = Object.values(NeuronFlag).reduce((a, f) => a | f, 0);
    expect(p.flags[n]).toBe(all & ~NeuronFlag.master);
    expect(p.readoutSelect[n]).toBe(3);
    expect(p.flags[200]).toBe(NeuronFlag.master); // east block: no forced reset
    expect(p.flags[256 + 5]).toBe(NeuronFlag.master | NeuronFlag.forceReset); // west block, bottom row
  });

  it('applies the fixed pattern: potential offsets, time-constant factors, synaptic gains', () => {
    const b = bench();
    const pattern = FixedPattern.draw('mismatch-chip');
    b.chip.modify(NeuronConfig, AtomicNeuronOnDLS(n), { memCapSize: 63 });
    b.cell(n, 'v_leak', 300);
    b.cell(n, 'v_exp', 300);
    b.cell(n, 'i_bias_leak', 200);
    b.cell(n, 'i_bias_synin_exc_tau', 30);
    b.cell(n, 'i_bias_synin_exc_gm', 500);
    b.dac(0, 600);
    const p = b.derive(pattern);
    expect(p.vLeakVolts[n]).toBeCloseTo(capMemVolts(300) + (pattern.vLeakOffsetVolts[n] as number), 12);
    expect(p.vExpVolts[n]).toBeCloseTo(capMemVolts(300), 12);
    expect(p.tauMemUs[n]).toBeCloseTo(10 * (pattern.tauMemFactor[n] as number), 9);
    expect(p.tauSynExcUs[n]).toBeCloseTo(10 * (pattern.tauSynExcFactor[n] as number), 9);
    expect(p.synJumpExcNa[n]).toBeCloseTo(((1000 * 600) / 1022) * 0.0216 * (pattern.syninGainExc[n] as number), 9);
  });

  it('a settling CapMem moves the parameters continuously (analog)', () => {
    const chip = new Chip();
    const capmem = new CapMemState(true);
    const cell = CapMemCellOnDLS.ofNeuron(AtomicNeuronOnDLS(n), 'v_leak');
    capmem.write(cell, 550, 0);
    const out = createNeuronParameters();
    deriveNeuronParameters(chip, capmem, FixedPattern.none(), 500_000, out);
    expect(out.vLeakVolts[n]).toBeCloseTo(capMemVolts(550) + (capMemVolts(0) - capMemVolts(550)) * Math.exp(-1), 9);
  });

  it('recomputes only the listed neurons, and rejects bad indices', () => {
    const b = bench();
    b.cell(1, 'v_leak', 500);
    b.cell(2, 'v_leak', 500);
    const p = b.derive(FixedPattern.none(), [1]);
    expect(p.vLeakVolts[1]).toBeCloseTo(capMemVolts(500), 12);
    expect(p.vLeakVolts[2]).toBe(0); // untouched since createNeuronParameters
    expect(() => b.derive(FixedPattern.none(), [512])).toThrow(AnalogError);
  });
});
