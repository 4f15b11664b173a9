import { tensor } from '@bss2/autograd';
import { describe, expect, it } from 'vitest';
import { linearSaturating, SnnError, toHardwareWeights } from './index.js';

describe('weight transform (hxtorch linear_saturating, §6.5)', () => {
  it('scales and clips to ±63', () => {
    expect(linearSaturating(tensor([0.5, -0.25, 2, -2]), 64).toArray()).toEqual([32, -16, 63, -63]);
  });

  it('gives integer hardware weights, rounding half away from zero', () => {
    expect(Array.from(toHardwareWeights(Float32Array.from([2.5, -2.5, 0.49, -0.51, 100, -100]), 1))).toEqual([3, -3, 0, -1, 63, -63]);
  });

  it('rejects a non-positive scale', () => {
    expect(() => toHardwareWeights(new Float32Array(1), 0)).toThrow(SnnError);
    expect(() => linearSaturating(tensor([1]), -1)).toThrow(/scale -1 must be a finite number > 0/);
  });
});
