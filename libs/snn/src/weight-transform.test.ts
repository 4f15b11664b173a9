import { tensor } from '@bss2/autograd';
import { describe, expect, it } from 'vitest';
import { linearSaturating, SnnError, toHardwareWeights } from './index.js';
import { fitToHardwareRange } from './weight-transform.js';

describe('weight transform (hxtorch linear_saturating, §6.5)', () => {
  it('scales and clips to ±63', () => {
    expect(linearSaturating(tensor([0.5, -0.25, 2, -2]), 64).toArray()).toEqual([32, -16, 63, -63]);
  });

  it('gives integer hardware weights, rounding half away from zero', () => {
    expect(Array.from(toHardwareWeights(Float32Array.from([2.5, -2.5, 0.49, -0.51, 100, -100]), 1))).toEqual([3, -3, 0, -1, 63, -63]);
  });

  it('fits weights to the hardware range as hxtorch\'s example does before each batch (§6.7)', () => {
    const hidden = Float32Array.of(0.5, -2, 1.2, -0.1);
    // Hidden weights clamped to ±0.98 (63 / 64); readout largest |w| 1.5 → scale 42 (63 / 1.5) below 64.
    expect(fitToHardwareRange(hidden, 63 / 64, Float32Array.of(0.3, -1.5), 64)).toBeCloseTo(42, 5);
    expect(Array.from(hidden)).toEqual(Array.from(Float32Array.of(0.5, -63 / 64, 63 / 64, -0.1)));
    // Small readout weights keep the given scale, all-zero ones too.
    expect(fitToHardwareRange(hidden, 1, Float32Array.of(0.2), 64)).toBe(64);
    expect(fitToHardwareRange(hidden, 1, new Float32Array(2), 64)).toBe(64);
  });

  it('rejects a non-positive scale', () => {
    expect(() => toHardwareWeights(new Float32Array(1), 0)).toThrow(SnnError);
    expect(() => linearSaturating(tensor([1]), -1)).toThrow(/scale -1 must be a finite number > 0/);
  });
});
