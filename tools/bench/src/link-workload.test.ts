import { decodeToFpgaInto, PHYWORD_BYTES } from '@bss2/link';
import { describe, expect, it } from 'vitest';
import { buildWorkload, fullChipWeightDiff, SAMPLES, sampleSpikes } from './link-workload.js';

describe('link benchmark workload', () => {
  it('writes every synapse word once and injects every sample spike', () => {
    const diff = fullChipWeightDiff();
    // 32,768 quads × 2 words (weights, labels) = the 131,072 synapses of both synrams (reference §1.1, §1.5).
    expect(diff.addresses.length).toBe(65_536);
    const samples = sampleSpikes();
    const program = buildWorkload(diff, samples);
    const counts = { writes: 0, spikes: 0, timerResets: 0 };
    decodeToFpgaInto(program, {
      'omnibus.address': () => counts.writes++,
      'event.spikePack1': () => counts.spikes++,
      'timing.setup': () => counts.timerResets++,
    });
    expect(counts).toEqual({ writes: 65_536, spikes: SAMPLES * 5, timerResets: SAMPLES });
    expect(program.length / PHYWORD_BYTES).toBe(2 * 65_536 + SAMPLES * (1 + 5 * 2 + 1) + 1);
  });
});
