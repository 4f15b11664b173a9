import { CADCConfig, CADCChannelConfig, CapMemBlockConfig, ChangeSet, Chip, CommonNeuronBackendConfig, NeuronBackendConfig, NeuronConfig } from '@bss2/regs';
import type { AtomicNeuronOnDLS, CADCChannelOnDLS, CADCOnDLS, CapMemBlockOnDLS, CommonNeuronBackendConfigOnDLS } from '@bss2/coords';
import { describe, expect, it } from 'vitest';
import { AnalogCore } from './analog-core.js';
import { AnalogError } from './analog-error.js';
import { cadcShows, codeVolts, configureNeuron, enableColumn, runUntil, setCells, setShared, setWeight, SpikeRecorder } from './testing/chip-setup.js';

// The facade's register-level behaviour at ideal fidelity: spike counters and reporting, shared firing, holds,
// queued events, time checks, CADC/MADC readout, correlation sensors.

/** A LIF neuron firing regularly from a constant offset current. */
function firing(chip: Chip, n: number, backend: Parameters<typeof NeuronBackendConfig.modify>[1] = {}): void {
  setCells(chip, n, { v_leak: 150, v_reset: 110, v_threshold: 250, i_bias_leak: 200, i_mem_offset: 705 });
  configureNeuron(chip, n, { memCapSize: 63, enMemOff: true, enFire: true, enThreshComp: true }, { refractoryTime: 10, ...backend });
}

function core(chip: Chip): AnalogCore {
  const c = new AnalogCore({ fidelity: 'ideal', identity: 'facade' });
  c.configure(chip, ChangeSet.all(), 0);
  return c;
}

function enableCadc(chip: Chip): void {
  for (const c of [0, 1]) chip.set(CADCConfig, c as CADCOnDLS, { ...chip.get(CADCConfig, c as CADCOnDLS), enable: true });
}

