import type { SharedCapMemCell } from '@bss2/coords';
import { PlaybackProgramBuilder, type Connection } from '@bss2/playback';
import { BinarySearch } from '../algorithms/binary-search.js';
import type { Calibration, Direction, SearchResult } from '../calibration.js';
import { CAPMEM_SETTLE_US, waitUs } from '../measure/settle.js';
import { setSharedCapMem } from '../neuron/neuron-setup.js';
import { spreadOf } from '../neuron/potential-calibration.js';
import type { CalibrationFailure, Spread } from '../result/calibration-result.js';
import { checkBaselineRepeats, measureCorrelationBaselines, type CorrelationBaselines } from './correlation-baselines.js';
import { checkCodes, predictedCorrelationCodes, writeCorrelationCodes, type CorrelationCodes } from './correlation-codes.js';
import { checkPlan, measureCorrelation, type CorrelationMeasurementPlan, type QuadrantCorrelation } from './correlation-measurement.js';
import { configureCorrelationMeasurement } from './correlation-setup.js';
import { correlationTargets, QUADRANTS, type CorrelationTargetInput, type CorrelationTargets } from './correlation-targets.js';

// The correlation-sensor calibration (calix spiking/correlation.py `calibrate`, reference §3.3, §7.1): per
// CapMem block (quadrant) a binary search over syn_i_bias_store for the amplitude and one over syn_i_bias_ramp
// for the time constant, each step one playback program (write the codes, wait for the CapMem, measure with
// pairings at two delays). calix searches the amplitude, then the time constant, then re-applies the amplitude
// codes. Here the amplitude is searched again instead: its measurement depends on τ (the extrapolation to
// Δt → 0, and the pairing gap is planned for the target τ, so a far-off τ lets neighbouring pairings add to it),
// while τ, a ratio, only needs a signal of about the planned size, which the first amplitude pass provides.
// So any start codes converge: the first pass copes with whatever τ the chip starts with (a saturated read
// counts as "too large"), the τ search runs with a sensible amplitude, and the second pass with the final τ.
// "Before" is measured with the start codes: by default the mismatch-free prediction (§10.3), or the caller's.
// After the searches the codes are written, measured once more ("after"), and every synapse's baseline is read
// (plasticity programs subtract it, §4.10).
// The per-synapse time_calib/amp_calib bits are not calibrated: the twin stores them without effect (§10.9),
// and calix calibrates them only on request (two hours on hardware).

export interface CorrelationCalibrationOptions {
  /** Codes to start from (one for all blocks or one per block): "before" is measured with them, and the first
   * amplitude pass runs with the start ramp codes. Default: the mismatch-free prediction (§10.3). */
  readonly startCodes?: { readonly ramp?: number | readonly number[]; readonly store?: number | readonly number[] };
  /** Overrides of the measurement plan derived from the targets (`correlationPlan`). */
  readonly plan?: Partial<CorrelationMeasurementPlan>;
  /** Wait after every CapMem write (default calix's 20 ms, reference §2.3). */
  readonly settleUs?: number;
  /** Relative deviation from the target above which a block is listed as failed (default 5 %). */
  readonly tolerance?: number;
  /** CADC conversions averaged per synapse baseline (default 1: the twin's sensors have no read noise). */
  readonly baselineRepeats?: number;
  readonly onProgress?: (stage: CorrelationStage, step: number, steps: number) => void;
}

/** The searches in their order. */
export type CorrelationStage = 'amplitude (first pass)' | 'tau' | 'amplitude';

export interface CorrelationCalibrationResult extends CorrelationCodes {
  readonly targets: CorrelationTargets;
  /** Measured with the calibrated codes, per CapMem block. */
  readonly tauUs: readonly number[];
  readonly amplitudeLsb: readonly number[];
  /** Measured with the start codes, per CapMem block. */
  readonly before: { readonly tauUs: readonly number[]; readonly amplitudeLsb: readonly number[] };
  /** Spread over the blocks, before and after. */
  readonly achieved: {
    readonly tauUs: { readonly before: Spread; readonly after: Spread };
    readonly amplitudeLsb: { readonly before: Spread; readonly after: Spread };
  };
  /** Every synapse's reads right after a reset, with the calibrated codes. */
  readonly baselines: CorrelationBaselines;
  /** Blocks further than the tolerance from a target, or without a result. */
  readonly failures: readonly CalibrationFailure[];
}

/** The first pairing delay, µs: short, so that extrapolating to Δt → 0 barely depends on τ. */
const FIRST_DELAY_US = 0.5;
/** Increment the pairings of one delay should add up to at the largest target amplitude (calix: 70/amplitude pairings). */
const PLANNED_SIGNAL_LSB = 80;
/** Shortest gap between pairings, µs. */
const MIN_GAP_US = 50;

/**
 * The measurement plan for `targets`: Δ1 = 0.5 µs; Δ2 − Δ1 = the shortest τ target, so that no quadrant's second
 * read decays below e^−1 of its first (the reads' rounding, ~0.01 LSB in a quadrant's mean, matters most where
 * the signal is small; a long τ with a short span still resolves, as both its signals stay large); gaps of
 * 10 τ (the longest target), so that a pairing meets its neighbours' events at e^−10; pairings enough for
 * ~80 LSB at the largest target amplitude, well below the 255 ceiling after a baseline of up to ~50 LSB
 * (§10.9).
 */
export function correlationPlan(targets: CorrelationTargets): CorrelationMeasurementPlan {
  const tauMax = Math.max(...targets.tauUs);
  const tauMin = Math.min(...targets.tauUs);
  const pairs = Math.min(200, Math.max(1, Math.round(PLANNED_SIGNAL_LSB / Math.max(...targets.amplitudeLsb))));
  return { delaysUs: [FIRST_DELAY_US, FIRST_DELAY_US + tauMin], pairs, gapUs: Math.max(MIN_GAP_US, 10 * tauMax) };
}

