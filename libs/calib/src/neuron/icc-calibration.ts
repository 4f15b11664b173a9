import { AtomicNeuronOnDLS } from '@bss2/coords';
import { FPGA_CYCLES_PER_US } from '@bss2/link';
import { PlaybackProgramBuilder, type Connection } from '@bss2/playback';
import { NeuronConfig, type ContainerValue } from '@bss2/regs';
import { NoisyBinarySearch } from '../algorithms/noisy-binary-search.js';
import type { SearchProgress } from '../calibration.js';
import { tauFromDecay } from '../measure/decay.js';
import { CAPMEM_SETTLE_US, waitUs } from '../measure/settle.js';
import type { Spread } from '../result/calibration-result.js';
import { medianTarget, neuronTargets, targetOf } from '../targets/neuron-targets.js';
import { capMemRowCalibration } from './capmem-row-calibration.js';
import { readNeuronMembranes } from './coba-calibration.js';
import { NEURONS, forceReset, setNeuronCapMem } from './neuron-setup.js';
import { spreadOf } from './potential-calibration.js';

// The inter-compartment time constant τ_icc (reference §7.2 step 12, §2.4, calix multicomp.neuron_icc_bias):
// neighbouring neuron circuits 2k and 2k+1 are joined through the conductance of one of them, their membranes
// are held at different reset potentials and released together, and the CADC reads how fast the two equalise.
//
// Switches (§2.4, as libs/analog compartments.ts implements them): the conductance neuron sets connectSoma and
// enCompCond (its membrane reaches its soma line through g = C/τ_icc), its partner connectSoma alone (membrane
// shorted to its soma line), and neuron 2k connectSomata (the two soma lines shorted). With equal capacitances
// the difference of the two membranes decays at 2/τ_icc plus the leak rate (calix: τ_total = 1/(2/τ_icc +
// 1/τ_leak)); the leak is made weak (i_bias_leak LEAK_CODE with enLeakDiv, nominally 320 µs at full capacitance,
// §10.3) and its nominal rate subtracted. The decay is read as the ratio of the difference at t1 and t1 + span
// after the release, both above its value long after, so the release's latency cancels. Every neuron's
// conductance is calibrated: first the even neurons' (partners odd), then the odd neurons'. The /4 and ×4
// options (enCompCondDiv/Mul, §2.2) are chosen per neuron from a probe measurement, as calix's prelude does.

export interface IccOptions {
  readonly settleUs?: number;
  /** Release-and-read cycles per delay, averaged per measurement. */
  readonly repetitions?: number;
  readonly onProgress?: SearchProgress;
  readonly seed?: number;
}

export interface IccResult {
  /** i_bias_nmda per neuron: its conductance's bias. */
  readonly codes: Int32Array;
  /** enCompCondDiv / enCompCondMul per neuron (1 = set) to use with the codes. */
  readonly divide: Uint8Array;
  readonly multiply: Uint8Array;
  /** τ_icc reached per neuron (µs, the search's own measurement, the neuron as the conductance of its pair). */
  readonly tauIccUs: Float64Array;
  readonly before: Spread;
  /** The per-neuron values measured before the search (NaN where there was no response). */
  readonly beforeValues: Float64Array;
  readonly after: Spread;
}

type NeuronConfigValue = ContainerValue<typeof NeuronConfig>;

/** Weak leak while measuring: code 50 with enLeakDiv, τ_leak = 8 · 2000 µs · (C / 2.3 pF) / 50 (§10.3). */
const LEAK_CODE = 50;
const tauLeakUs = (capacitancePf: number): number => (8 * 2000 * (capacitancePf / 2.3)) / LEAK_CODE;
/** Membrane capacitance of mem_cap_size n (§10.3). */
const capacitanceOf = (memCapSize: number): number => 0.1 + (2.2 * memCapSize) / 63;
/** τ_icc · code at full capacitance (§10.3: 300 µs / code at 2.3 pF, ×4 divided, ÷4 multiplied). */
const TAU_CODE_US = 300;
const DIV_MUL_RATIO = 4;
/** Potentials while measuring (CapMem codes, §10.3): both leaks at ~110 LSB, resets ~160 and ~60 LSB. */
const V_LEAK_CODE = 286;
const V_RESET_HIGH_CODE = 406;
const V_RESET_LOW_CODE = 166;
/** Hold in reset before each release; the first read after it (the release reaches the membranes ≤ 28 cycles late). */
const HOLD_US = 2;
const FIRST_READ_US = 0.4;
/** The probe that chooses /4, ×1 or ×4: the code giving ~4 µs at nominal, read over the matching span. */
const PROBE_TAU_US = 4;
/** Largest code a choice may need, so that the search keeps room above it for the mismatch (CV 25 %, §10.4). */
const MAX_CHOSEN_CODE = 800;

