import type { NeuronParameter } from '@bss2/coords';
import { FPGA_CYCLES_PER_US } from '@bss2/link';
import { PlaybackProgramBuilder, type Connection } from '@bss2/playback';
import { NoisyBinarySearch } from '../algorithms/noisy-binary-search.js';
import type { Calibration, SearchProgress } from '../calibration.js';
import { neuronChannels, readAllCadcChannels } from '../measure/cadc-reads.js';
import { CAPMEM_SETTLE_US, waitUs } from '../measure/settle.js';
import type { Spread } from '../result/calibration-result.js';
import { applyNeuronCodes, capMemRowCalibration } from './capmem-row-calibration.js';

// Potentials measured at rest on the CADC (reference §7.2 steps 8, 10, 11): a per-neuron CapMem voltage row
// searched so that each neuron's membrane, read on its causal and acausal CADC channels and averaged over
// several conversions (the membrane noise is ~1 LSB rms, §10.6), reaches its target in CADC LSB.

export interface PotentialOptions {
  readonly settleUs?: number;
  /** Conversions averaged per measurement (two channels each). */
  readonly reads?: number;
  /** Time between conversions (default 5 µs): about half the membrane time constant (see measureMembranes). */
  readonly spacingUs?: number;
  readonly onProgress?: SearchProgress;
  readonly seed?: number;
}

/** The mean CADC read of every neuron's membrane (both channel types, `reads` conversions). */
export async function measureMembranes(builder: PlaybackProgramBuilder, connection: Connection, reads: number, spacingUs = 5): Promise<Float64Array> {
  // Reads half a membrane time constant apart (5 µs at calix's 10 µs), so successive reads of the membrane noise
  // are nearly independent; a slower membrane's noise wanders further and needs the wider spacing.
  const channels = readAllCadcChannels(builder, reads, { spacingCycles: Math.round(spacingUs * FPGA_CYCLES_PER_US) });
  await connection.run(builder.done());
  const all = channels();
  const causal = neuronChannels(all);
  // The acausal channel of neuron n is channel (n / 256)·512 + 256 + n mod 256.
  const acausal = neuronChannels(all.subarray(256));
  return causal.map((value, n) => (value + (acausal[n] as number)) / 2);
}

export function spreadOf(values: ArrayLike<number>): Spread {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i] as number)) continue;
    sum += values[i] as number;
    count++;
  }
  const mean = sum / count;
  let squares = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i] as number)) squares += ((values[i] as number) - mean) ** 2;
  return { mean, std: Math.sqrt(squares / count) };
}

/** The search over CapMem row `parameter` of all 512 neurons, each measured at rest. */
export function restingPotentialCalibration(parameter: NeuronParameter, options: PotentialOptions = {}): Calibration {
  const settleUs = options.settleUs ?? CAPMEM_SETTLE_US;
  const reads = options.reads ?? 4;
  return capMemRowCalibration({
    name: 'resting potential',
    parameter,
    direction: 'increasing',
    settleUs,
    measure: (builder, connection) => measureMembranes(builder, connection, reads, options.spacingUs),
  });
}

export interface PotentialResult {
  readonly codes: Int32Array;
  /** Reads with the codes found (the search's own measurement). */
  readonly values: Float64Array;
  readonly before: Spread;
  /** The per-neuron values measured before the search (NaN where there was no response). */
  readonly beforeValues: Float64Array;
  readonly after: Spread;
}

/**
 * Calibrates CapMem row `parameter` so that every neuron rests at `target` CADC LSB; the neurons must already be
 * set up for the measurement (membrane on the CADC, the regime the potential is observed in). Leaves the found
 * codes written.
 */
export async function calibrateRestingPotential(
  connection: Connection,
  parameter: NeuronParameter,
  target: number | ArrayLike<number>,
  options: PotentialOptions = {},
): Promise<PotentialResult> {
  const calibration = restingPotentialCalibration(parameter, options);
  const before = await measureMembranes(prepareWait(options), connection, options.reads ?? 4, options.spacingUs);
  const result = await new NoisyBinarySearch(5, options.seed ?? 1).run(calibration, connection, target, options.onProgress);
  await applyNeuronCodes(connection, parameter, result.codes, options.settleUs ?? CAPMEM_SETTLE_US);
  return { codes: result.codes, values: result.values, before: spreadOf(before), beforeValues: before, after: spreadOf(result.values) };
}

function prepareWait(options: PotentialOptions): PlaybackProgramBuilder {
  const builder = new PlaybackProgramBuilder();
  waitUs(builder, options.settleUs ?? CAPMEM_SETTLE_US);
  return builder;
}
