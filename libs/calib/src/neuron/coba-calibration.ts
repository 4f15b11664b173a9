import { AtomicNeuronOnDLS, CADCChannelType, CADCReadoutType, CADCSampleQuadOnDLS, SynapseQuadOnSynram, SynramOnDLS } from '@bss2/coords';
import { FPGA_CYCLES_PER_US } from '@bss2/link';
import { PlaybackProgramBuilder, type Connection, type ContainerTicket } from '@bss2/playback';
import { CADCSampleQuad, NeuronConfig, type ContainerValue } from '@bss2/regs';
import { CalibError } from '../calib-error.js';
import type { SearchProgress } from '../calibration.js';
import { CAPMEM_SETTLE_US, waitUs } from '../measure/settle.js';
import type { Spread } from '../result/calibration-result.js';
import { neuronTargets, targetOf } from '../targets/neuron-targets.js';
import { NEURONS, setNeuronCapMem, setSharedCapMem } from './neuron-setup.js';
import { measureMembranes, spreadOf } from './potential-calibration.js';
import { configureStimulus, STIMULUS_LABEL, type SynapticInputType } from './synaptic-input-setup.js';

// The COBA reversal potentials (reference §7.2 step 7, §7.4): with the input conductance-based
// (i_bias_synin_{exc,inh}_coba > 0), a synaptic event moves the membrane in proportion to the distance between
// the membrane and the potential where the input's effect vanishes. That potential is measured where calix
// measures it, by the amplitude at two membrane operating points extrapolated to zero, and e_synin_{exc,inh}_rev
// is searched until it sits at the target.
//
// The two operating points are the rest and the rest moved towards the target by the membrane offset current
// (NeuronConfig.enMemOff, i_mem_offset, sign by invertCurrent), not by the leak as in calix: the twin's COBA
// model normalises its driving force at v_leak (libs/analog README, f(v) = (1 − α) + α·(E_rev − v)/(E_rev −
// v_leak)), so an input measured at rest always shows its CUBA amplitude wherever the leak is. The offset current
// moves the membrane without moving that reference. f is linear in v, so the whole response to a stimulus
// train starting at a steady potential v0 scales exactly with (v_rev − v0): the sum of CADC reads minus the
// read just before each stimulus gives R(v0) = c·(v_rev − v0), and two points give v_rev. Every delay is the
// same at both points, so the CADC's conversion order cancels.

export interface CobaReversalOptions {
  /**
   * i_bias_synin_{exc,inh}_coba of every neuron: the COBA strength α = code/1022 (libs/analog README). The
   * default, 1022, makes the input fully conductance-based: its effect vanishes at e_synin_*_rev itself.
   */
  readonly cobaBias?: number;
  /** syn_i_bias_dac of every block during the measurement (calix target default 600). */
  readonly synapseDacBias?: number;
  /** τ_mem assumed when choosing the offset current of the second operating point (the calibrated 10 µs). */
  readonly tauMemUs?: number;
  /** Stimuli per operating point and measurement. */
  readonly repetitions?: number;
  readonly settleUs?: number;
  readonly onProgress?: SearchProgress;
}

export interface CobaReversalResult {
  /** e_synin_{exc,inh}_rev per neuron. */
  readonly codes: Int32Array;
  /** The reversal potential reached (CADC LSB, the search's own measurement). */
  readonly reversalLsb: Float64Array;
  readonly before: Spread;
  /** The per-neuron values measured before the search (NaN where there was no response). */
  readonly beforeValues: Float64Array;
  readonly after: Spread;
  /** i_mem_offset per neuron and whether its current is inverted (the second operating point). */
  readonly offsetCodes: Int32Array;
  readonly offsetInverted: Uint8Array;
}

/** The per-neuron CapMem rows of each input's COBA circuit (reference §2.3). */
export const COBA_CELLS = {
  excitatory: { reversal: 'e_synin_exc_rev', bias: 'i_bias_synin_exc_coba', target: 'eCobaReversalExc' },
  inhibitory: { reversal: 'e_synin_inh_rev', bias: 'i_bias_synin_inh_coba', target: 'eCobaReversalInh' },
} as const;

/**
 * Synapse drivers per PADI bus that pass the stimulus: 16 full-weight events per neuron, twice the synaptic
 * calibrations' stimulus. The response's slope over v0 grows with it, and so does the precision of the
 * extrapolation; with α = 1 the membrane cannot pass E_rev, so a large response stays in the CADC's range.
 */
