import { FPGA_CYCLES_PER_US } from '@bss2/link';
import { PlaybackProgramBuilder, type Connection } from '@bss2/playback';
import { NoisyBinarySearch } from '../algorithms/noisy-binary-search.js';
import type { Calibration, SearchProgress } from '../calibration.js';
import { neuronChannels, readAllCadcChannels } from '../measure/cadc-reads.js';
import { tauFromDecay } from '../measure/decay.js';
import { CAPMEM_SETTLE_US, waitUs } from '../measure/settle.js';
import { applyNeuronCodes, capMemRowCalibration } from './capmem-row-calibration.js';
import { NEURONS, forceReset } from './neuron-setup.js';
import { spreadOf } from './potential-calibration.js';
import type { Spread } from '../result/calibration-result.js';
import { medianTarget, type TargetValue } from '../targets/neuron-targets.js';

// The membrane time constant (reference §7.2 step 9, "measured via the reset"): the neurons are held in reset
// (CommonNeuronBackendConfig.forceReset), released all at once, and their membranes read on the CADC `delay`
// later while they recover towards the leak potential L: v(t) = L + (R − L)·e^{−t/τ}. With R read just before
// the release and L at rest, r = (v − L)/(R − L) = e^{−delay/τ} gives τ. The search drives i_bias_leak until r
// equals e^{−delay/τ_target} (a larger bias current shortens τ and lowers r: `decreasing`); reads are averaged
// over repetitions because the membrane noise (§10.6) is correlated over τ itself.

export interface TauMemOptions {
  readonly settleUs?: number;
  /** Release-and-read cycles averaged per measurement. */
  readonly repetitions?: number;
  readonly onProgress?: SearchProgress;
  readonly seed?: number;
}

/** Where each CADC conversion of `readAllCadcChannels` falls after the read starts: 64 omnibus reads per (CADC, type). */
const CONVERSION_OFFSET_CYCLES = [0, 64, 128, 192];
/** Hold in reset before the release, so every membrane sits at its reset potential. */
const HOLD_US = 3;
/** After the last release, long enough (≥ 5 τ of a slow neuron) for the membranes to rest at the leak again. */
const RECOVER_US = 150;

/** One measurement: r and the conversion delays (causal/acausal of both CADCs), per neuron. */
export interface RecoveryMeasurement {
  /** (v(delay) − L)/(R − L) per neuron, averaged. */
  readonly ratio: Float64Array;
  /** The swing R − L per neuron (LSB), for judging a measurement. */
  readonly swing: Float64Array;
}

/**
 * Measures the recovery ratio of every neuron `delayUs` after the release of a forced reset (the neurons must be
 * set up with leak above reset and firing off). Neuron n is read on its causal channel, whose conversion is
 * delayed by the read order; the ratio is corrected to exactly `delayUs` using the neuron's own τ estimate.
 */
export async function measureRecovery(connection: Connection, builder: PlaybackProgramBuilder, delayUs: number, repetitions: number): Promise<RecoveryMeasurement> {
  const delayCycles = Math.round(delayUs * FPGA_CYCLES_PER_US);
  forceReset(builder, false);
  builder.timerReset().waitUntil(RECOVER_US * FPGA_CYCLES_PER_US);
  const leak = readAllCadcChannels(builder, 4, { spacingCycles: 5 * FPGA_CYCLES_PER_US });
  const held: (() => Float64Array)[] = [];
  const recovered: (() => Float64Array)[] = [];
  for (let k = 0; k < repetitions; k++) {
    forceReset(builder, true);
    builder.timerReset().waitUntil(HOLD_US * FPGA_CYCLES_PER_US);
    held.push(readAllCadcChannels(builder, 1));
    // The release: both backend blocks, one omnibus write each (block 1 one cycle after block 0).
    builder.timerReset();
    forceReset(builder, false);
    builder.waitUntil(delayCycles);
    recovered.push(readAllCadcChannels(builder, 1));
    builder.timerReset().waitUntil(RECOVER_US * FPGA_CYCLES_PER_US);
  }
  await connection.run(builder.done());
  const l = neuronChannels(leak());
  const heldReads = held.map((reads) => neuronChannels(reads()));
  const recoveredReads = recovered.map((reads) => neuronChannels(reads()));
  const ratio = new Float64Array(NEURONS);
  const swing = new Float64Array(NEURONS);
  for (let n = 0; n < NEURONS; n++) {
    let r = 0;
    let s = 0;
    for (let k = 0; k < repetitions; k++) {
      const reset = heldReads[k]![n] as number;
      const v = recoveredReads[k]![n] as number;
      s += reset - (l[n] as number);
      r += v - (l[n] as number);
    }
    swing[n] = s / repetitions;
    ratio[n] = r / s;
  }
  return { ratio, swing };
}

/** τ from a ratio measured `delayCycles` after the release (`tauFromDecay`). */
export function tauFromRatio(ratio: number, delayCycles: number): number {
  return tauFromDecay(ratio, delayCycles / FPGA_CYCLES_PER_US);
}

/** The conversion delay of neuron n's causal channel after the release (its CADC's read order, its block). */
export function conversionDelayCycles(n: number, delayCycles: number): number {
  const cadc = n >> 8;
  const block = (n & 255) >= 128 ? 1 : 0;
  return delayCycles + (CONVERSION_OFFSET_CYCLES[cadc * 2] as number) - block;
}

/** `tauTargetUs` times the measurement: per-neuron targets share their median's delay. */
function tauMemCalibration(tauTargetUs: number, options: TauMemOptions): Calibration {
  const settleUs = options.settleUs ?? CAPMEM_SETTLE_US;
  const repetitions = options.repetitions ?? 6;
  const delayCycles = Math.round(tauTargetUs * FPGA_CYCLES_PER_US);
  return capMemRowCalibration({
    name: 'membrane time constant',
    parameter: 'i_bias_leak',
    direction: 'decreasing',
    range: { min: 1, max: 1022 },
    settleUs,
    async measure(builder, connection) {
      const { ratio } = await measureRecovery(connection, builder, tauTargetUs, repetitions);
      // Report τ itself (µs): the search compares it with the target, and larger codes give smaller τ.
      return ratio.map((r, n) => tauFromRatio(r, conversionDelayCycles(n, delayCycles)));
    },
  });
}

export interface TauMemResult {
  readonly codes: Int32Array;
  readonly tauUs: Float64Array;
  readonly before: Spread;
  /** The per-neuron values measured before the search (NaN where there was no response). */
  readonly beforeValues: Float64Array;
  readonly after: Spread;
}

/**
 * Calibrates every neuron's τ_mem to `tauTargetUs` (one value, or one per neuron: the reads are timed for their
 * median, the search drives each neuron to its own) through i_bias_leak. Needs the CADC calibrated, the membranes
 * on the CADC, firing off and the leak well above the reset (a swing of tens of LSB). Leaves the codes written.
 */
export async function calibrateTauMem(connection: Connection, tauTargetUs: TargetValue, options: TauMemOptions = {}): Promise<TauMemResult> {
  const calibration = tauMemCalibration(medianTarget(tauTargetUs), options);
  const before = await calibration.measure(new PlaybackProgramBuilder(), connection);
  const result = await new NoisyBinarySearch(5, options.seed ?? 1).run(calibration, connection, tauTargetUs, options.onProgress);
  await applyNeuronCodes(connection, 'i_bias_leak', result.codes, options.settleUs ?? CAPMEM_SETTLE_US);
  return { codes: result.codes, tauUs: result.values, before: spreadOf(before), beforeValues: before, after: spreadOf(result.values) };
}
