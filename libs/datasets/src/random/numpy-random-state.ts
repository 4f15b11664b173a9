import { checkInteger } from '../argument-checks.js';
import { MT19937 } from './mt19937.js';

const TWO_POW_26 = 67108864;
const TWO_POW_53 = 9007199254740992;

/** The smallest all-ones bit mask that covers `max` (numpy's `gen_mask`). */
function maskCovering(max: number): number {
  let mask = max;
  mask |= mask >>> 1;
  mask |= mask >>> 2;
  mask |= mask >>> 4;
  mask |= mask >>> 8;
  mask |= mask >>> 16;
  return mask >>> 0;
}

/**
 * The draws of numpy's legacy `np.random.RandomState` that the Yin-Yang generator (§9) and the batch shuffle
 * use, bit for bit: `random_sample`, scalar `randint(high)` and `permutation(n)`. The legacy stream is frozen
 * by numpy (NEP 19), so these match every numpy version.
 */
export class NumpyRandomState {
  private readonly bits: MT19937;

  constructor(seed: number) {
    this.bits = new MT19937(seed);
  }

  /** The next raw 32-bit output of the bit generator. */
  nextUint32(): number {
    return this.bits.nextUint32();
  }

  /** `random_sample()`: a double in [0, 1) from 53 random bits of two outputs (27 + 26 bits). */
  randomSample(): number {
    const high27 = this.bits.nextUint32() >>> 5;
    const low26 = this.bits.nextUint32() >>> 6;
    return (high27 * TWO_POW_26 + low26) / TWO_POW_53;
  }

  /** Scalar `randint(high)`: an integer in 0..high−1 by masked rejection, as the legacy generator draws it. */
  randint(high: number): number {
    checkInteger('high', high, 1, 2 ** 32);
    return this.interval(high - 1);
  }

  /** `permutation(n)`: a Fisher–Yates shuffle of 0..n−1 from the last position down, as `shuffle` does. */
  permutation(n: number): Int32Array {
    checkInteger('n', n, 0, 2 ** 31 - 1);
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.interval(i);
      const held = order[i]!;
      order[i] = order[j]!;
      order[j] = held;
    }
    return order;
  }

  /** An integer in 0..max (max < 2^32): draw 32 bits, mask, reject above max (numpy's `random_interval`). */
  private interval(max: number): number {
    if (max === 0) return 0;
    const mask = maskCovering(max);
    let value: number;
    do {
      value = (this.bits.nextUint32() & mask) >>> 0;
    } while (value > max);
    return value;
  }
}
