import { ChangeSet, Chip, CommonNeuronBackendConfig } from '@bss2/regs';
import type { CommonNeuronBackendConfigOnDLS } from '@bss2/coords';
import { describe, expect, it } from 'vitest';
import { AnalogCore } from './analog-core.js';
import { codeNanoamps, codeVolts, configureNeuron, enableColumn, runUntil, setCells, setShared, setWeight, SpikeRecorder } from './testing/chip-setup.js';

// Acceptance tests of the ideal fidelity against closed forms and an independent integrator written here.

const cycleUs = 0.008;
const capPf = 2.3; // memCapSize 63
const k = 1e-3 / capPf; // V/µs per nA

/** LIF neuron 5 driven by a constant offset current; refractory and reset of 100 cycles. */
function lifChip(): { chip: Chip; vLeak: number; vReset: number; theta: number; tauMem: number; offsetNa: number } {
  const chip = new Chip();
  const codes = { v_leak: 150, v_reset: 110, v_threshold: 250, i_bias_leak: 200, i_mem_offset: 705 };
  setCells(chip, 5, codes);
  configureNeuron(chip, 5, { memCapSize: 63, enMemOff: true, enFire: true, enThreshComp: true }, { refractoryTime: 100, resetHoldoff: 15 });
  return {
    chip,
    vLeak: codeVolts(codes.v_leak),
    vReset: codeVolts(codes.v_reset),
    theta: codeVolts(codes.v_threshold),
    tauMem: 2000 / codes.i_bias_leak,
    offsetNa: 0.1 * codeNanoamps(codes.i_mem_offset),
  };
}

