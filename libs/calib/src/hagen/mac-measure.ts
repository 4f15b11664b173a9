import { FPGA_CYCLES_PER_US } from '@bss2/link';
import type { Connection, PlaybackProgramBuilder } from '@bss2/playback';
import { neuronChannels, readAllCadcChannels } from '../measure/cadc-reads.js';
import { forceReset, NEURONS } from '../neuron/neuron-setup.js';
import { appendMacEvents, MAC_DRIVERS } from './mac-setup.js';

// MAC measurements (reference §6.1, calix hagen multiplication): every neuron is reset (forceReset held 1 µs,
// then released), one event per driver carries its activation, and after a read delay all CADC channels are
// converted. A baseline run sends no events but takes exactly as long, so result − baseline is the integrated
// input alone; both are averaged over repeats (membrane noise 1 LSB, MAC read noise √3 LSB, §10.6, §6.1).

const RESET_HOLD_US = 1;

export interface MacTiming {
  /** Wait after the last event before the (first) read, µs. */
  readonly readDelayUs: number;
  /** Further reads, each this many µs after the first (for decay measurements). */
  readonly laterReadsUs?: readonly number[];
}

/** The reads of one run, each giving all 1024 channels once the program ran. */
export type MacReads = readonly (() => Float64Array)[];

/** Read `i` of a run, per neuron. */
function readOf(reads: MacReads, i: number): Float64Array {
  const read = reads[i];
  if (read === undefined) throw new RangeError(`MAC run has no read ${i}`);
  return neuronReads(read());
}

/**
 * Appends one MAC (activations per driver, or undefined for a baseline run of the same duration) and returns
 * per read a function giving all 1024 channels after the program ran.
 */
export function appendMacRun(builder: PlaybackProgramBuilder, activations: ArrayLike<number> | undefined, timing: MacTiming): MacReads {
  forceReset(builder, true);
  builder.timerReset().waitUntil(RESET_HOLD_US * FPGA_CYCLES_PER_US);
  forceReset(builder, false);
  builder.timerReset();
  if (activations === undefined) builder.waitUntil(MAC_DRIVERS);
  else appendMacEvents(builder, activations);
  const readAt = (us: number): (() => Float64Array) => {
    builder.timerReset().waitUntil(Math.round(us * FPGA_CYCLES_PER_US));
    return readAllCadcChannels(builder, 1);
  };
  const reads = [readAt(timing.readDelayUs)];
  let at = 0;
  for (const later of timing.laterReadsUs ?? []) {
    reads.push(readAt(later - at));
    at = later;
  }
  return reads;
}

/** Both CADC channels of each neuron averaged (they convert at different times; noise averages too). */
export function neuronReads(channels: Float64Array): Float64Array {
  const causal = neuronChannels(channels);
  const acausal = neuronChannels(channels.subarray(256));
  return causal.map((value, n) => (value + (acausal[n] as number)) / 2);
}

/**
 * Per neuron the mean of (MAC read − baseline read) over `repeats` pairs of runs, times `sign` (−1 where the
 * stimulus drives the membrane down, so that amplitudes are positive).
 */
export async function measureMacAmplitude(
  builder: PlaybackProgramBuilder,
  connection: Connection,
  activations: ArrayLike<number>,
  repeats: number,
  readDelayUs: number,
  sign: 1 | -1 = 1,
): Promise<Float64Array> {
  const pairs: { base: MacReads; mac: MacReads }[] = [];
  for (let r = 0; r < repeats; r++) pairs.push({ base: appendMacRun(builder, undefined, { readDelayUs }), mac: appendMacRun(builder, activations, { readDelayUs }) });
  await connection.run(builder.done());
  const sum = new Float64Array(NEURONS);
  for (const { base, mac } of pairs) {
    const b = readOf(base, 0);
    const m = readOf(mac, 0);
    for (let n = 0; n < NEURONS; n++) sum[n] = (sum[n] as number) + (m[n] as number) - (b[n] as number);
  }
  return sum.map((s) => (sign * s) / repeats);
}

/**
 * Per neuron the fraction of a MAC result left `spanUs` after its first read: (r2 − b2)/(r1 − b1), each term
 * summed over `repeats`, b from baseline runs with the same reads (the membrane relaxes towards v_leak).
 */
export async function measureMacDecay(
  builder: PlaybackProgramBuilder,
  connection: Connection,
  activations: ArrayLike<number>,
  repeats: number,
  readDelayUs: number,
  spanUs: number,
): Promise<Float64Array> {
  const timing = { readDelayUs, laterReadsUs: [spanUs] };
  const runs: { base: MacReads; mac: MacReads }[] = [];
  for (let r = 0; r < repeats; r++) runs.push({ base: appendMacRun(builder, undefined, timing), mac: appendMacRun(builder, activations, timing) });
  await connection.run(builder.done());
  const first = new Float64Array(NEURONS);
  const second = new Float64Array(NEURONS);
  for (const { base, mac } of runs) {
    const [b1, b2, m1, m2] = [readOf(base, 0), readOf(base, 1), readOf(mac, 0), readOf(mac, 1)];
    for (let n = 0; n < NEURONS; n++) {
      first[n] = (first[n] as number) + (m1[n] as number) - (b1[n] as number);
      second[n] = (second[n] as number) + (m2[n] as number) - (b2[n] as number);
    }
  }
  return first.map((f, n) => (second[n] as number) / f);
}

/**
 * Every channel's mean read at MAC read time in baseline runs (no events), over `repeats` runs `gapUs` apart:
 * the membrane noise is correlated over τ_mem (reference §10.6), so only runs about τ_mem apart average it.
 */
export async function measureBaselineChannels(builder: PlaybackProgramBuilder, connection: Connection, repeats: number, readDelayUs: number, gapUs = 0): Promise<Float64Array> {
  const reads: (() => Float64Array)[] = [];
  for (let r = 0; r < repeats; r++) {
    if (r > 0 && gapUs > 0) builder.timerReset().waitUntil(Math.round(gapUs * FPGA_CYCLES_PER_US));
    reads.push(...appendMacRun(builder, undefined, { readDelayUs }));
  }
  await connection.run(builder.done());
  const sum = new Float64Array(1024);
  for (const read of reads) read().forEach((value, ch) => (sum[ch] = (sum[ch] as number) + value));
  return sum.map((s) => s / repeats);
}