/** A search over one shared CapMem cell of the 4 blocks, each step measuring with `plan`. */
function sensorCalibration(
  name: string,
  cell: SharedCapMemCell,
  direction: Direction,
  pick: (m: QuadrantCorrelation) => Float64Array,
  plan: CorrelationMeasurementPlan,
  settleUs: number,
): Calibration {
  return {
    name: `${name} (${cell})`,
    range: { min: 0, max: 1022 },
    instances: QUADRANTS,
    direction,
    configure(builder, codes) {
      setSharedCapMem(builder, cell, codes);
    },
    async measure(builder, connection) {
      waitUs(builder, settleUs);
      return pick(await measureCorrelation(builder, connection, plan));
    },
  };
}

/**
 * Calibrates the correlation sensors of every quadrant to `targets` (defaults and ranges: CORRELATION_TARGETS).
 * Targets, start codes and plan are checked before anything is sent. Needs the CADC enabled (calibrated, as
 * calix requires, for real hardware; the twin's correlation reads do not depend on the ramp). Configures the
 * pre-event path, forced post pulses and the correlation readout itself, overwriting the neurons' configuration
 * like calix's prelude; leaves the calibrated codes written and settled.
 */
export async function calibrateCorrelation(
  connection: Connection,
  targetInput: CorrelationTargetInput = {},
  options: CorrelationCalibrationOptions = {},
): Promise<CorrelationCalibrationResult> {
  const targets = correlationTargets(targetInput);
  const plan = { ...correlationPlan(targets), ...options.plan };
  checkPlan(plan);
  const predicted = predictedCorrelationCodes(targets);
  const start: CorrelationCodes = {
    rampCodes: checkCodes('startCodes.ramp', options.startCodes?.ramp ?? predicted.rampCodes),
    storeCodes: checkCodes('startCodes.store', options.startCodes?.store ?? predicted.storeCodes),
  };
  const baselineRepeats = options.baselineRepeats ?? 1;
  checkBaselineRepeats(baselineRepeats);
  const settleUs = options.settleUs ?? CAPMEM_SETTLE_US;
  const search = new BinarySearch();

  const setup = new PlaybackProgramBuilder();
  configureCorrelationMeasurement(setup);
  writeCorrelationCodes(setup, start);
  waitUs(setup, settleUs);
  const before = await measureCorrelation(setup, connection, plan);

  const amplitude = sensorCalibration('correlation amplitude', 'syn_i_bias_store', 'increasing', (m) => m.amplitudeLsb, plan, settleUs);
  const tau = sensorCalibration('correlation time constant', 'syn_i_bias_ramp', 'decreasing', (m) => m.tauUs, plan, settleUs);
  const run = (calibration: Calibration, target: readonly number[], stage: CorrelationStage): Promise<SearchResult> =>
    search.run(calibration, connection, target, (step, steps) => options.onProgress?.(stage, step, steps));
  // Each search leaves its last trial written; the next one runs with the best codes found.
  const firstPass = await run(amplitude, targets.amplitudeLsb, 'amplitude (first pass)');
  await writeAndSettle(connection, { rampCodes: start.rampCodes, storeCodes: Array.from(firstPass.codes) }, settleUs);
  const tauFound = await run(tau, targets.tauUs, 'tau');
  await writeAndSettle(connection, { rampCodes: Array.from(tauFound.codes), storeCodes: Array.from(firstPass.codes) }, settleUs);
  const amplitudeFound = await run(amplitude, targets.amplitudeLsb, 'amplitude');

  const codes: CorrelationCodes = { rampCodes: Array.from(tauFound.codes), storeCodes: Array.from(amplitudeFound.codes) };
  const final = new PlaybackProgramBuilder();
  writeCorrelationCodes(final, codes);
  waitUs(final, settleUs);
  const after = await measureCorrelation(final, connection, plan);
  const baselines = await measureCorrelationBaselines(connection, baselineRepeats);

  return {
    ...codes,
    targets,
    tauUs: Array.from(after.tauUs),
    amplitudeLsb: Array.from(after.amplitudeLsb),
    before: { tauUs: Array.from(before.tauUs), amplitudeLsb: Array.from(before.amplitudeLsb) },
    achieved: {
      tauUs: { before: spreadOf(before.tauUs), after: spreadOf(after.tauUs) },
      amplitudeLsb: { before: spreadOf(before.amplitudeLsb), after: spreadOf(after.amplitudeLsb) },
    },
    baselines,
    failures: [
      ...missedTargets('correlation tau', after.tauUs, targets.tauUs, options.tolerance ?? 0.05),
      ...missedTargets('correlation amplitude', after.amplitudeLsb, targets.amplitudeLsb, options.tolerance ?? 0.05),
    ],
  };
}

async function writeAndSettle(connection: Connection, codes: CorrelationCodes, settleUs: number): Promise<void> {
  const builder = new PlaybackProgramBuilder();
  writeCorrelationCodes(builder, codes);
  waitUs(builder, settleUs);
  await connection.run(builder.done());
}

function missedTargets(parameter: string, values: Float64Array, targets: readonly number[], tolerance: number): CalibrationFailure[] {
  const failures: CalibrationFailure[] = [];
  values.forEach((value, block) => {
    const target = targets[block] as number;
    if (!(Math.abs(value / target - 1) <= tolerance)) {
      failures.push({ parameter, instance: block, reason: `measured ${value.toFixed(3)}, target ${target} (tolerance ${(tolerance * 100).toFixed(1)} %)` });
    }
  });
  return failures;
}