describe('ideal fidelity', () => {
  it('fires a LIF neuron with constant input at the closed-form times, to the FPGA cycle', () => {
    const { chip, vLeak, vReset, theta, tauMem, offsetNa } = lifChip();
    const core = new AnalogCore({ fidelity: 'ideal', identity: 'lif' });
    core.configure(chip, ChangeSet.all(), 0);
    core.resetNeuron(5);
    const sink = new SpikeRecorder();
    runUntil(core, 20_000, sink);

    const vInf = vLeak + tauMem * k * offsetNa;
    const riseCycles = (tauMem * Math.log((vInf - vReset) / (vInf - theta))) / cycleUs;
    const refractory = 100;
    const spikes = sink.cyclesOf(5);
    expect(spikes.length).toBeGreaterThan(10);
    // From the reset at 0 the first crossing is the first cycle with v ≥ θ; every later spike follows the
    // reset hold of `refractory` cycles and the same rise: t_k = k·(tref + T) − tref with T rounded up to the cycle.
    spikes.forEach((t, i) => {
      expect(t).toBe(Math.ceil(riseCycles) + i * (refractory + Math.ceil(riseCycles)));
      expect(Math.abs(t - ((i + 1) * (refractory + riseCycles) - refractory))).toBeLessThanOrEqual(i + 1);
    });
    expect(sink.neurons.every((n) => n === 5)).toBe(true);
    expect(core.spikeCounter(5)).toBe(spikes.length);
  });

  it('returns from advanceTo right after every spike cycle', () => {
    const { chip } = lifChip();
    const core = new AnalogCore({ fidelity: 'ideal', identity: 'lif' });
    core.configure(chip, ChangeSet.all(), 0);
    const sink = new SpikeRecorder();
    const returns: number[] = [];
    while (core.now < 10_000) returns.push(core.advanceTo(10_000, sink));
    expect(returns.slice(0, -1)).toEqual(sink.cycles);
    expect(returns.at(-1)).toBe(10_000);
  });

  it('uses the refractory clock: refractoryTime · 2^scale cycles, no holdoff means reset = refractory', () => {
    const { chip } = lifChip();
    chip.modify(CommonNeuronBackendConfig, 0 as CommonNeuronBackendConfigOnDLS, { clockScaleSlow: 2 });
    const core = new AnalogCore({ fidelity: 'ideal', identity: 'lif' });
    core.configure(chip, ChangeSet.all(), 0);
    core.resetNeuron(5);
    const sink = new SpikeRecorder();
    runUntil(core, 20_000, sink);
    const spikes = sink.cyclesOf(5);
    const first = spikes[0] as number;
    expect(spikes[1]! - first).toBe(400 + first);
  });

  it('shows a PSP equal to the analytic difference of exponentials', () => {
    const chip = new Chip();
    const codes = { v_leak: 150, i_bias_leak: 200, i_bias_synin_exc_tau: 60, i_bias_synin_exc_gm: 500 };
    setCells(chip, 3, codes);
    setShared(chip, 'syn_i_bias_dac', 600);
    configureNeuron(chip, 3, { memCapSize: 63, enSyninExc: true });
    setWeight(chip, 0, 17, 3, 40);
    enableColumn(chip, 0, 3);
    const core = new AnalogCore({ fidelity: 'ideal', identity: 'psp' });
    core.configure(chip, ChangeSet.all(), 0);
    const sink = new SpikeRecorder();
    runUntil(core, 1000, sink);
    expect(core.membraneVolts(3)).toBeCloseTo(codeVolts(150), 12);
    core.synapseRowEvent(0, 17, Uint8Array.of(3), 1, 1, -1, 1000);

    const tauMem = 10;
    const tauSyn = 300 / codes.i_bias_synin_exc_tau;
    const jumpNa = (40 / 63) * codeNanoamps(600) * 0.0216 * (500 / 500);
    for (const dtCycles of [1, 50, 200, 625, 1250, 2500, 6000]) {
      runUntil(core, 1000 + dtCycles, sink);
      const t = dtCycles * cycleUs;
      const psp = ((k * jumpNa) / (1 / tauMem - 1 / tauSyn)) * (Math.exp(-t / tauSyn) - Math.exp(-t / tauMem));
      // Relative 1e-6: the test's own difference of exponentials cancels at small t.
      expect(Math.abs(core.membraneVolts(3) - codeVolts(150) - psp)).toBeLessThan(1e-6 * psp);
    }
    expect(sink.cycles).toEqual([]);
  });

  it('handles tau_syn = tau_mem (the t·e^{−t/τ} kernel)', () => {
    const chip = new Chip();
    setCells(chip, 0, { v_leak: 150, i_bias_leak: 200, i_bias_synin_inh_tau: 30, i_bias_synin_inh_gm: 500 });
    setShared(chip, 'syn_i_bias_dac', 600);
    configureNeuron(chip, 0, { memCapSize: 63, enSyninInh: true });
    setWeight(chip, 0, 0, 0, 63);
    enableColumn(chip, 0, 0);
    const core = new AnalogCore({ fidelity: 'ideal', identity: 'psp' });
    core.configure(chip, ChangeSet.all(), 0);
    core.synapseRowEvent(0, 0, Uint8Array.of(0), 1, 2, -1, 0);
    const sink = new SpikeRecorder();
    runUntil(core, 1250, sink);
    const t = 1250 * cycleUs;
    const jumpNa = codeNanoamps(600) * 0.0216;
    expect(core.membraneVolts(0) - codeVolts(150)).toBeCloseTo(-k * jumpNa * t * Math.exp(-t / 10), 12);
  });
});

