import { SynapseQuadOnDLS } from '@bss2/coords';
import { FPGA_CYCLES_PER_US } from '@bss2/link';
import { PlaybackProgramBuilder } from '@bss2/playback';
import { Chip, SynapseQuad, type Writes } from '@bss2/regs';

/** Samples of timed spike injection after the reconfiguration, as in one Yin-Yang batch (reference §6.7). */
export const SAMPLES = 50;
/** Input spikes per sample: the four Yin-Yang coordinates plus the bias spike. */
const SPIKES_PER_SAMPLE = 5;
export const SAMPLE_RUNTIME_CYCLES = 60 * FPGA_CYCLES_PER_US;

/** A seeded 32-bit generator, so every run of the benchmark encodes the same program. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every one of the 131,072 synapses gets a new random weight and label: the diff covers the whole synram. */
export function fullChipWeightDiff(): Writes {
  const random = mulberry32(1);
  const before = new Chip();
  const after = new Chip(before);
  const entry = () => [0, 1, 2, 3].map(() => 1 + Math.floor(random() * 63));
  for (const quad of SynapseQuadOnDLS.all()) {
    after.set(SynapseQuad, quad, { weights: entry(), labels: entry(), timeCalibs: [0, 0, 0, 0], ampCalibs: [0, 0, 0, 0] });
  }
  return after.writesSince(before);
}

/** Spike labels and times of the 50 samples (sorted within a sample, distinct times). */
export function sampleSpikes(): { labels: number[]; times: number[] }[] {
  const random = mulberry32(2);
  return Array.from({ length: SAMPLES }, () => {
    const times = Array.from({ length: SPIKES_PER_SAMPLE }, (_, i) => 100 + i * 1000 + Math.floor(random() * 900));
    return { labels: times.map((_, i) => i), times };
  });
}

/** The realistic program: full-chip weight reconfiguration, then 50 samples of timed spike injection. */
export function buildWorkload(diff: Writes, samples: ReturnType<typeof sampleSpikes>): Uint8Array {
  const builder = new PlaybackProgramBuilder().writeWords(diff);
  for (const { labels, times } of samples) {
    builder.timerReset().injectSpikes(labels, times).waitUntil(SAMPLE_RUNTIME_CYCLES);
  }
  return builder.barrier().done().toFpga;
}
