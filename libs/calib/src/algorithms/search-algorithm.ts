import type { Connection } from '@bss2/playback';
import type { Calibration, SearchProgress, SearchResult } from '../calibration.js';

/** A vectorised search over all instances of a calibration at once (calix `algorithms`, reference §7.5). */
export interface SearchAlgorithm {
  /** Finds per instance the code whose measurement comes closest to `target` (one value, or one per instance). */
  run(calibration: Calibration, connection: Connection, target: number | ArrayLike<number>, onProgress?: SearchProgress): Promise<SearchResult>;
}

/**
 * The best `keep` measurements per instance so far, by distance to the target: searches return the best code
 * they measured, not merely the last one.
 */
export class BestMeasurements {
  readonly codes: Int32Array;
  readonly values: Float64Array;
  private readonly distance: Float64Array;

  constructor(instances: number) {
    this.codes = new Int32Array(instances);
    this.values = new Float64Array(instances).fill(Number.NaN);
    this.distance = new Float64Array(instances).fill(Number.POSITIVE_INFINITY);
  }

  /**
   * Keeps (code, value) of every instance whose value is nearer its target than its best so far. An instance
   * that has given no number yet keeps its latest code (value NaN), never the placeholder 0: a failed instance
   * ends where the search left it, and the caller lists it as failed.
   */
  offer(codes: Int32Array, values: Float64Array, targets: Float64Array): void {
    for (let i = 0; i < codes.length; i++) {
      const d = Math.abs((values[i] as number) - (targets[i] as number));
      if (Number.isNaN(d) && this.distance[i] === Number.POSITIVE_INFINITY) {
        this.codes[i] = codes[i] as number;
        continue;
      }
      if (d < (this.distance[i] as number)) {
        this.distance[i] = d;
        this.codes[i] = codes[i] as number;
        this.values[i] = values[i] as number;
      }
    }
  }

  result(): SearchResult {
    return { codes: Int32Array.from(this.codes), values: Float64Array.from(this.values) };
  }
}
