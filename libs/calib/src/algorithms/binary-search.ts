import { PlaybackProgramBuilder, type Connection } from '@bss2/playback';
import { checkCalibration, measureCodes, targetsPerInstance, type Calibration, type SearchProgress, type SearchResult } from '../calibration.js';
import { BestMeasurements, type SearchAlgorithm } from './search-algorithm.js';

/**
 * calix's `BinarySearch` (reference §7.5), vectorised over all instances: every instance starts mid-range; after
 * step s its code moves towards the target by ceil(possibilities / 2^(s+2)); the last two steps try ±1 around
 * the value reached. ceil(log2(possibilities)) + 2 measurements in all; the best of the last three is returned.
 * A measurement that is not a number (the instance gave no result) leaves the instance's code where it is.
 */
export class BinarySearch implements SearchAlgorithm {
  /** Measurements for a range of `possibilities` codes. */
  static steps(possibilities: number): number {
    return Math.ceil(Math.log2(possibilities)) + 2;
  }

  /** Halving steps added to compensate a perturbed start (0 for the plain search). */
  protected readonly extraSteps: number = 0;
  /** Measurements at the end among which the best is kept (calix `n_steps_best`). */
  protected readonly keepLast: number = 3;

  async run(calibration: Calibration, connection: Connection, target: number | ArrayLike<number>, onProgress?: SearchProgress): Promise<SearchResult> {
    checkCalibration(calibration);
    const targets = targetsPerInstance(calibration, target);
    const { min, max } = calibration.range;
    const possibilities = max - min + 1;
    const steps = BinarySearch.steps(possibilities) + this.extraSteps;
    const sign = calibration.direction === 'increasing' ? 1 : -1;
    const codes = this.startCodes(calibration.instances, min, max);
    const best = new BestMeasurements(calibration.instances);
    for (let step = 0; step < steps; step++) {
      const values = await measureCodes(calibration, connection, new PlaybackProgramBuilder(), codes);
      if (step >= steps - this.keepLast) best.offer(codes, values, targets);
      onProgress?.(step + 1, steps);
      const increment = step < steps - 2 ? Math.ceil(possibilities / 2 ** (step + 2)) : 1;
      for (let i = 0; i < codes.length; i++) {
        const value = values[i] as number;
        const goal = targets[i] as number;
        if (Number.isNaN(value) || value === goal) continue;
        const up = (value < goal ? 1 : -1) * sign;
        codes[i] = Math.min(max, Math.max(min, (codes[i] as number) + up * increment));
      }
    }
    return best.result();
  }

  /** Where the instances start: mid-range. */
  protected startCodes(instances: number, min: number, max: number): Int32Array {
    return new Int32Array(instances).fill(Math.floor((min + max) / 2));
  }
}
