import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leakIntegralUs, lifCoefficients, lifUpperBound, lifVoltage, synapticKernelUs } from './lif-closed-form.js';

/** ∫0^Δ e^{−(Δ−u)/τm}·e^{−u/τs} du by the midpoint rule. */
function kernelNumeric(tauMem: number, tauSyn: number, dt: number): number {
  const steps = 20_000;
  const h = dt / steps;
  let sum = 0;
  for (let i = 0; i < steps; i++) {
    const u = (i + 0.5) * h;
    sum += Math.exp(-(dt - u) / tauMem) * Math.exp(-u / tauSyn) * h;
  }
  return sum;
}

describe('LIF closed form', () => {
  it('kernel h matches numeric integration, including τs = τm, close rates and infinite time constants', () => {
    for (const [tm, ts, dt] of [
      [10, 5, 3],
      [10, 10, 3],
      [10, 10 * (1 + 1e-9), 3],
      [10, 0.3, 50],
      [Infinity, 5, 2],
      [10, Infinity, 2],
      [Infinity, Infinity, 2],
    ] as const) {
      const h = synapticKernelUs(tm, ts, dt);
      expect(Math.abs(h - kernelNumeric(tm, ts, dt))).toBeLessThan(1e-8 * Math.max(1, h));
    }
    expect(Math.abs(synapticKernelUs(10, 5, 1e5))).toBe(0);
    expect(leakIntegralUs(Infinity, 7)).toBe(7);
    expect(leakIntegralUs(10, 1e-12)).toBeCloseTo(1e-12, 20);
  });

  it('composes: two steps equal one step of the summed length', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.3, max: 60, noNaN: true }),
        fc.double({ min: 0.3, max: 30, noNaN: true }),
        fc.double({ min: 0.3, max: 30, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        (tm, te, ti, d1, d2) => {
          const c1 = new Float64Array(6);
          const c2 = new Float64Array(6);
          const c = new Float64Array(6);
          lifCoefficients(tm, te, ti, d1, c1, 0);
          lifCoefficients(tm, te, ti, d2, c2, 0);
          lifCoefficients(tm, te, ti, d1 + d2, c, 0);
          const [v0, ie, ii, drive, k] = [0.4, 30, 20, 0.05, 4e-4];
          const v1 = lifVoltage(v0, ie, ii, drive, k, k, c1, 0);
          const v2 = lifVoltage(v1, ie * c1[2]!, ii * c1[3]!, drive, k, k, c2, 0);
          expect(v2).toBeCloseTo(lifVoltage(v0, ie, ii, drive, k, k, c, 0), 10);
        },
      ),
    );
  });

  it('the upper bound is never below the trajectory', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 200, noNaN: true }), fc.double({ min: 0, max: 200, noNaN: true }), fc.double({ min: 0.01, max: 20, noNaN: true }), (ie, ii, dt) => {
        const c = new Float64Array(6);
        lifCoefficients(10, 2, 4, dt, c, 0);
        const bound = lifUpperBound(0.3, ie, ii * c[3]!, 0.03, 4e-4, 4e-4, c, 0);
        const probe = new Float64Array(6);
        for (let i = 1; i <= 20; i++) {
          lifCoefficients(10, 2, 4, (dt * i) / 20, probe, 0);
          expect(lifVoltage(0.3, ie, ii, 0.03, 4e-4, 4e-4, probe, 0)).toBeLessThanOrEqual(bound + 1e-12);
        }
      }),
    );
  });
});