/** The switches of neuron n in its pair (2k, 2k+1) when the neuron of parity `conductance` holds the conductance. */
export function pairSwitches(n: number, conductance: 0 | 1): Pick<NeuronConfigValue, 'connectSoma' | 'enCompCond' | 'connectSomata'> {
  return { connectSoma: true, enCompCond: (n & 1) === conductance, connectSomata: (n & 1) === 0 };
}

const measuringConfig = (memCapSize: number): NeuronConfigValue =>
  NeuronConfig.modify(NeuronConfig.defaults(), { memCapSize, enThreshComp: false, enFire: false, enLeakDiv: true, readoutSelect: 'membrane' });

/**
 * Every neuron on its own while the CapMem settles: paired circuits are a compartment graph, which the analog
 * twin integrates step by step, while lone idle neurons cross the 20 ms wait in one leap (libs/analog "Idle
 * leaps"). The pairs are joined again after the wait, before each measurement.
 */
function writeUnpaired(builder: PlaybackProgramBuilder, memCapSize: number): void {
  const config = measuringConfig(memCapSize);
  for (let n = 0; n < NEURONS; n++) builder.write(NeuronConfig, AtomicNeuronOnDLS(n), config);
}

/** Every neuron's configuration for the pass with conductances on parity `conductance`. */
function writePairs(builder: PlaybackProgramBuilder, memCapSize: number, conductance: 0 | 1, divide: Uint8Array, multiply: Uint8Array): void {
  const base = measuringConfig(memCapSize);
  for (let n = 0; n < NEURONS; n++) {
    const holds = (n & 1) === conductance;
    builder.write(NeuronConfig, AtomicNeuronOnDLS(n), { ...base, ...pairSwitches(n, conductance), enCompCondDiv: holds && divide[n] === 1, enCompCondMul: holds && multiply[n] === 1 });
  }
}

/**
 * τ_icc (µs) of the conductance neurons of parity `conductance` (NaN for their partners): per CADC and delay,
 * `repetitions` releases each followed by one conversion of that CADC's causal channels at the delay.
 */
export async function measureIcc(builder: PlaybackProgramBuilder, connection: Connection, conductance: 0 | 1, tauTargetUs: number, memCapSize: number, repetitions: number): Promise<Float64Array> {
  const tauLeak = tauLeakUs(capacitanceOf(memCapSize));
  // The difference decays with τ_total; read e^{−1} of it apart, and the end after 8 τ_total (at least 5 µs).
  const spanUs = 1 / (2 / tauTargetUs + 1 / tauLeak);
  const delaysUs = [FIRST_READ_US, FIRST_READ_US + spanUs, FIRST_READ_US + Math.max(8 * spanUs, 5)];
  const reads = delaysUs.map(() => [] as (() => Float64Array)[]);
  for (const synram of [0, 1]) {
    delaysUs.forEach((delayUs, d) => {
      for (let k = 0; k < repetitions; k++) {
        forceReset(builder, true);
        waitUs(builder, HOLD_US);
        builder.timerReset();
        forceReset(builder, false);
        builder.waitUntil(Math.round(delayUs * FPGA_CYCLES_PER_US));
        (reads[d] as (() => Float64Array)[]).push(readNeuronMembranes(builder, [synram]));
      }
    });
  }
  await connection.run(builder.done());
  // Mean difference conductance neuron − partner per delay (each CADC's reads fill only its own neurons).
  const difference = reads.map((list) => {
    const sum = new Float64Array(NEURONS);
    for (const read of list) {
      const v = read();
      for (let n = 0; n < NEURONS; n++) {
        const partner = n ^ 1;
        if (!Number.isNaN(v[n] as number)) sum[n] = (sum[n] as number) + (v[n] as number) - (v[partner] as number);
      }
    }
    return sum.map((s) => s / repetitions);
  });
  const [first, second, end] = difference as [Float64Array, Float64Array, Float64Array];
  return Float64Array.from({ length: NEURONS }, (_, n) => {
    if ((n & 1) !== conductance) return Number.NaN;
    const total = tauFromDecay(((second[n] as number) - (end[n] as number)) / ((first[n] as number) - (end[n] as number)), spanUs);
    const rate = 1 / total - 1 / tauLeak;
    return rate > 0 ? 2 / rate : Number.POSITIVE_INFINITY;
  });
}

/**
 * Calibrates every neuron's inter-compartment conductance (i_bias_nmda, with /4 or ×4 where that brings the
 * target into range) to `tauIccUs` (one value, or one per neuron; the reads are timed for their median). Needs
 * the CADC calibrated and the membranes' readout switches on the CADC. Changes i_bias_leak, v_leak and v_reset
 * for the measurement and leaves the neurons unpaired, not firing, with their reset released: the caller restores
 * the neuron configuration and those rows. The codes are left written.
 */
