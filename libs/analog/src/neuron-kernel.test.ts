import { describe, expect, it } from 'vitest';
import { KERNEL_COEFFICIENTS, NeuronKernel } from './neuron-kernel.js';

/** A deterministic uniform generator on [0, 1) (an LCG). */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Fills each of `arrays` with the same values drawn by `pick`. */
function fill(pick: () => number, ...arrays: Float32Array[]): void {
  const values = Array.from({ length: arrays[0]?.length ?? 0 }, pick);
  for (const a of arrays) a.set(values);
}

/** A kernel whose coefficients are all 0 (no leak, no input, no noise), every lane active, none able to fire. */
function quietKernel(): NeuronKernel {
  const k = new NeuronKernel(12);
  for (const name of KERNEL_COEFFICIENTS) k.coefficients[name].fill(0);
  k.coefficients.theta.fill(Infinity);
  k.active.fill(-1);
  return k;
}

describe('NeuronKernel (assembly/neuron-step.ts as WebAssembly SIMD)', () => {
  it('steps only the active lanes, holds the held ones and reports threshold crossings in neuron order', () => {
    const k = new NeuronKernel(12);
    const c = k.coefficients;
    for (const name of KERNEL_COEFFICIENTS) c[name].fill(0);
    c.theta.fill(Infinity);
    c.expFrom.fill(Infinity);
    c.ee.fill(1);
    c.ei.fill(1);
    c.ew.fill(1);
    k.rng.fill(1);
    k.v.fill(0.4);
    // Pure relaxation towards c0/leak = 0.5 V.
    c.leak.fill(0.5);
    c.c0.fill(0.25);
    k.active.fill(-1);
    k.active[7] = 0;
    c.theta[9] = 0.42;
    // Held lanes stay at vReset and cannot fire.
    k.hold[5] = -1;
    c.vReset[5] = 0.3;
    c.theta[5] = 0.1;
    c.theta[300] = 0.44;
    c.theta[301] = 0.5;
    k.packCoefficients();
    expect(k.step(0, 1.2)).toBe(2);
    expect([...k.candidates.subarray(0, 2)]).toEqual([9, 300]);
    expect(k.v[0]).toBeCloseTo(0.45, 7);
    expect(k.v[7]).toBeCloseTo(0.4, 7);
    expect(k.v[5]).toBeCloseTo(0.3, 7);
    expect(k.stepDelta[0]).toBeCloseTo(0.05, 7);
    expect(k.rng[7]).toBe(1);
    expect(k.rng[0]).not.toBe(1);
  });

  it('delivers a row event to all 256 columns (four at a time) exactly as column by column', () => {
    const full = new NeuronKernel(12);
    const single = new NeuronKernel(12);
    const random = lcg(5);
    // Zero and negative-zero gains (skipped), zero membrane responses (v untouched), potentials at both rails.
    fill(() => (random() < 0.2 ? (random() < 0.5 ? 0 : -0) : random()), full.weightGain, single.weightGain);
    for (const name of ['excCurrent', 'excMembrane', 'inhCurrent', 'inhMembrane'] as const) fill(() => (random() < 0.2 ? 0 : random() * 1e-3), full.tables[name], single.tables[name]);
    fill(() => (random() < 0.1 ? 1.2 : random() < 0.1 ? 0 : random()), full.v, single.v);
    fill(() => random(), full.iExcNa, single.iExcNa);
    fill(() => random(), full.iInhNa, single.iInhNa);
    const before = [...full.v, ...full.iExcNa, ...full.iInhNa];
    const all = Uint8Array.from({ length: 256 }, (_, c) => 255 - c);
    for (const [synram, row, age, inhibitory, scale] of [[0, 3, 0, false, 1], [1, 200, 7, true, 0.5], [1, 17, 12, false, 3]] as const) {
      full.deliver(synram, row, all, 256, age, inhibitory, scale, 0, 1.2);
      // count 255 takes the column-by-column loop: the last column on its own.
      single.deliver(synram, row, all, 255, age, inhibitory, scale, 0, 1.2);
      single.deliver(synram, row, all.subarray(255), 1, age, inhibitory, scale, 0, 1.2);
    }
    const after = [...full.v, ...full.iExcNa, ...full.iInhNa];
    expect(after.filter((x, i) => x !== before[i]).length).toBeGreaterThan(500);
    // toEqual tells −0 from 0: bit for bit.
    expect(after).toEqual([...single.v, ...single.iExcNa, ...single.iInhNa]);
  });

  it('delivers a column range (a split synram) exactly as its columns listed, and nothing outside it', () => {
    const ranged = new NeuronKernel(12);
    const listed = new NeuronKernel(12);
    const random = lcg(9);
    fill(() => (random() < 0.2 ? 0 : random()), ranged.weightGain, listed.weightGain);
    for (const name of ['excCurrent', 'excMembrane', 'inhCurrent', 'inhMembrane'] as const) fill(() => random() * 1e-3, ranged.tables[name], listed.tables[name]);
    fill(() => random(), ranged.v, listed.v);
    fill(() => random(), ranged.iExcNa, listed.iExcNa);
    fill(() => random(), ranged.iInhNa, listed.iInhNa);
    const before = [...ranged.v, ...ranged.iExcNa, ...ranged.iInhNa];
    for (const [synram, row, first, end, age, inhibitory] of [[0, 3, 0, 100, 0, false], [0, 9, 100, 256, 5, true], [1, 40, 252, 256, 12, false], [1, 41, 4, 8, 1, true]] as const) {
      ranged.deliverRange(synram, row, first, end, age, inhibitory, 0.75, 0, 1.2);
      const cols = Uint8Array.from({ length: end - first }, (_, i) => first + i);
      listed.deliver(synram, row, cols, cols.length, age, inhibitory, 0.75, 0, 1.2);
    }
    const after = [...ranged.v, ...ranged.iExcNa, ...ranged.iInhNa];
    const changed = after.flatMap((x, i) => (x !== before[i] ? [i % 512] : []));
    expect(changed.length).toBeGreaterThan(200);
    // Only neurons of the delivered ranges moved: synram 0 columns 0..255, synram 1 columns 4..7 and 252..255.
    expect(changed.every((n) => n < 256 || (n >= 260 && n < 264) || n >= 508)).toBe(true);
    expect(after).toEqual([...listed.v, ...listed.iExcNa, ...listed.iInhNa]);
  });

  it('evaluates the exponential term (Heun) within float32 accuracy', () => {
    const k = quietKernel();
    const c = k.coefficients;
    k.v.fill(0.62);
    c.expFrom.fill(0.5);
    c.vExp.fill(0.6);
    c.expScale.fill(0.001);
    k.packCoefficients();
    k.step(0, 1.2);
    // lin = v (no leak, no input); e0 = 0.001·e^2; v1 = v + e0 + e0/2·(e^{e0·100} − 1).
    const e0 = 0.001 * Math.exp(2);
    expect(k.v[0]).toBeCloseTo(0.62 + e0 + (e0 / 2) * Math.expm1(e0 * 100), 6);
  });

  it('has the exponential term within 1e-5 relative of Math.exp over (v − vExp)/ΔT ∈ [−12, 8]', () => {
    // The potential reaches the exponential through v + x only: with v = 0 and the noise term x carrying it, lin is
    // exactly 0 and v1 = e0·(1 + (e^d − 1)/2) with d = 100·e0 ≤ 0.03 (expScale 1e-7), so v1 shows e0 to float32
    // precision at the potentials and v_exp the chip uses (the argument's own rounding included).
    const k = quietKernel();
    const c = k.coefficients;
    k.v.fill(0);
    c.expFrom.fill(0);
    c.expScale.fill(1e-7);
    for (let n = 0; n < 512; n++) {
      c.vExp[n] = 0.4 + (0.4 * (n % 7)) / 6;
      k.x[n] = (c.vExp[n] as number) + 0.01 * (-12 + (20 * n) / 511);
    }
    const argument = Array.from({ length: 512 }, (_, n) => ((k.x[n] as number) - (c.vExp[n] as number)) / 0.01);
    k.packCoefficients();
    k.step(0, 1.2);
    let worst = 0;
    for (let n = 0; n < 512; n++) {
      const e0 = 1e-7 * Math.exp(argument[n] as number);
      const expected = e0 + (e0 / 2) * Math.expm1(100 * e0);
      worst = Math.max(worst, Math.abs((k.v[n] as number) / expected - 1));
    }
    // Measured 2026-11-25: 6.3e-6 (the degree-4 polynomial 2.7e-6, the rest the argument's float32 rounding).
    expect(worst).toBeLessThan(1e-5);
    expect(Math.min(...argument)).toBeLessThan(-11.9);
    expect(Math.max(...argument)).toBeGreaterThan(7.9);
  });
});