const STIMULUS_DRIVERS = 8;
/** The second operating point lies this fraction of the way from the rest to the target (calix: 0.8)… */
const TOWARDS_TARGET = 0.8;
/** …but at least this far from the rest (CADC LSB), so that two points never coincide. */
const MIN_SHIFT_LSB = 20;
/** Membrane settling after an operating point is switched (10 τ_mem at 10 µs). */
const SWITCH_US = 100;
/** CADC reads after each stimulus, around the peak of a PSP with τ_mem = τ_syn = 10 µs. */
const RESPONSE_DELAYS_US = [4, 8, 12, 16];
/** The stimulus comes after the read that precedes it (1 µs); the train's period is 10 τ (the response decayed). */
const STIMULUS_US = 2;
const PERIOD_US = 100;

/**
 * The search: e_synin_*_rev is a CapMem voltage cell, linear at 1.875 mV = 0.417 LSB per code (§10.3) with only
 * an additive per-neuron offset (§10.4), and the reversal moves by that over α. So every measurement predicts
 * each neuron's code (a linear model as calix's PredictiveModel, §7.5); the median of PREDICTIONS measurements
 * near the target averages the read noise, and one more measurement reports what the final codes reach:
 * PREDICTIONS + 2 measurements instead of a binary search's 14.
 */
const LSB_PER_CODE = 1.875 / 4.5;
const PREDICTIONS = 4;
/**
 * The first measurement places every reversal 3 σ of the e_synin_*_rev mismatch (§10.4: 15 LSB) beyond the
 * target, away from the leak. No neuron then starts with E_rev near its leak, where the twin's COBA factor
 * (normalised by E_rev − v_leak, libs/analog README) makes the input conductance diverge and the analog
 * engine's explicit step drives the membrane into the rail (seen as reads of 0): a reversal too close to the
 * leak cannot be measured.
 */
const START_BEYOND_LSB = 45;

/** Nominal CapMem voltage code for a potential in CADC LSB (reference §10.3, §10.7: 0.15 V ↔ 20 LSB ↔ code 70). */
const voltageCode = (lsb: number): number => Math.max(0, Math.min(1022, Math.round(70 + ((lsb - 20) * 4.5) / 1.875)));

/**
 * The i_mem_offset code that moves a membrane by `lsb` CADC LSB against its leak conductance C/τ_mem: 4.5 mV per
 * LSB (§10.2), C from mem_cap_size (§10.3), offset current 0.1 × 1 µA × code/1022 (libs/analog README).
 */
export function offsetCodeFor(lsb: number, memCapSize: number, tauMemUs: number): number {
  const capacitancePf = 0.1 + (2.2 * memCapSize) / 63;
  const currentNa = (Math.abs(lsb) * 4.5e-3 * capacitancePf * 1e3) / tauMemUs;
  return Math.max(0, Math.min(1022, Math.round((currentNa / 0.1) * (1022 / 1000))));
}

/** The switches of one operating point: firing off, the input under test on, the offset current on or off. */
function writeOperatingPoint(builder: PlaybackProgramBuilder, memCapSize: number, type: SynapticInputType, offset: Uint8Array | undefined): void {
  const excitatory = type === 'excitatory';
  const rest = NeuronConfig.modify(NeuronConfig.defaults(), {
    memCapSize,
    enThreshComp: false,
    enFire: false,
    enSyninExc: excitatory,
    enSyninInh: !excitatory,
    readoutSelect: 'membrane',
    enMemOff: offset !== undefined,
  });
  const inverted = NeuronConfig.modify(rest, { invertCurrent: true });
  for (let n = 0; n < NEURONS; n++) builder.write(NeuronConfig, AtomicNeuronOnDLS(n), offset?.[n] ? inverted : rest);
}

type SampleTicket = ContainerTicket<ContainerValue<typeof CADCSampleQuad>>;

/**
 * One conversion of the causal CADC channels of the given synrams (a triggered read of the row's first quad,
 * the other 63 quads from the buffer, reference §3.1): the membranes of their neurons, NaN for the others.
 * Half the omnibus reads of `readAllCadcChannels`, which also reads the acausal channels 64 cycles later.
 */
export function readNeuronMembranes(builder: PlaybackProgramBuilder, synrams: readonly number[] = [0, 1]): () => Float64Array {
  const tickets: [number, SampleTicket][] = [];
  for (const synram of synrams) {
    for (let q = 0; q < 64; q++) {
      const readout = q === 0 ? CADCReadoutType.triggerRead : CADCReadoutType.buffered;
      tickets.push([synram * 256 + q * 4, builder.read(CADCSampleQuad, CADCSampleQuadOnDLS.of(SynramOnDLS(synram), readout, CADCChannelType.causal, SynapseQuadOnSynram(q)))]);
    }
  }
  return () => {
    const out = new Float64Array(NEURONS).fill(Number.NaN);
    for (const [first, ticket] of tickets) ticket.get().samples.forEach((sample, e) => (out[first + e] = sample));
    return out;
  };
}

