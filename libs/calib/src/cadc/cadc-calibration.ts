import {
  CADCChannelOnDLS,
  CADCOnDLS,
  CapMemBlockOnDLS,
  ColumnCorrelationQuadOnDLS,
  SynapseQuadColumnOnDLS,
  SynramOnDLS,
  type SharedCapMemCell,
} from '@bss2/coords';
import { PlaybackProgramBuilder, type Connection } from '@bss2/playback';
import { CADCChannelConfig, CADCConfig, CapMemBlockConfig, ColumnCorrelationQuad } from '@bss2/regs';
import { BinarySearch } from '../algorithms/binary-search.js';
import type { Calibration, SearchProgress } from '../calibration.js';
import { CADC_CHANNELS, readAllCadcChannels } from '../measure/cadc-reads.js';
import { CAPMEM_SETTLE_US, waitUs } from '../measure/settle.js';
import { setSharedCapMem } from '../neuron/neuron-setup.js';

// The CADC calibration (reference §7.2 step 0, calix common/cadc.py): per quadrant (CapMem block), the ramp
// offset and ramp slope so that the reference `stp_v_charge_0` at the low end of the dynamic range (CapMem 70)
// reads 20 and at the high end (550) reads 220; then a digital offset per channel so that every channel reads
// the same at mid-range. The reference reaches the CADC through the CapMem debug readout and the columns'
// debug switches. Both ramp calibrations are inverted: more offset or more slope current gives lower reads.

export interface CadcTarget {
  /** CapMem codes of the reference at the ends of the dynamic range. */
  readonly dynamicRange: { readonly low: number; readonly high: number };
  /** Target reads at those ends. */
  readonly readRange: { readonly low: number; readonly high: number };
}

/** calix's CADCCalibTarget defaults (reference §7.3). */
export const DEFAULT_CADC_TARGET: CadcTarget = { dynamicRange: { low: 70, high: 550 }, readRange: { low: 20, high: 220 } };

export interface CadcCalibrationResult {
  /** cadc_v_ramp_offset and cadc_i_ramp_slope per CapMem block (= CADC quadrant). */
  readonly rampOffset: readonly number[];
  readonly rampSlope: readonly number[];
  /** CADCChannelConfig offset per channel (CADCChannelOnDLS order), −128..127. */
  readonly channelOffsets: readonly number[];
  /** Mean and standard deviation of all channels' reads of the reference at mid-range, before and after. */
  readonly midReads: { readonly before: ChannelSpread; readonly after: ChannelSpread };
  /** All channels' reads of the reference at the ends of the dynamic range, after. */
  readonly endReads: { readonly low: ChannelSpread; readonly high: ChannelSpread };
}

export interface ChannelSpread {
  readonly mean: number;
  readonly std: number;
}

export interface CadcCalibrationOptions {
  readonly target?: CadcTarget;
  /** Wait after every CapMem write (default calix's 20 ms). */
  readonly settleUs?: number;
  /** Conversions averaged per measurement. */
  readonly repeats?: number;
  /** Rounds of (ramp offset, ramp slope): they interact, two rounds converge. */
  readonly rounds?: number;
  readonly onProgress?: (stage: string, step: number, steps: number) => void;
}

const QUADRANTS = 4;
const STP_V_CHARGE_0 = { row: 0, column: 128 };
/**
 * Ramp codes the search starts from: with no ramp current (code 0) the comparator flips at once and every read
 * is 0 or 255, which gives the offset search nothing to work with. The nominal codes of a mismatch-free chip
 * (reference §10.7: offset ≈ 22, slope ≈ 350) are the natural start.
 */
const INITIAL_RAMP = { offset: 22, slope: 350 };

/** The quadrant (CapMem block) of CADC channel `ch`: the CADC's synram, west or east half. */
export function channelQuadrant(ch: number): number {
  return (ch >> 9) * 2 + ((ch & 255) >= 128 ? 1 : 0);
}

/** CADCs on, every channel on the debug line, each block's debug readout on stp_v_charge_0, offsets 0. */
export function connectReferenceToCadc(builder: PlaybackProgramBuilder): void {
  const on = [true, true, true, true] as [boolean, boolean, boolean, boolean];
  const off = [false, false, false, false] as [boolean, boolean, boolean, boolean];
  for (const synram of [0, 1]) {
    builder.write(CADCConfig, CADCOnDLS(synram), { ...CADCConfig.defaults(), enable: true });
    for (let q = 0; q < 64; q++) {
      builder.write(ColumnCorrelationQuad, ColumnCorrelationQuadOnDLS.of(SynramOnDLS(synram), SynapseQuadColumnOnDLS(q)), {
        ...ColumnCorrelationQuad.defaults(),
        enableDebugCausal: on,
        enableDebugAcausal: on,
        enableCadcNeuronReadoutCausal: off,
        enableCadcNeuronReadoutAcausal: off,
        enableInternalCausal: off,
        enableInternalAcausal: off,
      });
    }
  }
  for (const block of CapMemBlockOnDLS.all()) {
    builder.write(CapMemBlockConfig, block, { ...CapMemBlockConfig.defaults(), debugReadoutRow: STP_V_CHARGE_0.row, debugReadoutColumn: STP_V_CHARGE_0.column });
  }
  writeChannelOffsets(builder, new Array(CADC_CHANNELS).fill(0));
}

function writeChannelOffsets(builder: PlaybackProgramBuilder, offsets: ArrayLike<number>): void {
  for (let ch = 0; ch < CADC_CHANNELS; ch++) builder.write(CADCChannelConfig, CADCChannelOnDLS(ch), { offset: offsets[ch] as number });
}

