import { BinarySearch } from './binary-search.js';

/**
 * calix's `NoisyBinarySearch(noise_amplitude = 5)` (reference §7.5): a binary search whose instances start at
 * mid-range plus a random integer offset in −amplitude..amplitude, so that the many CapMem cells of a
 * calibration are not all driven through the same values (calix: CapMem crosstalk). One extra halving step
 * compensates the offsets, and the best of the last four measurements is kept. The offsets come from a seeded
 * generator: a calibration is reproducible.
 */
export class NoisyBinarySearch extends BinarySearch {
  protected override readonly extraSteps = 1;
  protected override readonly keepLast = 4;
  private state: number;

  constructor(
    readonly amplitude = 5,
    seed = 1,
  ) {
    super();
    this.state = seed >>> 0 || 1;
  }

  protected override startCodes(instances: number, min: number, max: number): Int32Array {
    const codes = super.startCodes(instances, min, max);
    const span = 2 * this.amplitude + 1;
    for (let i = 0; i < codes.length; i++) {
      // xorshift32: cheap, seeded, good enough for dithering.
      this.state ^= this.state << 13;
      this.state ^= this.state >>> 17;
      this.state ^= this.state << 5;
      const offset = ((this.state >>> 0) % span) - this.amplitude;
      codes[i] = Math.min(max, Math.max(min, (codes[i] as number) + offset));
    }
    return codes;
  }
}