/** Appends one operating point's stimulus train; after the run it gives the potential and R(v0) per neuron (LSB). */
function appendOperatingPoint(builder: PlaybackProgramBuilder, repetitions: number): () => { readonly potential: Float64Array; readonly response: Float64Array } {
  waitUs(builder, SWITCH_US);
  const trains: { pre: () => Float64Array; post: (() => Float64Array)[] }[] = [];
  for (let k = 0; k < repetitions; k++) {
    builder.timerReset();
    const pre = readNeuronMembranes(builder);
    builder.injectSpikes([STIMULUS_LABEL], [STIMULUS_US * FPGA_CYCLES_PER_US]);
    const post = RESPONSE_DELAYS_US.map((delayUs) => {
      builder.waitUntil((STIMULUS_US + delayUs) * FPGA_CYCLES_PER_US);
      return readNeuronMembranes(builder);
    });
    builder.waitUntil(PERIOD_US * FPGA_CYCLES_PER_US);
    trains.push({ pre, post });
  }
  return () => {
    // The reads before the stimuli give the operating point: they carry a trace of the previous response
    // (~0.5 %), which scales with (v_rev − v0) like the response itself, so the extrapolation stays exact.
    const potential = new Float64Array(NEURONS);
    const response = new Float64Array(NEURONS);
    for (const { pre, post } of trains) {
      const before = pre();
      for (let n = 0; n < NEURONS; n++) potential[n] = (potential[n] as number) + (before[n] as number);
      for (const read of post) {
        const after = read();
        for (let n = 0; n < NEURONS; n++) response[n] = (response[n] as number) + (after[n] as number) - (before[n] as number);
      }
    }
    const reads = repetitions * RESPONSE_DELAYS_US.length;
    return { potential: potential.map((p) => p / repetitions), response: response.map((r) => r / reads) };
  };
}

/**
 * The potential (CADC LSB) where input `type`'s response vanishes, per neuron: the responses at the rest and at
 * the offset operating point extrapolated linearly to zero. Needs the stimulus configured and the offset codes
 * written; leaves the neurons at the rest.
 */
export async function measureCobaReversal(
  builder: PlaybackProgramBuilder,
  connection: Connection,
  memCapSize: number,
  type: SynapticInputType,
  offsetInverted: Uint8Array,
  repetitions: number,
): Promise<Float64Array> {
  writeOperatingPoint(builder, memCapSize, type, undefined);
  const rest = appendOperatingPoint(builder, repetitions);
  writeOperatingPoint(builder, memCapSize, type, offsetInverted);
  const shifted = appendOperatingPoint(builder, repetitions);
  writeOperatingPoint(builder, memCapSize, type, undefined);
  await connection.run(builder.done());
  const a = rest();
  const b = shifted();
  return a.potential.map((v1, n) => {
    const r1 = a.response[n] as number;
    const r2 = b.response[n] as number;
    // R = c·(v_rev − v0) through both points; equal responses (no COBA effect) put the reversal at infinity.
    return v1 + (((b.potential[n] as number) - v1) * r1) / (r1 - r2);
  });
}

function checkOptions(options: CobaReversalOptions): void {
  const checks: [string, number | undefined, number, number][] = [
    ['cobaBias', options.cobaBias, 1, 1022],
    ['synapseDacBias', options.synapseDacBias, 0, 1022],
  ];
  for (const [name, value, min, max] of checks) {
    if (value !== undefined && !(Number.isInteger(value) && value >= min && value <= max)) {
      throw new CalibError('target-out-of-range', `COBA option ${name} = ${value} is outside its legal range ${min}..${max} (integer CapMem code)`, value, { min, max });
    }
  }
  const positive: [string, number | undefined][] = [['tauMemUs', options.tauMemUs], ['repetitions', options.repetitions]];
  for (const [name, value] of positive) {
    if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
      throw new CalibError('target-out-of-range', `COBA option ${name} = ${value} must be a positive number`, value, { min: Number.MIN_VALUE, max: Number.MAX_VALUE });
    }
  }
}

/**
 * Calibrates every neuron's reversal potential of input `type` to `targetLsb` CADC LSB (one value, or one per
 * neuron) through e_synin_{exc,inh}_rev, with the COBA bias at `options.cobaBias`. Needs the CADC calibrated,
 * the membranes' readout switches on the CADC, the leak potential at the COBA reference (the potential where
 * the input keeps its CUBA strength, calix's e_coba_reference) and the input's τ_syn and gm set. Sets up the
 * stimulus itself; leaves the codes written, the offset current off and the neurons not firing (the caller
 * restores the neuron configuration).
 */