export async function calibrateIcc(connection: Connection, tauIccUs: number | readonly number[], memCapSize: number, options: IccOptions = {}): Promise<IccResult> {
  const target = neuronTargets({ tauIccUs })['tauIccUs'] as number | readonly number[];
  const targets = Float64Array.from({ length: NEURONS }, (_, n) => targetOf(target, n));
  const timingTarget = medianTarget(target);
  const settleUs = options.settleUs ?? CAPMEM_SETTLE_US;
  const repetitions = options.repetitions ?? 8;
  const capacitancePf = capacitanceOf(memCapSize);
  const codes = new Int32Array(NEURONS);
  const divide = new Uint8Array(NEURONS);
  const multiply = new Uint8Array(NEURONS);
  const tauIcc = new Float64Array(NEURONS).fill(Number.NaN);
  const before = new Float64Array(NEURONS).fill(Number.NaN);

  const setup = new PlaybackProgramBuilder();
  setNeuronCapMem(setup, 'i_bias_leak', LEAK_CODE);
  setNeuronCapMem(setup, 'v_leak', V_LEAK_CODE);
  await connection.run(setup.done());

  for (const conductance of [0, 1] as const) {
    const holds = (n: number): boolean => (n & 1) === conductance;
    const none = new Uint8Array(NEURONS);
    // The conductance neuron starts high, its partner low.
    const pass = new PlaybackProgramBuilder();
    writeUnpaired(pass, memCapSize);
    setNeuronCapMem(pass, 'v_reset', Int32Array.from({ length: NEURONS }, (_, n) => (holds(n) ? V_RESET_HIGH_CODE : V_RESET_LOW_CODE)));
    const probeCode = Math.max(1, Math.round((TAU_CODE_US * (capacitancePf / 2.3)) / PROBE_TAU_US));
    setNeuronCapMem(pass, 'i_bias_nmda', probeCode);
    waitUs(pass, settleUs);
    writePairs(pass, memCapSize, conductance, none, none);
    const probe = await measureIcc(pass, connection, conductance, PROBE_TAU_US, memCapSize, repetitions);

    // τ·code per neuron from the probe; the largest code (finest step) that stays below MAX_CHOSEN_CODE wins.
    const start = new Int32Array(NEURONS);
    for (let n = 0; n < NEURONS; n++) {
      if (!holds(n)) continue;
      const tauCode = Number.isFinite(probe[n] as number) ? (probe[n] as number) * probeCode : TAU_CODE_US * (capacitancePf / 2.3);
      const need = tauCode / (targets[n] as number);
      if (need * DIV_MUL_RATIO <= MAX_CHOSEN_CODE) divide[n] = 1;
      else if (need > MAX_CHOSEN_CODE) multiply[n] = 1;
      // Before: every neuron at the code a mismatch-free chip would need with its choice (§10.3).
      const nominal = (TAU_CODE_US * (capacitancePf / 2.3) * (divide[n] ? DIV_MUL_RATIO : multiply[n] ? 1 / DIV_MUL_RATIO : 1)) / (targets[n] as number);
      start[n] = Math.max(1, Math.min(1022, Math.round(nominal)));
    }
    const chosen = new PlaybackProgramBuilder();
    writeUnpaired(chosen, memCapSize);
    setNeuronCapMem(chosen, 'i_bias_nmda', start);
    waitUs(chosen, settleUs);
    const measure = (builder: PlaybackProgramBuilder, c: Connection): Promise<Float64Array> => {
      writePairs(builder, memCapSize, conductance, divide, multiply);
      return measureIcc(builder, c, conductance, timingTarget, memCapSize, repetitions);
    };
    const uncalibrated = await measure(chosen, connection);

    const calibration = capMemRowCalibration({
      name: 'inter-compartment time constant',
      parameter: 'i_bias_nmda',
      direction: 'decreasing',
      range: { min: 1, max: 1022 },
      settleUs,
      whileSettling: (builder) => writeUnpaired(builder, memCapSize),
      measure,
    });
    const progress = options.onProgress === undefined ? undefined : (done: number, of: number) => options.onProgress?.(conductance * of + done, 2 * of);
    const result = await new NoisyBinarySearch(5, (options.seed ?? 1) + conductance).run(calibration, connection, targets, progress);
    for (let n = 0; n < NEURONS; n++) {
      if (!holds(n)) continue;
      codes[n] = result.codes[n] as number;
      tauIcc[n] = result.values[n] as number;
      before[n] = uncalibrated[n] as number;
    }
  }
  const apply = new PlaybackProgramBuilder();
  writeUnpaired(apply, memCapSize);
  setNeuronCapMem(apply, 'i_bias_nmda', codes);
  waitUs(apply, settleUs);
  await connection.run(apply.done());
  return { codes, divide, multiply, tauIccUs: tauIcc, before: spreadOf(before), beforeValues: before, after: spreadOf(tauIcc) };
}
