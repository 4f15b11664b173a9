import { checkInteger } from '../argument-checks.js';

// Mersenne Twister MT19937 (Matsumoto & Nishimura 1998), the bit generator behind numpy's legacy
// `np.random.RandomState`, which §9 names as the Yin-Yang dataset's RNG. Seeding is `init_genrand`, exactly
// as numpy's `mt19937_seed` does for an integer seed.
const STATE_WORDS = 624;
const SHIFT_WORDS = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;
const INIT_MULTIPLIER = 1812433253;

/** The legal seeds: numpy's `RandomState(seed)` accepts integers 0..2^32 − 1. */
export const MT19937_SEED_MAX = 0xffffffff;

/** MT19937 with numpy's integer seeding; yields the raw 32-bit outputs. */
export class MT19937 {
  private readonly key = new Uint32Array(STATE_WORDS);
  private position = STATE_WORDS;

  constructor(seed: number) {
    checkInteger('seed', seed, 0, MT19937_SEED_MAX);
    this.key[0] = seed;
    for (let i = 1; i < STATE_WORDS; i++) {
      const previous = this.key[i - 1]!;
      this.key[i] = (Math.imul(INIT_MULTIPLIER, previous ^ (previous >>> 30)) + i) >>> 0;
    }
  }

  /** The next raw 32-bit output (numpy's `mt19937_next32`), as an unsigned integer. */
  nextUint32(): number {
    if (this.position >= STATE_WORDS) this.twist();
    let y = this.key[this.position++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** Regenerates all 624 state words at once (numpy's `mt19937_gen`). */
  private twist(): void {
    const key = this.key;
    for (let i = 0; i < STATE_WORDS; i++) {
      const y = (key[i]! & UPPER_MASK) | (key[(i + 1) % STATE_WORDS]! & LOWER_MASK);
      key[i] = key[(i + SHIFT_WORDS) % STATE_WORDS]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    this.position = 0;
  }
}