describe('AnalogCore facade (ideal)', () => {
  it('counts spikes in 8 bits with an overflow latch, and resets the counter', () => {
    const chip = new Chip();
    firing(chip, 7);
    const c = core(chip);
    const sink = new SpikeRecorder();
    let cycle = 0;
    while (sink.cycles.length < 300) cycle = c.advanceTo(cycle + 1_000_000, sink);
    expect(c.spikeCounter(7)).toBe(300 - 256);
    expect(c.spikeCounterOverflow(7)).toBe(true);
    c.resetSpikeCounter(7);
    expect(c.spikeCounter(7)).toBe(0);
    expect(c.spikeCounterOverflow(7)).toBe(false);
    const before = sink.cycles.length;
    runUntil(c, cycle + 20_000, sink);
    expect(c.spikeCounter(7)).toBe(sink.cycles.length - before);
  });

  it('reports and counts only master neurons; a non-master neuron still resets', () => {
    const chip = new Chip();
    firing(chip, 1);
    firing(chip, 2, { enNeuronMaster: false });
    const c = core(chip);
    const sink = new SpikeRecorder();
    runUntil(c, 10_000, sink);
    expect(new Set(sink.neurons)).toEqual(new Set([1]));
    expect(c.spikeCounter(2)).toBe(0);
    // Neuron 2 has the same dynamics: it is never far above threshold, so it does reset.
    expect(c.membraneVolts(2)).toBeLessThan(codeVolts(250));
  });

  it('reports the neurons firing at one cycle in index order', () => {
    const chip = new Chip();
    for (const n of [300, 4, 130]) firing(chip, n);
    const c = core(chip);
    const sink = new SpikeRecorder();
    const t = c.advanceTo(100_000, sink);
    expect(sink.neurons).toEqual([4, 130, 300]);
    expect(sink.cycles).toEqual([t, t, t]);
  });

  it('with every event known, reports all spikes up to the target in one call, as the early returns would', () => {
    const chip = new Chip();
    for (const n of [300, 4, 130]) firing(chip, n, { refractoryTime: 10 + (n % 7) });
    const stepped = new SpikeRecorder();
    const early = core(chip);
    expect(early.advanceTo(200_000, stepped)).toBeLessThan(200_000);
    runUntil(early, 200_000, stepped);
    const known = new SpikeRecorder();
    expect(core(chip).advanceTo(200_000, known, true)).toBe(200_000);
    expect(stepped.cycles.length).toBeGreaterThan(30);
    expect(known).toEqual(stepped);
  });

  it('shares firing in a fire group: all members reset, each master reports', () => {
    const chip = new Chip();
    firing(chip, 10, { connectFireToRight: true });
    setCells(chip, 11, { v_leak: 150, v_reset: 70, v_threshold: 250, i_bias_leak: 200 });
    configureNeuron(chip, 11, { memCapSize: 63 }, { connectFireFromRight: true, refractoryTime: 10 });
    const c = core(chip);
    const sink = new SpikeRecorder();
    runUntil(c, 5000, sink);
    const cycles10 = sink.cyclesOf(10);
    expect(cycles10.length).toBeGreaterThan(1);
    expect(sink.cyclesOf(11)).toEqual(cycles10);
    // Neuron 11 never reaches threshold on its own (it rests at v_leak) but was reset to its v_reset.
    expect(c.membraneVolts(11)).toBeLessThan(codeVolts(150) - 0.01);
  });

  it('holds a forceReset block at v_reset and lets the neuron fire again after release', () => {
    const chip = new Chip();
    firing(chip, 3);
    chip.modify(CommonNeuronBackendConfig, 0 as CommonNeuronBackendConfigOnDLS, { forceReset: true });
    const c = core(chip);
    const sink = new SpikeRecorder();
    runUntil(c, 10_000, sink);
    expect(sink.cycles).toEqual([]);
    expect(c.membraneVolts(3)).toBe(codeVolts(110));
    chip.modify(CommonNeuronBackendConfig, 0 as CommonNeuronBackendConfigOnDLS, { forceReset: false });
    const changes = new ChangeSet();
    changes.add(CommonNeuronBackendConfig, 0);
    c.configure(chip, changes, 10_000);
    runUntil(c, 20_000, sink);
    expect(sink.cycles.length).toBeGreaterThan(0);
  });

  it('holds a forceReset block at v_reset at analog fidelity too (kernel hold lanes), and releases it', () => {
    const chip = new Chip();
    firing(chip, 3);
    chip.modify(CommonNeuronBackendConfig, 0 as CommonNeuronBackendConfigOnDLS, { forceReset: true });
    const c = new AnalogCore({ fidelity: 'analog', identity: 'facade', mismatch: false, noise: false });
    c.configure(chip, ChangeSet.all(), 0);
    const sink = new SpikeRecorder();
    // 25 ms: the CapMem has settled (τ = 4 ms, reference §10.3).
    const settled = 3_125_000;
    runUntil(c, settled, sink);
    expect(sink.cycles).toEqual([]);
    expect(Math.abs(c.membraneVolts(3) - codeVolts(110))).toBeLessThan(1e-3); // the CapMem residual after 25 ms
    chip.modify(CommonNeuronBackendConfig, 0 as CommonNeuronBackendConfigOnDLS, { forceReset: false });
    const changes = new ChangeSet();
    changes.add(CommonNeuronBackendConfig, 0);
    c.configure(chip, changes, settled);
    runUntil(c, settled + 10_000, sink);
    expect(sink.cycles.length).toBeGreaterThan(0);
  });

  it('freezes a paused membrane while its synaptic current decays', () => {
    const chip = new Chip();
    setCells(chip, 0, { v_leak: 150, i_bias_leak: 200, i_bias_synin_exc_tau: 60, i_bias_synin_exc_gm: 500 });
    setShared(chip, 'syn_i_bias_dac', 600);
    configureNeuron(chip, 0, { memCapSize: 63, enSyninExc: true, enPause: true, readoutSelect: 'exc_synin' });
    setWeight(chip, 0, 0, 0, 63);
    enableColumn(chip, 0, 0);
    const c = core(chip);
    c.synapseRowEvent(0, 0, Uint8Array.of(0), 1, 1, -1, 0);
    runUntil(c, 2000, new SpikeRecorder());
    expect(c.membraneVolts(0)).toBe(codeVolts(150));
    expect(c.parameters.readoutSelect[0]).toBe(1);
  });

  it('queues events announced for a later cycle and applies them in time order', () => {
    const chip = new Chip();
    setCells(chip, 0, { v_leak: 150, i_bias_leak: 200, i_bias_synin_exc_tau: 60, i_bias_synin_exc_gm: 500 });
    setShared(chip, 'syn_i_bias_dac', 600);
    configureNeuron(chip, 0, { memCapSize: 63, enSyninExc: true });
    setWeight(chip, 0, 0, 0, 63);
    enableColumn(chip, 0, 0);
    const now = core(chip);
    const later = core(chip);
    const sink = new SpikeRecorder();
    const columns = Uint8Array.of(0);
    later.synapseRowEvent(0, 0, columns, 1, 1, -1, 500);
    columns[0] = 99; // the router reuses its buffer: the queued event must have kept a copy
    runUntil(now, 500, sink);
    now.synapseRowEvent(0, 0, Uint8Array.of(0), 1, 1, -1, 500);
    runUntil(now, 900, sink);
    runUntil(later, 900, sink);
    expect(later.membraneVolts(0)).toBe(now.membraneVolts(0));
    expect(now.membraneVolts(0)).toBeGreaterThan(codeVolts(150) + 1e-3);
  });

  it('rejects times before now and neurons out of range', () => {
    const c = core(new Chip());
    c.advanceTo(100, new SpikeRecorder());
    expect(() => c.advanceTo(99, new SpikeRecorder())).toThrow(AnalogError);
    expect(() => c.synapseRowEvent(0, 0, Uint8Array.of(0), 1, 1, -1, 50)).toThrow(/before the simulation time/);
    expect(() => c.membraneVolts(512)).toThrow(AnalogError);
    expect(() => new AnalogCore({ fidelity: 'exact' as never, identity: 'x' })).toThrow(/fidelity/);
  });

  it('records MADC samples every 4 cycles from the start cycle, of the enReadout neuron', () => {
    const chip = new Chip();
    setCells(chip, 9, { v_leak: 150, i_bias_leak: 200 });
    setCells(chip, 12, { v_leak: 300, i_bias_leak: 200 });
    configureNeuron(chip, 9, { memCapSize: 63 });
    configureNeuron(chip, 12, { memCapSize: 63, enReadout: true });
    const c = core(chip);
    c.startMadc(5, 10);
    runUntil(c, 12, new SpikeRecorder());
    const values: number[] = [];
    const cycles: number[] = [];
    c.drainMadcSamples(values, cycles);
    expect(cycles).toEqual([10]);
    runUntil(c, 100, new SpikeRecorder());
    c.drainMadcSamples(values, cycles);
    expect(cycles).toEqual([10, 14, 18, 22, 26]);
    expect(values).toEqual(Array(5).fill(Math.round((codeVolts(300) / 1.2) * 1023)));
  });

  it('converts the CapMem debug readout line on debug-switched channels (the reference of the CADC calibration)', () => {
    const chip = new Chip();
    enableCadc(chip);
    setShared(chip, 'stp_v_charge_0', 300);
    cadcShows(chip, 0, 130, 'debug');
    cadcShows(chip, 0, 3, 'debug');
    // Block 1 (north-east, columns 128..255 of synram 0) drives stp_v_charge_0 (column 128, row 0) on its line.
    chip.set(CapMemBlockConfig, 1 as CapMemBlockOnDLS, { ...chip.get(CapMemBlockConfig, 1 as CapMemBlockOnDLS), debugReadoutRow: 0, debugReadoutColumn: 128 });
    const c = core(chip);
    const out = new Uint8Array(256);
    c.cadcSampleRow(0, 0, 0, out);
    expect(out[130]).toBe(Math.round(20 + (codeVolts(300) - 0.15) / 0.0045));
    expect(out[3]).toBe(0); // block 0's debug readout is off: the line reads 0 V
    // A current cell on the line leaves it undriven too.
    chip.set(CapMemBlockConfig, 1 as CapMemBlockOnDLS, { ...chip.get(CapMemBlockConfig, 1 as CapMemBlockOnDLS), debugReadoutRow: 5, debugReadoutColumn: 129 });
    const changes = new ChangeSet();
    changes.add(CapMemBlockConfig, 1);
    c.configure(chip, changes, c.now);
    c.cadcSampleRow(0, 0, 0, out);
    expect(out[130]).toBe(0);
  });

  it('converts membranes on the CADC neuron channels and correlation sensors on the internal ones', () => {
    const chip = new Chip();
    enableCadc(chip);
    setCells(chip, 5, { v_leak: 150, i_bias_leak: 200 });
    configureNeuron(chip, 5, { memCapSize: 63 }, { postOverwrite: true });
    cadcShows(chip, 0, 5, 'neuron');
    cadcShows(chip, 0, 6, 'correlation');
    chip.set(CADCChannelConfig, 5 as CADCChannelOnDLS, { offset: -3 });
    setShared(chip, 'syn_i_bias_store', 500); // A = 10 LSB
    setShared(chip, 'syn_i_bias_ramp', 500); // τ = 5 µs
    configureNeuron(chip, 6, { memCapSize: 63 }, { postOverwrite: true });
    const c = core(chip);
    const out = new Uint8Array(256);
    c.cadcSampleRow(0, 0, 40, out);
    expect(out[5]).toBe(Math.round(20 + (codeVolts(150) - 0.15) / 0.0045) - 3);
    expect(out[6]).toBe(30);
    expect(out[7]).toBe(0); // neither switch: 0 V → clamp(20 − 33) = 0
    // Pre at 1000 on row 40, forced post-pulse 625 cycles (5 µs = τ) later: causal a = 10·e^−1.
    c.synapseRowEvent(0, 40, Uint8Array.of(6), 1, 1, -1, 0);
    runUntil(c, 625, new SpikeRecorder());
    c.blockPostPulse(0);
    c.cadcSampleRow(0, 0, 40, out);
    expect(out[6]).toBe(Math.round(30 + 10 * Math.exp(-1)));
    c.cadcSampleRow(0, 1, 40, out);
    expect(out[6]).toBe(30);
    c.cadcSampleRow(0, 0, 41, out);
    expect(out[6]).toBe(30);
    c.resetCorrelation(0, 40);
    c.cadcSampleRow(0, 0, 40, out);
    expect(out[6]).toBe(30);
    // A disabled CADC reads 0 everywhere.
    chip.set(CADCConfig, 0 as CADCOnDLS, { ...chip.get(CADCConfig, 0 as CADCOnDLS), enable: false });
    const changes = new ChangeSet();
    changes.add(CADCConfig, 0);
    c.configure(chip, changes, c.now);
    c.cadcSampleRow(0, 0, 40, out);
    expect(out.every((x) => x === 0)).toBe(true);
  });

  it('shows a synaptic current as a current-equivalent voltage (readoutSelect exc_synin)', () => {
    const chip = new Chip();
    setCells(chip, 0, { v_leak: 150, i_bias_leak: 200, i_bias_synin_exc_tau: 60, i_bias_synin_exc_gm: 500 });
    setShared(chip, 'syn_i_bias_dac', 600);
    configureNeuron(chip, 0, { memCapSize: 63, enSyninExc: true, enReadout: true, readoutSelect: 'exc_synin' });
    setWeight(chip, 0, 0, 0, 63);
    enableColumn(chip, 0, 0);
    const c = core(chip);
    c.synapseRowEvent(0, 0, Uint8Array.of(0), 1, 1, -1, 0);
    c.startMadc(1, 0);
    const values: number[] = [];
    c.drainMadcSamples(values, []);
    const jumpNa = ((1000 * 600) / 1022) * 0.0216;
    expect(values[0]).toBe(Math.round(((codeVolts(150) + (jumpNa * 10 * 1e-3) / 2.3) / 1.2) * 1023));
  });
});

