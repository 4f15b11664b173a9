import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DatasetError } from '../dataset-error.js';
import { areaOverlaps, downscaleAreaAverage } from './area-downscale.js';

describe('area-average downscaling', () => {
  it('gives each 16-pixel target 1.75 source pixels of footprint (28 → 16), in quarter pixels', () => {
    const overlaps = areaOverlaps(28, 16);
    // Target pixel 0 covers source [0, 1.75): pixel 0 fully (16/16), pixel 1 three quarters (12/16).
    expect(Array.from(overlaps.subarray(0, 4))).toEqual([16, 12, 0, 0]);
    // Target pixel 1 covers [1.75, 3.5): a quarter of pixel 1, pixel 2, half of pixel 3.
    expect(Array.from(overlaps.subarray(28, 32))).toEqual([0, 4, 16, 8]);
    for (let j = 0; j < 16; j++) expect(overlaps.subarray(j * 28, (j + 1) * 28).reduce((a, b) => a + b, 0)).toBe(28);
    for (let i = 0; i < 28; i++) {
      let column = 0;
      for (let j = 0; j < 16; j++) column += overlaps[j * 28 + i]!;
      expect(column).toBe(16);
    }
  });
  it('averages 2 × 2 blocks when the factor is 2', () => {
    expect(Array.from(downscaleAreaAverage([1, 0, 0.5, 0.5, 0, 0, 0.25, 0.25, 1, 1, 0, 0, 1, 1, 0, 0], 4, 2))).toEqual([0.25, 0.375, 1, 0]);
  });
  it('spreads one bright source pixel over the targets it overlaps, by area', () => {
    const image = new Array<number>(28 * 28).fill(0);
    image[1 * 28 + 1] = 1; // source pixel (1, 1): 3/4 in target 0 and 1/4 in target 1 along each axis
    const out = downscaleAreaAverage(image, 28, 16);
    const area = 1.75 * 1.75;
    expect(out[0]).toBeCloseTo((0.75 * 0.75) / area, 7);
    expect(out[1]).toBeCloseTo((0.75 * 0.25) / area, 7);
    expect(out[16]).toBeCloseTo((0.25 * 0.75) / area, 7);
    expect(out[17]).toBeCloseTo((0.25 * 0.25) / area, 7);
    expect(out.reduce((a, b) => a + b, 0) * area).toBeCloseTo(1, 6);
  });
  it('keeps the mean brightness and the [0, 1] range of any image', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 784, maxLength: 784 }), (image) => {
        const out = downscaleAreaAverage(image, 28, 16);
        for (const v of out) expect(v >= 0 && v <= 1).toBe(true);
        const meanIn = image.reduce((a, b) => a + b, 0) / 784;
        const meanOut = out.reduce((a, b) => a + b, 0) / 256;
        expect(Math.abs(meanOut - meanIn)).toBeLessThan(1e-6);
      }),
    );
    expect(Array.from(downscaleAreaAverage(new Array<number>(784).fill(1), 28, 16))).toEqual(new Array<number>(256).fill(1));
  });
  it('rejects a wrong image length or an upscale', () => {
    expect(() => downscaleAreaAverage([1, 2, 3], 28, 16)).toThrow(DatasetError);
    expect(() => downscaleAreaAverage([1, 2, 3], 28, 16)).toThrow(/image\.length must be sourceSize² = 784, got 3/);
    expect(() => downscaleAreaAverage(new Array<number>(784).fill(0), 28, 29)).toThrow(expect.objectContaining({ parameter: 'targetSize', range: { min: 1, max: 28 } }));
  });
});
