import { checkInteger } from '../argument-checks.js';
import { MT19937_SEED_MAX } from '../random/mt19937.js';
import { NumpyRandomState } from '../random/numpy-random-state.js';

export interface BatchOptions {
  readonly batchSize: number;
  /** Seeds the shuffle, 0..2^32 − 1. */
  readonly seed: number;
  /** Reshuffle every epoch (default), or keep the data set's order. */
  readonly shuffle?: boolean;
  /** Drop a last batch smaller than `batchSize` (default: keep it). */
  readonly dropLast?: boolean;
}

/**
 * Sample indices in batches, like a PyTorch DataLoader with a seeded sampler. One numpy-compatible
 * `RandomState(seed)` stream serves all epochs: epoch e's order is its e-th `permutation(sampleCount)`, so a
 * run is reproducible and can be checked against numpy.
 */
export class ShuffledBatches {
  readonly sampleCount: number;
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly dropLast: boolean;
  private readonly random: NumpyRandomState;

  constructor(sampleCount: number, options: BatchOptions) {
    this.sampleCount = checkInteger('sampleCount', sampleCount, 1, 2 ** 31 - 1);
    this.batchSize = checkInteger('batchSize', options.batchSize, 1, this.sampleCount);
    this.random = new NumpyRandomState(checkInteger('seed', options.seed, 0, MT19937_SEED_MAX));
    this.shuffle = options.shuffle ?? true;
    this.dropLast = options.dropLast ?? false;
  }

  /** Batches per epoch. */
  get batchesPerEpoch(): number {
    const whole = Math.floor(this.sampleCount / this.batchSize);
    return this.dropLast || whole * this.batchSize === this.sampleCount ? whole : whole + 1;
  }

  /** The next epoch's batches of sample indices (each a view into one order array). */
  nextEpoch(): Int32Array[] {
    const order = this.shuffle ? this.random.permutation(this.sampleCount) : Int32Array.from({ length: this.sampleCount }, (_, i) => i);
    const batches: Int32Array[] = [];
    for (let b = 0; b < this.batchesPerEpoch; b++) {
      batches.push(order.subarray(b * this.batchSize, Math.min((b + 1) * this.batchSize, this.sampleCount)));
    }
    return batches;
  }
}