describe('ideal fidelity, AdEx', () => {
  const codes = {
    v_leak: 150, v_reset: 110, v_threshold: 300, v_exp: 230, v_adapt_ref: 150, i_bias_leak: 200, i_bias_exp: 511,
    i_bias_adapt_a: 204, i_bias_adapt_b: 200, i_bias_adapt_tau: 50, i_mem_offset: 600,
  };
  const refractory = 50;

  /** Independent reference: the AdEx equations of the spec, RK4 at 1/100 cycle, threshold checked per cycle. */
  function reference(untilCycle: number): { spikes: number[]; trace: Float64Array } {
    const vL = codeVolts(codes.v_leak);
    const vR = codeVolts(codes.v_reset);
    const theta = codeVolts(codes.v_threshold);
    const vExp = codeVolts(codes.v_exp);
    const vRef = codeVolts(codes.v_adapt_ref);
    const tauMem = 2000 / codes.i_bias_leak;
    const gL = (1000 * capPf) / tauMem; // nS
    const expScale = gL * 0.01 * (codes.i_bias_exp / 511); // nA
    const a = (500 * codes.i_bias_adapt_a) / 1022;
    const b = (20 * codes.i_bias_adapt_b) / 1022;
    const tauW = 2000 / codes.i_bias_adapt_tau;
    const iOff = 0.1 * codeNanoamps(codes.i_mem_offset);
    const clamp = (v: number): number => Math.min(1.2, Math.max(0, v));
    const f = (v: number, w: number, held: boolean): [number, number] => {
      const vc = clamp(v);
      const dv = held ? 0 : (vL - vc) / tauMem + k * (iOff + expScale * Math.exp((vc - vExp) / 0.01) - w);
      return [dv, (a * (vc - vRef) - w) / tauW];
    };
    let v = vL;
    let w = 0;
    let holdEnd = -Infinity;
    let refEnd = -Infinity;
    const spikes: number[] = [];
    const trace = new Float64Array(untilCycle + 1);
    trace[0] = v;
    const h = cycleUs / 100;
    for (let cycle = 0; cycle < untilCycle; cycle++) {
      const held = holdEnd >= cycle + 1;
      for (let s = 0; s < 100; s++) {
        const [k1v, k1w] = f(v, w, held);
        const [k2v, k2w] = f(v + 0.5 * h * k1v, w + 0.5 * h * k1w, held);
        const [k3v, k3w] = f(v + 0.5 * h * k2v, w + 0.5 * h * k2w, held);
        const [k4v, k4w] = f(v + h * k3v, w + h * k3w, held);
        v = clamp(v + (h / 6) * (k1v + 2 * k2v + 2 * k3v + k4v));
        w += (h / 6) * (k1w + 2 * k2w + 2 * k3w + k4w);
      }
      const t = cycle + 1;
      if (v >= theta && refEnd <= t) {
        spikes.push(t);
        v = vR;
        w += b;
        holdEnd = t + refractory;
        refEnd = t + refractory;
      }
      trace[t] = v;
    }
    return { spikes, trace };
  }

  it('matches a 1/100-cycle RK4 reference in spike times (±1 cycle) and trace', () => {
    const until = 25_000; // 200 µs
    const chip = new Chip();
    setCells(chip, 0, codes);
    configureNeuron(chip, 0, { memCapSize: 63, enMemOff: true, enFire: true, enThreshComp: true, enExp: true, enAdapt: true }, { refractoryTime: refractory, enAdaptPulse: true });
    const core = new AnalogCore({ fidelity: 'ideal', identity: 'adex' });
    core.configure(chip, ChangeSet.all(), 0);
    const sink = new SpikeRecorder();
    const ref = reference(until);
    const checks: [number, number][] = [];
    for (let t = 97; t <= until; t += 97) {
      runUntil(core, t, sink);
      checks.push([t, core.membraneVolts(0)]);
    }
    expect(ref.spikes.length).toBeGreaterThan(5);
    // Adaptation: the inter-spike intervals grow.
    expect(ref.spikes[2]! - ref.spikes[1]!).toBeGreaterThan(ref.spikes[1]! - ref.spikes[0]!);
    const spikes = sink.cyclesOf(0);
    expect(spikes.length).toBe(ref.spikes.length);
    spikes.forEach((t, i) => expect(Math.abs(t - ref.spikes[i]!)).toBeLessThanOrEqual(1));
    // Trace: within 0.5 mV away from spikes (a one-cycle shift of a reset is not a trace error).
    for (const [t, v] of checks) {
      if (ref.spikes.some((s) => Math.abs(s - t) <= 3)) continue;
      expect(Math.abs(v - ref.trace[t]!)).toBeLessThan(5e-4);
    }
  });
});

