import { CADCChannelOnDLS } from '@bss2/coords';
import { PlaybackProgramBuilder, type Connection } from '@bss2/playback';
import { CADCChannelConfig } from '@bss2/regs';
import { CADC_CHANNELS } from '../measure/cadc-reads.js';
import { spreadOf } from '../neuron/potential-calibration.js';
import { measureBaselineChannels, neuronReads } from './mac-measure.js';
import type { MacStepOptions, MacStepResult } from './mac-step.js';

// The MAC baseline (calix hagen neuron_potentials BaselineCalib): with leak and reset potentials calibrated,
// what is left of the spread of the reads right after a reset is the potentials' residual (CapMem steps, ~1
// LSB) and the CADC channels' own; the digital offset of every channel (CADCChannelConfig, −128..127,
// reference §3.1) takes the channel's baseline read to the target. Offsets are digital: no settling.

/**
 * Runs per baseline measurement (× the step's repeats) and their spacing: each offset is one integer from a
 * mean whose noise (membrane 1.4 LSB correlated over τ_mem, MAC read noise 2.4 LSB on the hagen scale, §10.6,
 * §6.1) must stay well below the 0.3 LSB of the offset's own rounding.
 */
export const BASELINE_RUNS_PER_REPEAT = 4;
export const BASELINE_RUN_GAP_US = 50;
const OFFSET_MIN = -128;
const OFFSET_MAX = 127;

export function writeChannelOffsets(builder: PlaybackProgramBuilder, offsets: ArrayLike<number>): void {
  for (let ch = 0; ch < CADC_CHANNELS; ch++) builder.write(CADCChannelConfig, CADCChannelOnDLS(ch), { offset: offsets[ch] as number });
}

/**
 * Moves every channel's offset (starting from `channelOffsets`, the CADC calibration's) so that its baseline
 * read is `target`; leaves the offsets written. Codes are per CADC channel; spreads over the neurons' reads.
 */
export async function calibrateMacBaseline(connection: Connection, target: number, channelOffsets: ArrayLike<number>, options: MacStepOptions): Promise<MacStepResult> {
  const reads = await measureBaselineChannels(new PlaybackProgramBuilder(), connection, BASELINE_RUNS_PER_REPEAT * options.repeats, options.readDelayUs, BASELINE_RUN_GAP_US);
  const codes = Int32Array.from(reads, (read, ch) => Math.max(OFFSET_MIN, Math.min(OFFSET_MAX, (channelOffsets[ch] as number) + Math.round(target - read))));
  const apply = new PlaybackProgramBuilder();
  writeChannelOffsets(apply, codes);
  const after = await measureBaselineChannels(apply, connection, BASELINE_RUNS_PER_REPEAT * options.repeats, options.readDelayUs, BASELINE_RUN_GAP_US);
  options.onProgress?.(1, 1);
  return { codes, values: after, before: spreadOf(neuronReads(reads)), after: spreadOf(neuronReads(after)) };
}