/** Mean read per quadrant of all its channels (both types). */
function quadrantMeans(channels: Float64Array): Float64Array {
  const sums = new Float64Array(QUADRANTS);
  const counts = new Float64Array(QUADRANTS);
  for (let ch = 0; ch < CADC_CHANNELS; ch++) {
    const q = channelQuadrant(ch);
    sums[q] = (sums[q] as number) + (channels[ch] as number);
    counts[q] = (counts[q] as number) + 1;
  }
  return sums.map((s, q) => s / (counts[q] as number));
}

function spread(values: Float64Array): ChannelSpread {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  return { mean, std: Math.sqrt(variance) };
}

/** One ramp parameter (a shared cell per block) searched with the reference at `referenceCode`. */
function rampCalibration(name: SharedCapMemCell, referenceCode: number, settleUs: number, repeats: number): Calibration {
  return {
    name: `CADC ${name}`,
    range: { min: 0, max: 1022 },
    instances: QUADRANTS,
    direction: 'decreasing',
    configure(builder, codes) {
      setSharedCapMem(builder, 'stp_v_charge_0', referenceCode);
      setSharedCapMem(builder, name, codes);
    },
    async measure(builder, connection) {
      waitUs(builder, settleUs);
      const reads = readAllCadcChannels(builder, repeats);
      await connection.run(builder.done());
      return quadrantMeans(reads());
    },
  };
}

/** Reads every channel with the reference at `code` (after settling). */
async function readReference(connection: Connection, builder: PlaybackProgramBuilder, code: number, settleUs: number, repeats: number): Promise<Float64Array> {
  setSharedCapMem(builder, 'stp_v_charge_0', code);
  waitUs(builder, settleUs);
  const reads = readAllCadcChannels(builder, repeats);
  await connection.run(builder.done());
  return reads();
}

/**
 * Runs the CADC calibration on `connection` and leaves the chip calibrated (ramp cells and channel offsets
 * written). The reference stays connected: a calibration that follows reconfigures the columns it needs.
 */
export async function calibrateCadc(connection: Connection, options: CadcCalibrationOptions = {}): Promise<CadcCalibrationResult> {
  const target = options.target ?? DEFAULT_CADC_TARGET;
  const settleUs = options.settleUs ?? CAPMEM_SETTLE_US;
  const repeats = options.repeats ?? 2;
  const rounds = options.rounds ?? 2;
  const mid = Math.round((target.dynamicRange.low + target.dynamicRange.high) / 2);
  const midTarget = (target.readRange.low + target.readRange.high) / 2;

  const prelude = new PlaybackProgramBuilder();
  connectReferenceToCadc(prelude);
  setSharedCapMem(prelude, 'cadc_v_ramp_offset', INITIAL_RAMP.offset);
  setSharedCapMem(prelude, 'cadc_i_ramp_slope', INITIAL_RAMP.slope);
  // The reference jumps by up to the whole dynamic range between these reads: after calix's 20 ms (5 τ of the
  // twin's CapMem, §10.3) such a jump still leaves ~1 LSB, so the reads that set or judge the result wait twice
  // as long (0.05 LSB). The search steps need not: after their first step the reference no longer moves.
  const referenceSettleUs = 2 * settleUs;
  const before = await readReference(connection, prelude, mid, referenceSettleUs, repeats);

  const search = new BinarySearch();
  let rampOffset: Int32Array = new Int32Array(QUADRANTS);
  let rampSlope: Int32Array = new Int32Array(QUADRANTS);
  for (let round = 0; round < rounds; round++) {
    const progress = (stage: string): SearchProgress => (step, steps) => options.onProgress?.(`${stage} (round ${round + 1}/${rounds})`, step, steps);
    rampOffset = (await search.run(rampCalibration('cadc_v_ramp_offset', target.dynamicRange.low, settleUs, repeats), connection, target.readRange.low, progress('ramp offset'))).codes;
    const keepOffset = new PlaybackProgramBuilder();
    setSharedCapMem(keepOffset, 'cadc_v_ramp_offset', rampOffset);
    await connection.run(keepOffset.done());
    rampSlope = (await search.run(rampCalibration('cadc_i_ramp_slope', target.dynamicRange.high, settleUs, repeats), connection, target.readRange.high, progress('ramp slope'))).codes;
    const keepSlope = new PlaybackProgramBuilder();
    setSharedCapMem(keepSlope, 'cadc_i_ramp_slope', rampSlope);
    await connection.run(keepSlope.done());
  }

  // Channel offsets: every channel's read of the mid-range reference pulled to the target's middle.
  const atMid = await readReference(connection, new PlaybackProgramBuilder(), mid, referenceSettleUs, 4 * repeats);
  const channelOffsets = Array.from(atMid, (read) => Math.max(-128, Math.min(127, Math.round(midTarget - read))));
  const apply = new PlaybackProgramBuilder();
  writeChannelOffsets(apply, channelOffsets);
  const after = await readReference(connection, apply, mid, 0, repeats);
  const low = await readReference(connection, new PlaybackProgramBuilder(), target.dynamicRange.low, referenceSettleUs, repeats);
  const high = await readReference(connection, new PlaybackProgramBuilder(), target.dynamicRange.high, referenceSettleUs, repeats);
  options.onProgress?.('channel offsets', 1, 1);
  return {
    rampOffset: Array.from(rampOffset),
    rampSlope: Array.from(rampSlope),
    channelOffsets,
    midReads: { before: spread(before), after: spread(after) },
    endReads: { low: spread(low), high: spread(high) },
  };
}