describe('ideal fidelity, deferred row events', () => {
  /**
   * A small random network: synram 0 mixed (thresholds vary, some neurons unconfigured), synram 1 all 256
   * neurons alike (the uniform fold). `bypassNeuron` adds a bypass input to neuron 200 (column switch off, so it
   * receives nothing), which makes the engine deliver every event in place instead of deferring it.
   */
  function network(bypassNeuron: boolean, oneClass: boolean): AnalogCore {
    const chip = new Chip();
    setShared(chip, 'syn_i_bias_dac', 600);
    const base = { v_leak: 150, v_reset: 110, i_bias_leak: 200, i_bias_synin_exc_tau: 60, i_bias_synin_inh_tau: 40, i_bias_synin_exc_gm: 500, i_bias_synin_inh_gm: 400 };
    for (let n = 0; n < 512; n++) {
      if (n < 256 && n % 5 === 4) {
        // Silent neurons: unconfigured (a second time-constant class) or configured alike without firing.
        if (oneClass) {
          setCells(chip, n, base);
          configureNeuron(chip, n, { memCapSize: 63, enSyninExc: true, enSyninInh: true });
        }
        continue;
      }
      setCells(chip, n, { ...base, v_threshold: n < 256 ? 170 + (n % 7) * 3 : 175 });
      configureNeuron(chip, n, { memCapSize: 63, enFire: true, enThreshComp: true, enSyninExc: true, enSyninInh: true }, { refractoryTime: 20, resetHoldoff: 10 });
      enableColumn(chip, n >> 8, n & 255);
    }
    enableColumn(chip, 0, 200, false, false);
    if (bypassNeuron) configureNeuron(chip, 200, { memCapSize: 63, enBypExc: true });
    let seed = 99;
    const random = (): number => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) >>> 8) / 2 ** 24;
    for (let synram = 0; synram < 2; synram++) for (let row = 0; row < 8; row++) for (let column = 0; column < 256; column++) setWeight(chip, synram, row, column, Math.floor(random() * 64));
    const core = new AnalogCore({ fidelity: 'ideal', identity: 'deferred' });
    core.configure(chip, ChangeSet.all(), 0);
    return core;
  }

  it.each([true, false])('gives the same spikes and membranes as delivering every event in place (one class: %s)', (oneClass) => {
    const runs = [false, true].map((bypass) => {
      const core = network(bypass, oneClass);
      const sink = new SpikeRecorder();
      const all = Uint8Array.from({ length: 256 }, (_, c) => c);
      let seed = 7;
      const random = (): number => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) >>> 8) / 2 ** 24;
      const volts: number[] = [];
      let cycle = 0;
      for (let e = 0; e < 3000; e++) {
        cycle += Math.floor(random() * 12);
        runUntil(core, cycle, sink);
        const synram = random() < 0.5 ? 0 : 1;
        const row = Math.floor(random() * 8);
        // Mostly excitatory, some inhibitory, an occasional event announced ahead of the present.
        const mode = row < 6 ? 1 : 2;
        const ahead = random() < 0.05 ? 3 : 0;
        core.synapseRowEvent(synram, row, all, random() < 0.8 ? 256 : 100, mode, -1, cycle + ahead);
        if (e % 97 === 0) volts.push(core.membraneVolts(e % 512));
      }
      runUntil(core, cycle + 500, sink);
      for (let n = 0; n < 512; n++) volts.push(core.membraneVolts(n));
      return { spikes: sink.cycles.map((t, i) => `${t}:${sink.neurons[i]}`), volts };
    });
    expect(runs[0]!.spikes.length).toBeGreaterThan(100);
    expect(runs[0]!.spikes).toEqual(runs[1]!.spikes);
    expect(runs[0]!.volts).toEqual(runs[1]!.volts);
  });
});
