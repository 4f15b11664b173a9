import { describe, expect, it } from 'vitest';
import { FixedPattern } from './fixed-pattern.js';
import { Prng } from './prng.js';

function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i] as number;
  return s / xs.length;
}

function std(xs: ArrayLike<number>): number {
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += ((xs[i] as number) - m) ** 2;
  return Math.sqrt(s / (xs.length - 1));
}

function extent(xs: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    lo = Math.min(lo, xs[i] as number);
    hi = Math.max(hi, xs[i] as number);
  }
  return [lo, hi];
}

/** How many entries differ (typed arrays of equal length). */
function differing(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

const pattern = FixedPattern.draw('statistics-chip');

const additive512 = ['vLeakOffsetVolts', 'vResetOffsetVolts', 'vThresholdOffsetVolts', 'eRevExcOffsetVolts', 'eRevInhOffsetVolts'] as const;
const timeFactors = ['tauMemFactor', 'tauSynExcFactor', 'tauSynInhFactor', 'tauAdaptFactor', 'tauIccFactor'] as const;

describe('FixedPattern (§10.2, §10.4, §10.9)', () => {
  it('has the array shapes of the spec', () => {
    for (const name of [...additive512, ...timeFactors, 'syninGainExc', 'syninGainInh'] as const) {
      expect(pattern[name]).toBeInstanceOf(Float64Array);
      expect(pattern[name]).toHaveLength(512);
    }
    expect(pattern.synapseDacGain).toBeInstanceOf(Float32Array);
    expect(pattern.synapseDacGain).toHaveLength(131072);
    expect(pattern.correlationBaselineCausalLsb).toHaveLength(131072);
    expect(pattern.correlationBaselineAcausalLsb).toHaveLength(131072);
    expect(pattern.cadcChannelOffsetLsb).toHaveLength(1024);
    expect(pattern.cadcRampStartVolts).toHaveLength(4);
    expect(pattern.cadcRampSlopeFactor).toHaveLength(4);
  });

  it('the same identity gives the identical pattern; two identities differ in every quantity', () => {
    const again = FixedPattern.draw('statistics-chip');
    const other = FixedPattern.draw('another-chip');
    for (const key of Object.keys(pattern) as (keyof FixedPattern)[]) {
      expect(differing(again[key], pattern[key]), key).toBe(0);
      // Continuous draws: two chips agree nowhere.
      expect(differing(other[key], pattern[key]), key).toBe(pattern[key].length);
    }
  });

  it('each quantity is its own stream keyed by (identity, name): adding quantities cannot shift it', () => {
    const rng = Prng.stream('statistics-chip', 'vLeakOffsetVolts');
    const expected = Array.from({ length: 5 }, () => 0.0675 * Math.max(-4, Math.min(4, rng.normal())));
    expected.forEach((v, i) => expect(pattern.vLeakOffsetVolts[i]).toBeCloseTo(v, 12));
  });

  it('none() is zero offsets, unit factors and 30 LSB baselines', () => {
    const none = FixedPattern.none();
    for (const name of additive512) expect(extent(none[name])).toEqual([0, 0]);
    for (const name of [...timeFactors, 'syninGainExc', 'syninGainInh', 'synapseDacGain', 'cadcRampSlopeFactor'] as const) {
      expect(extent(none[name])).toEqual([1, 1]);
    }
    expect(extent(none.cadcChannelOffsetLsb)).toEqual([0, 0]);
    expect(extent(none.cadcRampStartVolts)).toEqual([0, 0]);
    expect(extent(none.correlationBaselineCausalLsb)).toEqual([30, 30]);
    expect(extent(none.correlationBaselineAcausalLsb)).toEqual([30, 30]);
  });

  it('per-neuron potential offsets: mean 0, σ 67.5 mV, clipped at ±4σ, mutually independent', () => {
    for (const name of additive512) {
      const xs = pattern[name];
      expect(Math.abs(mean(xs)), name).toBeLessThan((4 * 0.0675) / Math.sqrt(512));
      expect(std(xs) / 0.0675, name).toBeGreaterThan(0.88);
      expect(std(xs) / 0.0675, name).toBeLessThan(1.12);
      const [lo, hi] = extent(xs);
      expect(lo).toBeGreaterThanOrEqual(-4 * 0.0675 - 1e-12);
      expect(hi).toBeLessThanOrEqual(4 * 0.0675 + 1e-12);
    }
    const a = pattern.vLeakOffsetVolts;
    const b = pattern.vThresholdOffsetVolts;
    let cov = 0;
    for (let i = 0; i < 512; i++) cov += (a[i] as number) * (b[i] as number);
    expect(Math.abs(cov / 512 / (std(a) * std(b)))).toBeLessThan(0.18); // 4 / sqrt(512)
  });

  it('time-constant factors are lognormal with mean 1 and CV 25 %, all positive', () => {
    for (const name of timeFactors) {
      const xs = pattern[name];
      expect(Math.abs(mean(xs) - 1), name).toBeLessThan((4 * 0.25) / Math.sqrt(512));
      expect(std(xs) / mean(xs), name).toBeGreaterThan(0.2);
      expect(std(xs) / mean(xs), name).toBeLessThan(0.3);
      // Lognormal, not normal: log f has σ = s = 0.246 and the lower tail stays positive.
      expect(std(Array.from(xs, Math.log))).toBeCloseTo(0.246, 1);
      expect(extent(xs)[0]).toBeGreaterThan(Math.exp(-4 * 0.246 - 0.246 ** 2 / 2) - 1e-9);
    }
  });

  it('synaptic gains: CV 10 % per neuron and per synapse (131,072 draws)', () => {
    for (const name of ['syninGainExc', 'syninGainInh'] as const) {
      expect(Math.abs(mean(pattern[name]) - 1)).toBeLessThan(0.02);
      expect(std(pattern[name])).toBeGreaterThan(0.085);
      expect(std(pattern[name])).toBeLessThan(0.115);
    }
    const g = pattern.synapseDacGain;
    expect(Math.abs(mean(g) - 1)).toBeLessThan(0.0015);
    expect(Math.abs(std(g) - 0.1)).toBeLessThan(0.002);
  });

  it('CADC channel offsets σ 5 LSB; ramp start σ 10 mV, slope CV 5 % per quadrant', () => {
    const o = pattern.cadcChannelOffsetLsb;
    expect(Math.abs(mean(o))).toBeLessThan((4 * 5) / Math.sqrt(1024));
    expect(std(o)).toBeGreaterThan(4.5);
    expect(std(o)).toBeLessThan(5.5);
    const [startLo, startHi] = extent(pattern.cadcRampStartVolts);
    expect(startLo).toBeGreaterThanOrEqual(-0.04);
    expect(startHi).toBeLessThanOrEqual(0.04);
    expect(new Set(pattern.cadcRampStartVolts).size).toBe(4);
    const [slopeLo, slopeHi] = extent(pattern.cadcRampSlopeFactor);
    expect(slopeLo).toBeGreaterThan(0.8);
    expect(slopeHi).toBeLessThan(1.25);
  });

  it('correlation baselines ~ N(30, 5²) LSB, clipped to [10, 50], causal and acausal independent', () => {
    for (const b of [pattern.correlationBaselineCausalLsb, pattern.correlationBaselineAcausalLsb]) {
      expect(Math.abs(mean(b) - 30)).toBeLessThan(0.06);
      expect(Math.abs(std(b) - 5)).toBeLessThan(0.08);
      const [lo, hi] = extent(b);
      expect(lo).toBeGreaterThanOrEqual(10);
      expect(hi).toBeLessThanOrEqual(50);
    }
    expect(differing(pattern.correlationBaselineCausalLsb, pattern.correlationBaselineAcausalLsb)).toBeGreaterThan(131000);
  });
});
