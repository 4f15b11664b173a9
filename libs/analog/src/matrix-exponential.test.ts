import { describe, expect, it } from 'vitest';
import { expm, linearPropagator } from './matrix-exponential.js';

describe('matrix exponential', () => {
  it('matches the scalar case and is the identity at zero', () => {
    expect(expm(Float64Array.of(-2.5), 1)[0]).toBeCloseTo(Math.exp(-2.5), 14);
    expect([...expm(new Float64Array(4), 2)]).toEqual([1, 0, 0, 1]);
    const { p, phi } = linearPropagator(Float64Array.of(0.5), 1, 2);
    expect(p[0]).toBeCloseTo(Math.exp(-1), 14);
    expect(phi[0]).toBeCloseTo((1 - Math.exp(-1)) / 0.5, 14);
  });

  it('propagates a stiff two-node network exactly (symmetric coupling conserves the mean)', () => {
    // Two equal capacitors joined by a conductance 1000× the step rate, no leak.
    const rates = Float64Array.of(1000, -1000, -1000, 1000);
    const { p, phi } = linearPropagator(rates, 2, 1);
    expect(p[0]).toBeCloseTo(0.5, 12);
    expect(p[1]).toBeCloseTo(0.5, 12);
    expect(phi[0]! + phi[1]!).toBeCloseTo(1, 12);
  });
});
