// Deterministic pseudo-random numbers for the fixed pattern and the temporal noise (reference §10.2: every
// fixed-pattern value is drawn from a PRNG seeded by the chip's identity). xoshiro128** (Blackman & Vigna) on
// four 32-bit words, seeded through splitmix32 so that nearby seeds give unrelated streams; string keys are
// hashed with 32-bit FNV-1a. Everything is 32-bit integer arithmetic (Math.imul), so a stream is identical on
// every JavaScript engine.

const twoPow32 = 4294967296;

/** 32-bit FNV-1a over the UTF-16 code units of `text`. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** One splitmix32 step: advances `state` by the golden-ratio increment and returns a mixed 32-bit value. */
function splitmix32(state: number): number {
  let z = (state + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export class Prng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  /** The second Box–Muller deviate, kept for the next `normal()` call. */
  private spare = 0;
  private hasSpare = false;

  /** A generator seeded from a 32-bit `seed` (other numbers are reduced modulo 2^32). */
  constructor(seed: number) {
    let x = seed >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      return splitmix32(x);
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    // xoshiro must not start from the all-zero state (splitmix32 practically never yields it; be exact anyway).
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /**
   * The stream for quantity `name` of the chip `identity`: its own seed, so adding a quantity never changes the
   * others (§10.2). The two strings are hashed separately and mixed, so ("ab", "c") and ("a", "bc") differ.
   */
  static stream(identity: string, name: string): Prng {
    return new Prng(splitmix32(fnv1a32(identity) ^ splitmix32(fnv1a32(name))));
  }

  /** The next uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9);
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result >>> 0;
  }

  /** Uniform in [0, 1) with 32-bit resolution. */
  nextFloat(): number {
    return this.nextUint32() / twoPow32;
  }

  /** A standard normal deviate N(0, 1) (Box–Muller; the pair's second value is returned by the next call). */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    // 1 − u lies in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - this.nextFloat()));
    const angle = 2 * Math.PI * this.nextFloat();
    this.spare = radius * Math.sin(angle);
    this.hasSpare = true;
    return radius * Math.cos(angle);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
