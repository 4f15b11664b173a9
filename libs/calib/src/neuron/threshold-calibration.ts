import { FPGA_CYCLES_PER_US } from '@bss2/link';
import { PlaybackProgramBuilder, type Connection } from '@bss2/playback';
import { NoisyBinarySearch } from '../algorithms/noisy-binary-search.js';
import type { Calibration, SearchProgress } from '../calibration.js';
import { neuronChannels, readAllCadcChannels } from '../measure/cadc-reads.js';
import { CAPMEM_SETTLE_US, waitUs } from '../measure/settle.js';
import { targetOf, type TargetValue } from '../targets/neuron-targets.js';
import { capMemRowCalibration } from './capmem-row-calibration.js';
import { NEURONS, setNeuronCapMem, writeNeuronConfigs } from './neuron-setup.js';
import { spreadOf, type PotentialResult } from './potential-calibration.js';

// The spike threshold (reference §7.2 step 4), measured as calix's ThresholdCalibCADC does: the neurons fire
// regularly and the CADC samples every membrane many times; the largest read of a neuron is its threshold (the
// membrane is reset right after it crosses). Twin choice: the neurons are driven by their leak, set to
// `overdriveLsb` above the threshold target with the leak calibration's codes (a CapMem voltage code moves the
// potential by 1.875 mV = 0.417 LSB, §10.3, with no per-neuron gain mismatch, §10.4), instead of calix's offset
// current: every neuron then approaches the threshold at the same slope, so the sampling error of the maximum
// is the same for all, and a neuron whose threshold is still above its leak shows the leak (above the target,
// which sends the search the right way).

export interface ThresholdOptions {
  readonly settleUs?: number;
  /** Conversions of every channel per measurement; their largest read counts. */
  readonly reads?: number;
  /** Leak above the threshold target while measuring, CADC LSB. */
  readonly overdriveLsb?: number;
  readonly onProgress?: SearchProgress;
  readonly seed?: number;
}

/** v_reset code while measuring: 0.21 V, ~33 LSB (reference §10.3). */
const RESET_DURING_MEASUREMENT = 100;

/** LSB per CapMem voltage code: 1.875 mV / 4.5 mV (reference §10.2, §10.3). */
const LSB_PER_CODE = 1.875 / 4.5;

/** Leak codes that put each neuron's resting potential at `lsb`, from its calibrated codes for `leakTarget`. */
export function leakCodesFor(leakCodes: ArrayLike<number>, leakTarget: TargetValue, lsb: TargetValue): Int32Array {
  return Int32Array.from({ length: NEURONS }, (_, n) =>
    Math.max(0, Math.min(1022, Math.round((leakCodes[n] as number) + (targetOf(lsb, n) - targetOf(leakTarget, n)) / LSB_PER_CODE))),
  );
}

/** After firing is switched on: the first spike resets every neuron whose leak sat above its threshold. */
const FIRING_START_US = 2;

function thresholdCalibration(memCapSize: number, options: ThresholdOptions): Calibration {
  const settleUs = options.settleUs ?? CAPMEM_SETTLE_US;
  // 40 samples 1.3 µs apart span ~50 µs, two or more firing periods (rise from ~33 LSB over ~2 τ_mem).
  const reads = options.reads ?? 40;
  return capMemRowCalibration({
    name: 'threshold',
    parameter: 'v_threshold',
    direction: 'increasing',
    settleUs,
    // No spikes while the CapMem settles: the neurons rest (above their thresholds) until the measurement.
    whileSettling: (builder) => writeNeuronConfigs(builder, memCapSize, { enThreshComp: false, enFire: false }),
    async measure(builder, connection) {
      writeNeuronConfigs(builder, memCapSize, { enThreshComp: true, enFire: true });
      waitUs(builder, FIRING_START_US);
      // 1.3 µs apart, not a divisor of the firing period: the samples fall at different phases of the ramp.
      const channels = readAllCadcChannels(builder, reads, { reduce: 'max', spacingCycles: Math.round(1.3 * FPGA_CYCLES_PER_US) });
      await connection.run(builder.done());
      const all = channels();
      const causal = neuronChannels(all);
      const acausal = neuronChannels(all.subarray(256));
      return causal.map((value, n) => Math.max(value, acausal[n] as number));
    },
  });
}

/**
 * Calibrates every neuron's threshold to `target` CADC LSB (one value, or one per neuron). Needs the CADC calibrated, the neurons' membranes
 * on the CADC and their leak codes for `leakTarget` (leak calibration). Leaves the threshold codes written and
 * the neurons' firing switched off with their leak raised and reset lowered; the caller restores leak, reset and
 * firing for the next step.
 */
export async function calibrateThreshold(
  connection: Connection,
  target: TargetValue,
  leak: { readonly codes: ArrayLike<number>; readonly target: TargetValue },
  memCapSize: number,
  options: ThresholdOptions = {},
): Promise<PotentialResult> {
  const calibration = thresholdCalibration(memCapSize, options);
  const setup = new PlaybackProgramBuilder();
  const overdrive = options.overdriveLsb ?? 10;
  setNeuronCapMem(setup, 'v_leak', leakCodesFor(leak.codes, leak.target, Array.from({ length: NEURONS }, (_, n) => targetOf(target, n) + overdrive)));
  // Reset far below any threshold: an uncalibrated reset can sit above a low threshold (σ = 15 LSB), and the
  // neuron would then show its reset potential, not its threshold, as its highest read.
  setNeuronCapMem(setup, 'v_reset', RESET_DURING_MEASUREMENT);
  // Before: every neuron at the code a mismatch-free chip would need (§10.3, §10.7: 0.15 V + (target − 20)·4.5 mV).
  setNeuronCapMem(setup, 'v_threshold', Int32Array.from({ length: NEURONS }, (_, n) => Math.round(70 + ((targetOf(target, n) - 20) * 4.5) / 1.875)));
  const before = await calibration.measure(setup, connection);
  const result = await new NoisyBinarySearch(5, options.seed ?? 1).run(calibration, connection, target, options.onProgress);
  const apply = new PlaybackProgramBuilder();
  writeNeuronConfigs(apply, memCapSize, { enThreshComp: false, enFire: false });
  setNeuronCapMem(apply, 'v_threshold', result.codes);
  waitUs(apply, options.settleUs ?? CAPMEM_SETTLE_US);
  await connection.run(apply.done());
  return { codes: result.codes, values: result.values, before: spreadOf(before), beforeValues: before, after: spreadOf(result.values) };
}
