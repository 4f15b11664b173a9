import { ChangeSet, Chip, CommonNeuronBackendConfig } from '@bss2/regs';
import { CommonNeuronBackendConfigOnDLS, type NeuronParameter } from '@bss2/coords';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalogCore } from './analog-core.js';
import type { NeuronState } from './neuron-state.js';
import { configureNeuron, enableColumn, setCells, setShared, setWeight, SpikeRecorder, voltsCode } from './testing/chip-setup.js';

// Split windows (analog-core.ts header): the same network and row events, run with the bottom hemisphere on a
// worker thread and on one thread, must give the same spikes at the same cycles and the same state, bit for bit —
// with mismatch, membrane noise, AdEx, CapMem settling re-derivations and a weight change between windows.

/** A small LCG: the network must be the same in every run. */
function stream(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface RowEvent {
  readonly synram: number;
  readonly row: number;
  readonly rowMode: number;
  readonly cycle: number;
}

const rows = 24;
const allColumns = Uint8Array.from({ length: 256 }, (_, c) => c);

function network(adex: boolean): { chip: Chip; events: RowEvent[] } {
  const random = stream(adex ? 7 : 8);
  const chip = new Chip();
  for (let n = 0; n < 512; n++) {
    const codes: Partial<Record<NeuronParameter, number>> = {
      v_leak: voltsCode(0.42 + 0.05 * random()),
      v_reset: voltsCode(0.375),
      v_threshold: voltsCode(0.6 + 0.1 * random()),
      v_exp: voltsCode(0.6),
      i_bias_leak: 150 + Math.floor(100 * random()),
      i_bias_synin_exc_tau: 60,
      i_bias_synin_inh_tau: 60,
      i_bias_synin_exc_gm: 500,
      i_bias_synin_inh_gm: 700,
      ...(adex ? { i_bias_exp: 511, i_bias_adapt_tau: 40, i_bias_adapt_b: 235, i_bias_adapt_a: Math.floor(200 * random()) } : {}),
    };
    setCells(chip, n, codes);
    configureNeuron(chip, n, { enFire: true, enThreshComp: true, enSyninExc: true, enSyninInh: true, memCapSize: 63, enExp: adex, enAdapt: adex }, { refractoryTime: 20 + Math.floor(100 * random()), enAdaptPulse: adex });
    enableColumn(chip, n >> 8, n & 255);
  }
  for (const block of CommonNeuronBackendConfigOnDLS.all()) chip.modify(CommonNeuronBackendConfig, block, { clockScaleSlow: 1 });
  setShared(chip, 'syn_i_bias_dac', 600);
  for (let synram = 0; synram < 2; synram++) {
    for (let row = 0; row < rows; row++) for (let column = 0; column < 256; column++) setWeight(chip, synram, row, column, Math.floor(64 * random()));
  }
  const events: RowEvent[] = [];
  let cycle = 1;
  while (cycle < 125_000) {
    cycle += 1 + Math.floor(40 * random());
    events.push({ synram: random() < 0.5 ? 0 : 1, row: Math.floor(rows * random()), rowMode: 1 + Math.floor(3 * random()), cycle });
  }
  return { chip, events };
}

interface Outcome {
  readonly spikes: SpikeRecorder;
  readonly membranes: number[];
  readonly counters: number[];
}

/** Runs the events in `windows` stretches (each with every event handed in ahead when `threads`), then 0.2 ms more on one thread. */
/** AdEx (split with idle leaps on: adaptation rules them out) or LIF (split only with idle leaps off). */
function run(adex: boolean, threads: boolean, cores: AnalogCore[], splitNeuron?: number, stretch = 20_000, fromSource = false): Outcome {
  const { chip, events } = network(adex);
  const core = new AnalogCore({ fidelity: 'analog', identity: 'split-window', threads, splitNeuron, idleLeaps: adex });
  cores.push(core);
  core.configure(chip, ChangeSet.all(), 0);
  const spikes = new SpikeRecorder();
  const membranes: number[] = [];
  let next = 0;
  for (let end = stretch; next < events.length; end += stretch) {
    if (end === 3 * stretch) {
      // A weight change between windows: the worker's replica must follow it.
      setWeight(chip, 1, 3, 17, 63);
      setWeight(chip, 0, 5, 200, 0);
      core.configure(chip, ChangeSet.all(), core.now);
    }
    const handIn = (last: number): void => {
      for (; next < events.length && (events[next] as RowEvent).cycle <= last; next++) {
        const e = events[next] as RowEvent;
        core.synapseRowEvent(e.synram, e.row, allColumns, 256, e.rowMode, -1, e.cycle);
      }
    };
    if (threads && fromSource) {
      // As libs/chip does: the core asks for the events a window ahead of what it steps.
      while (core.advanceTo(end, spikes, { routeUntil: handIn }) < end);
    } else if (threads) {
      handIn(end);
      while (core.advanceTo(end, spikes, true) < end);
    } else {
      for (; next < events.length && (events[next] as RowEvent).cycle <= end; next++) {
        const e = events[next] as RowEvent;
        while (core.advanceTo(e.cycle, spikes) < e.cycle);
        core.synapseRowEvent(e.synram, e.row, allColumns, 256, e.rowMode, -1, e.cycle);
      }
      while (core.advanceTo(end, spikes) < end);
    }
    for (let n = 0; n < 512; n++) membranes.push(core.membraneVolts(n));
    // The hidden state too: currents and adaptation (the engine's arrays, read through the facade's field).
    const { state } = (core as unknown as { readonly engine: { readonly state: NeuronState } }).engine;
    for (const quantity of [state.v, state.iExcNa, state.iInhNa, state.wNa, state.refractoryEnd]) membranes.push(...quantity);
  }
  const end = core.now + 25_000;
  while (core.advanceTo(end, spikes) < end);
  for (let n = 0; n < 512; n++) membranes.push(core.membraneVolts(n));
  return { spikes, membranes, counters: Array.from({ length: 512 }, (_, n) => core.spikeCounter(n)) };
}

describe('split windows on two threads', () => {
  const cores: AnalogCore[] = [];
  afterAll(() => {
    for (const c of cores) c.close();
  });

  let single: Outcome;
  beforeAll(() => {
    single = run(true, false, cores);
  });

  // 256: the hemispheres; 100: synram 0's row events split between the threads by column; 512: windows
  // on the calling thread alone; undefined: the split point and the choice of one or two threads following the
  // measured times.
  for (const splitNeuron of [256, 100, 512, undefined]) {
    it(`give the single-thread spikes and state bit for bit (AdEx, mismatch, noise, settling; split at ${splitNeuron ?? 'balance'})`, () => {
      const split = run(true, true, cores, splitNeuron);
      expect((cores.at(-1) as AnalogCore).splitWindowCount).toBeGreaterThan(3);
      expect(single.spikes.cycles.length).toBeGreaterThan(500);
      expect(split.spikes.neurons).toEqual(single.spikes.neurons);
      expect(split.spikes.cycles).toEqual(single.spikes.cycles);
      expect(split.counters).toEqual(single.counters);
      expect(split.membranes).toEqual(single.membranes);
    });
  }

  it('gives the single-thread result with many windows per batch (the worker runs ahead, replies queue up)', () => {
    // Stretches of 60,000 cycles: batches of 7 windows of ~8,600 cycles.
    const reference = run(true, false, cores, undefined, 60_000);
    const split = run(true, true, cores, 256, 60_000);
    expect((cores.at(-1) as AnalogCore).splitWindowCount).toBeGreaterThan(10);
    expect(split.spikes.neurons).toEqual(reference.spikes.neurons);
    expect(split.spikes.cycles).toEqual(reference.spikes.cycles);
    expect(split.counters).toEqual(reference.counters);
    expect(split.membranes).toEqual(reference.membranes);
  });

  it('gives the single-thread result with the events coming from a RowEventSource, one window at a time', () => {
    // Stretches of 60,000 cycles (batches of 7 windows), synram 0 split between the threads by column.
    const reference = run(true, false, cores, undefined, 60_000);
    const split = run(true, true, cores, 100, 60_000, true);
    expect((cores.at(-1) as AnalogCore).twoThreadWindowCount).toBeGreaterThan(10);
    expect(split.spikes.neurons).toEqual(reference.spikes.neurons);
    expect(split.spikes.cycles).toEqual(reference.spikes.cycles);
    expect(split.counters).toEqual(reference.counters);
    expect(split.membranes).toEqual(reference.membranes);
  });

  it('gives the single-thread result for LIF neurons without idle leaps, and splits', () => {
    const lif = run(false, false, cores);
    // 400: synram 1's row events split by column.
    const split = run(false, true, cores, 400);
    expect(lif.spikes.cycles.length).toBeGreaterThan(100);
    expect(split.spikes.neurons).toEqual(lif.spikes.neurons);
    expect(split.spikes.cycles).toEqual(lif.spikes.cycles);
    expect(split.membranes).toEqual(lif.membranes);
    expect((cores.at(-1) as AnalogCore).splitWindowCount).toBeGreaterThan(3);
  });

  it('keeps lastBypass as one thread does where only the worker delivered bypass events', () => {
    // Bypass on for 8 neurons of synram 1 and row events on synram 1 only: split at 256, this thread delivers
    // none of them, yet once bypass is off the worker must clear the entries they marked, as one thread does.
    const lastBypass = (threads: boolean): number[][] => {
      const { chip } = network(true);
      const bypass = (on: boolean) => {
        for (let n = 256; n < 264; n++) configureNeuron(chip, n, { enBypExc: on });
      };
      bypass(true);
      const core = new AnalogCore({ fidelity: 'analog', identity: 'split-window', threads, splitNeuron: threads ? 256 : undefined });
      cores.push(core);
      core.configure(chip, ChangeSet.all(), 0);
      const { state } = (core as unknown as { readonly engine: { readonly state: NeuronState } }).engine;
      const spikes = new SpikeRecorder();
      const snapshots: number[][] = [];
      for (const end of [40_000, 80_000]) {
        if (end === 80_000) {
          bypass(false);
          core.configure(chip, ChangeSet.all(), core.now);
        }
        const cycles = Array.from({ length: 90 }, (_, k) => end - 40_000 + 1 + 400 * k);
        if (threads) {
          for (const [k, cycle] of cycles.entries()) core.synapseRowEvent(1, k % rows, allColumns, 256, 1, -1, cycle);
          while (core.advanceTo(end, spikes, true) < end);
        } else {
          for (const [k, cycle] of cycles.entries()) {
            while (core.advanceTo(cycle, spikes) < cycle);
            core.synapseRowEvent(1, k % rows, allColumns, 256, 1, -1, cycle);
          }
          while (core.advanceTo(end, spikes) < end);
        }
        snapshots.push(Array.from(state.lastBypass));
      }
      return snapshots;
    };
    const one = lastBypass(false);
    const two = lastBypass(true);
    expect(one[0]?.slice(256, 264)).toEqual(Array(8).fill(1));
    expect(one[1]?.slice(256, 264)).toEqual(Array(8).fill(0));
    expect(two).toEqual(one);
    expect((cores.at(-1) as AnalogCore).twoThreadWindowCount).toBeGreaterThan(3);
  });

  it('by default split nothing of a short run and only after 20 ms of hardware time, with the same result', () => {
    const { chip } = network(true);
    const cycle20Ms = 2_500_000;
    const outcome = (threads: boolean | undefined): { windows: number[]; twoThreadWindows: number; membranes: number[] } => {
      const core = new AnalogCore({ fidelity: 'analog', identity: 'split-window', threads });
      cores.push(core);
      core.configure(chip, ChangeSet.all(), 0);
      const spikes = new SpikeRecorder();
      const windows: number[] = [];
      // 10 µs, then up to 20 ms and 2 ms beyond in stretches of 20,000 cycles, every event known (there are none).
      for (const end of [1250, cycle20Ms, cycle20Ms + 250_000]) {
        for (let t = core.now; t < end; ) {
          t = Math.min(end, t + 20_000);
          while (core.advanceTo(t, spikes, true) < t);
        }
        windows.push(core.splitWindowCount);
      }
      return { windows, twoThreadWindows: core.twoThreadWindowCount, membranes: Array.from({ length: 512 }, (_, n) => core.membraneVolts(n)) };
    };
    const gated = outcome(undefined);
    expect(gated.windows.slice(0, 2)).toEqual([0, 0]);
    expect(gated.twoThreadWindows).toBeGreaterThan(3);
    expect(gated.membranes).toEqual(outcome(false).membranes);
  });

  it('rejects a split point that is not a multiple of 4 in 64..448 or 512', () => {
    expect(() => new AnalogCore({ fidelity: 'analog', identity: 'x', threads: true, splitNeuron: 30 })).toThrow(/splitNeuron/);
    expect(() => new AnalogCore({ fidelity: 'analog', identity: 'x', threads: true, splitNeuron: 258 })).toThrow(/multiple of 4/);
    expect(() => new AnalogCore({ fidelity: 'analog', identity: 'x', threads: true, splitNeuron: 452 })).toThrow(/or 512/);
  });
});