export async function calibrateCobaReversal(
  connection: Connection,
  type: SynapticInputType,
  targetLsb: number | readonly number[],
  memCapSize: number,
  options: CobaReversalOptions = {},
): Promise<CobaReversalResult> {
  const cells = COBA_CELLS[type];
  const target = neuronTargets({ [cells.target]: targetLsb })[cells.target] as number | readonly number[];
  checkOptions(options);
  const settleUs = options.settleUs ?? CAPMEM_SETTLE_US;
  const repetitions = options.repetitions ?? 32;
  const alpha = (options.cobaBias ?? 1022) / 1022;

  const setup = new PlaybackProgramBuilder();
  configureStimulus(setup, type, STIMULUS_DRIVERS);
  setSharedCapMem(setup, 'syn_i_bias_dac', options.synapseDacBias ?? 600);
  setNeuronCapMem(setup, cells.bias, options.cobaBias ?? 1022);
  writeOperatingPoint(setup, memCapSize, type, undefined);
  waitUs(setup, settleUs);
  const rest = await measureMembranes(setup, connection, 8);

  // The second operating point: towards each neuron's target, by the offset current that should get it there.
  // The search starts beyond the target, away from the leak (see START_BEYOND_LSB).
  const targets = Float64Array.from({ length: NEURONS }, (_, n) => targetOf(target, n));
  const offsetCodes = new Int32Array(NEURONS);
  const offsetInverted = new Uint8Array(NEURONS);
  const start = new Int32Array(NEURONS);
  for (let n = 0; n < NEURONS; n++) {
    const distance = (targets[n] as number) - (rest[n] as number);
    offsetCodes[n] = offsetCodeFor(Math.max(MIN_SHIFT_LSB, TOWARDS_TARGET * Math.abs(distance)), memCapSize, options.tauMemUs ?? 10);
    offsetInverted[n] = distance < 0 ? 1 : 0;
    // The nominal E_rev of a reversal there: v_leak + α·(v_rev − v_leak), the zero of f.
    start[n] = voltageCode((rest[n] as number) + alpha * (distance + Math.sign(distance) * START_BEYOND_LSB));
  }
  const offsets = new PlaybackProgramBuilder();
  setNeuronCapMem(offsets, 'i_mem_offset', offsetCodes);
  await connection.run(offsets.done());
  const measureAt = async (codes: Int32Array): Promise<Float64Array> => {
    const builder = new PlaybackProgramBuilder();
    setNeuronCapMem(builder, cells.reversal, codes);
    waitUs(builder, settleUs);
    return measureCobaReversal(builder, connection, memCapSize, type, offsetInverted, repetitions);
  };
  const steps = PREDICTIONS + 2;
  const before = await measureAt(start);
  options.onProgress?.(1, steps);

  // Each measurement gives every neuron's reversal at code 0 (its offset, LSB); the median of those measured
  // near the target sets the next codes.
  const lsbPerCode = LSB_PER_CODE / alpha;
  const offsetOf = (values: Float64Array, codes: Int32Array): Float64Array => values.map((v, n) => v - lsbPerCode * (codes[n] as number));
  const codesFor = (offset: Float64Array, previous: Int32Array): Int32Array =>
    previous.map((code, n) => {
      const c = ((targets[n] as number) - (offset[n] as number)) / lsbPerCode;
      return Number.isFinite(c) ? Math.max(0, Math.min(1022, Math.round(c))) : code;
    });
  let codes = codesFor(offsetOf(before, start), start);
  const estimates: Float64Array[] = [];
  for (let k = 0; k < PREDICTIONS; k++) {
    estimates.push(offsetOf(await measureAt(codes), codes));
    options.onProgress?.(k + 2, steps);
    codes = codesFor(medianPerNeuron(estimates), codes);
  }
  const achieved = await measureAt(codes);
  options.onProgress?.(steps, steps);
  return {
    codes,
    reversalLsb: achieved,
    before: spreadOf(before),
    beforeValues: before,
    after: spreadOf(achieved),
    offsetCodes,
    offsetInverted,
  };
}

/** Per neuron the median of its finite values (NaN if none). */
function medianPerNeuron(rows: readonly Float64Array[]): Float64Array {
  return Float64Array.from({ length: NEURONS }, (_, n) => {
    const values = rows.map((row) => row[n] as number).filter(Number.isFinite).sort((a, b) => a - b);
    const mid = values.length >> 1;
    return values.length === 0 ? Number.NaN : values.length % 2 === 1 ? (values[mid] as number) : ((values[mid - 1] as number) + (values[mid] as number)) / 2;
  });
}
