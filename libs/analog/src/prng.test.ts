import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fnv1a32, Prng } from './prng.js';

describe('Prng (xoshiro128**, splitmix32 seeding, FNV-1a keys)', () => {
  it('FNV-1a 32 matches the published test vectors', () => {
    // Offset basis for the empty string; "a" and "foobar" from the FNV reference test suite.
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('the same seed gives the same sequence, different seeds different ones', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
        const a = new Prng(seed);
        const b = new Prng(seed);
        const c = new Prng((seed + 1) >>> 0);
        const xs = Array.from({ length: 8 }, () => a.nextUint32());
        expect(Array.from({ length: 8 }, () => b.nextUint32())).toEqual(xs);
        expect(Array.from({ length: 8 }, () => c.nextUint32())).not.toEqual(xs);
      }),
    );
  });

  it('streams are keyed by (identity, name) and do not collide on concatenation', () => {
    const first = (p: Prng): number => p.nextUint32();
    expect(first(Prng.stream('chip-1', 'vLeak'))).toBe(first(Prng.stream('chip-1', 'vLeak')));
    expect(first(Prng.stream('chip-1', 'vLeak'))).not.toBe(first(Prng.stream('chip-2', 'vLeak')));
    expect(first(Prng.stream('chip-1', 'vLeak'))).not.toBe(first(Prng.stream('chip-1', 'vReset')));
    expect(first(Prng.stream('ab', 'c'))).not.toBe(first(Prng.stream('a', 'bc')));
  });

  it('nextUint32 is a 32-bit unsigned integer and nextFloat lies in [0, 1)', () => {
    const p = new Prng(7);
    let bad = 0;
    let high = 0;
    for (let i = 0; i < 10000; i++) {
      const u = p.nextUint32();
      if (!Number.isInteger(u) || u < 0 || u > 0xffffffff) bad += 1;
      if (u >= 0x80000000) high += 1;
      const f = p.nextFloat();
      if (!(f >= 0 && f < 1)) bad += 1;
    }
    expect(bad).toBe(0);
    // The top bit is set half the time (a signed-integer slip would make it never set).
    expect(Math.abs(high - 5000)).toBeLessThan(300);
  });

  it('nextFloat is uniform: 16-bin chi-square over 160,000 draws below the 0.1 % critical value', () => {
    const p = Prng.stream('uniformity', 'test');
    const bins = new Array<number>(16).fill(0);
    const n = 160000;
    for (let i = 0; i < n; i++) bins[Math.floor(p.nextFloat() * 16)]! += 1;
    const expected = n / 16;
    const chi2 = bins.reduce((s, b) => s + (b - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(37.7); // χ²(15) at p = 0.001
  });

  it('normal() has mean 0, variance 1, the Gaussian tail mass and no serial correlation', () => {
    const p = Prng.stream('normality', 'test');
    const n = 200000;
    let sum = 0;
    let sumSq = 0;
    let lag = 0;
    let beyond2 = 0;
    let previous = p.normal();
    for (let i = 0; i < n; i++) {
      const z = p.normal();
      sum += z;
      sumSq += z * z;
      lag += z * previous;
      if (Math.abs(z) > 2) beyond2 += 1;
      previous = z;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.01); // 4.5 standard errors
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(0.015);
    expect(Math.abs(lag / n)).toBeLessThan(0.01);
    expect(beyond2 / n).toBeCloseTo(0.0455, 2);
  });
});