describe('MAC mode (bypass), ideal', () => {
  /** Neuron 0 integrates bypass charge without leak or firing; rows 0 (exc) and 1 (inh), weight 63. */
  function macChip(): Chip {
    const chip = new Chip();
    enableCadc(chip);
    setShared(chip, 'syn_i_bias_dac', 1022);
    setCells(chip, 0, { v_leak: 70, v_reset: 70 });
    configureNeuron(chip, 0, { memCapSize: 63, enBypExc: true, enBypInh: true });
    setWeight(chip, 0, 0, 0, 63);
    setWeight(chip, 0, 1, 0, 63);
    enableColumn(chip, 0, 0);
    cadcShows(chip, 0, 0, 'neuron');
    return chip;
  }

  it('integrates 0.002·a·w LSB per event and saturates at the rails', () => {
    const c = core(macChip());
    const out = new Uint8Array(256);
    c.resetNeuron(0);
    c.cadcSampleRow(0, 0, 0, out);
    expect(out[0]).toBe(20);
    for (let i = 0; i < 5; i++) c.synapseRowEvent(0, 0, Uint8Array.of(0), 1, 1, 31, 0);
    // 5 events of 0.002·31·63 LSB at the calibrated 4.5 mV per LSB (§6.1).
    expect(c.membraneVolts(0)).toBeCloseTo(0.15 + 5 * 0.002 * 31 * 63 * 0.0045, 12);
    c.cadcSampleRow(0, 0, 0, out);
    expect(out[0]).toBe(Math.round(20 + 5 * 0.002 * 31 * 63));
    // Activation scales linearly; an inhibitory row subtracts.
    c.synapseRowEvent(0, 1, Uint8Array.of(0), 1, 2, 10, 0);
    expect(c.membraneVolts(0)).toBeCloseTo(0.15 + (5 * 31 - 10) * 0.002 * 63 * 0.0045, 12);
    for (let i = 0; i < 200; i++) c.synapseRowEvent(0, 0, Uint8Array.of(0), 1, 1, 31, 0);
    expect(c.membraneVolts(0)).toBe(1.2);
    c.cadcSampleRow(0, 0, 0, out);
    expect(out[0]).toBe(Math.round(20 + (1.2 - 0.15) / 0.0045));
    for (let i = 0; i < 400; i++) c.synapseRowEvent(0, 1, Uint8Array.of(0), 1, 2, 31, 0);
    expect(c.membraneVolts(0)).toBe(0);
    c.cadcSampleRow(0, 0, 0, out);
    expect(out[0]).toBe(0);
  });

  it('keeps the charge without leak as time passes, and a reset clears it', () => {
    const c = core(macChip());
    c.resetNeuron(0);
    c.synapseRowEvent(0, 0, Uint8Array.of(0), 1, 1, -1, 0);
    const v = c.membraneVolts(0);
    expect(v).toBeCloseTo(0.15 + 0.002 * 31 * 63 * 0.0045, 12);
    runUntil(c, 100_000, new SpikeRecorder());
    expect(c.membraneVolts(0)).toBe(v);
    c.resetNeuron(0);
    expect(c.membraneVolts(0)).toBe(codeVolts(70));
  });
});

describe('configure', () => {
  it('starts membranes at their leak potential at the first parameter configuration', () => {
    const chip = new Chip();
    setCells(chip, 42, { v_leak: 400, i_bias_leak: 200 });
    configureNeuron(chip, 42, { memCapSize: 63 });
    expect(core(chip).membraneVolts(42)).toBe(codeVolts(400));
  });

  it('re-derives only what changed and takes NeuronConfig switches into account', () => {
    const chip = new Chip();
    firing(chip, 20);
    const c = core(chip);
    const sink = new SpikeRecorder();
    runUntil(c, 5000, sink);
    expect(sink.cycles.length).toBeGreaterThan(0);
    chip.modify(NeuronConfig, 20 as AtomicNeuronOnDLS, { enFire: false });
    const changes = new ChangeSet();
    changes.add(NeuronConfig, 20);
    c.configure(chip, changes, c.now);
    const before = sink.cycles.length;
    runUntil(c, 50_000, sink);
    expect(sink.cycles.length).toBe(before);
  });
});
