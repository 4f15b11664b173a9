import { describe, expect, it } from 'vitest';
import { KERNEL_COEFFICIENTS, NeuronKernel } from './neuron-kernel.js';

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
    expect(k.step(100, 0, 1.2)).toBe(2);
    expect([...k.candidates.subarray(0, 2)]).toEqual([9, 300]);
    expect(k.v[0]).toBeCloseTo(0.45, 7);
    expect(k.v[7]).toBeCloseTo(0.4, 7);
    expect(k.v[5]).toBeCloseTo(0.3, 7);
    expect(k.stepDelta[0]).toBeCloseTo(0.05, 7);
    expect(k.rng[7]).toBe(1);
    expect(k.rng[0]).not.toBe(1);
  });

  it('evaluates the exponential term (Heun) within float32 accuracy', () => {
    const k = new NeuronKernel(12);
    const c = k.coefficients;
    for (const name of KERNEL_COEFFICIENTS) c[name].fill(0);
    c.theta.fill(Infinity);
    k.active.fill(-1);
    k.v.fill(0.62);
    c.expFrom.fill(0.5);
    c.vExp.fill(0.6);
    c.expScale.fill(0.001);
    k.step(100, 0, 1.2);
    // lin = v (no leak, no input); e0 = 0.001·e^2; v1 = v + e0 + e0/2·(e^{e0·100} − 1).
    const e0 = 0.001 * Math.exp(2);
    expect(k.v[0]).toBeCloseTo(0.62 + e0 + (e0 / 2) * Math.expm1(e0 * 100), 6);
  });
});
