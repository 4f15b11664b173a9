import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DatasetError } from '../dataset-error.js';
import type { LabelledSamples } from '../labelled-samples.js';
import { affineTransformImage, augmentDigits, checkAffineAugmentation, IDENTITY_TRANSFORM, type AffineAugmentation } from './affine-augmentation.js';
import { downscaleAreaAverage } from './area-downscale.js';

const NONE: AffineAugmentation = { rotationDeg: 0, scale: 0, shear: 0, shiftPx: 0 };
const TYPICAL: AffineAugmentation = { rotationDeg: 10, scale: 0.1, shear: 0.1, shiftPx: 2 };

/** Three 28 × 28 "digits": a bar, a box and a seeded speckle, labels 1, 0, 8. */
function sourceDigits(): LabelledSamples {
  const features = new Float64Array(3 * 784);
  for (let y = 6; y < 22; y++) features[y * 28 + 14] = 1;
  for (let k = 8; k < 20; k++) {
    features[784 + 8 * 28 + k] = features[784 + 19 * 28 + k] = 0.8;
    features[784 + k * 28 + 8] = features[784 + k * 28 + 19] = 0.8;
  }
  let state = 7;
  for (let p = 0; p < 784; p++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    features[2 * 784 + p] = (state % 1000) / 999;
  }
  return { name: 'digits', size: 3, featureCount: 784, features, labels: Uint8Array.from([1, 0, 8]), classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] };
}

describe('affine augmentation of 28 × 28 digits before the 16 × 16 downscale', () => {
  const source = sourceDigits();

  it('returns the downscaled digits unchanged when every range is zero', () => {
    const out = augmentDigits(source, 28, 16, NONE, 42, 1);
    for (let n = 0; n < source.size; n++) {
      const plain = downscaleAreaAverage(source.features.subarray(n * 784, (n + 1) * 784), 28, 16);
      expect(Array.from(out.features.subarray(n * 256, (n + 1) * 256))).toEqual(Array.from(plain));
    }
  });
  it('keeps size, labels and names and gives 16 × 16 features in [0, 1]', () => {
    const out = augmentDigits(source, 28, 16, TYPICAL, 42, 1);
    expect([out.size, out.featureCount, out.features.length, out.name]).toEqual([3, 256, 768, 'digits']);
    expect(Array.from(out.labels)).toEqual([1, 0, 8]);
    for (const v of out.features) expect(v >= 0 && v <= 1).toBe(true);
  });
  it('is deterministic per (seed, epoch) and new for another epoch or seed', () => {
    const once = Array.from(augmentDigits(source, 28, 16, TYPICAL, 42, 1).features);
    expect(Array.from(augmentDigits(source, 28, 16, TYPICAL, 42, 1).features)).toEqual(once);
    expect(Array.from(augmentDigits(source, 28, 16, TYPICAL, 42, 2).features)).not.toEqual(once);
    expect(Array.from(augmentDigits(source, 28, 16, TYPICAL, 43, 1).features)).not.toEqual(once);
  });
  it('moves ink as the transform says: a whole-pixel shift moves the image, a half turn mirrors it', () => {
    const bar = source.features.subarray(0, 784);
    const shifted = affineTransformImage(bar, 28, { ...IDENTITY_TRANSFORM, shiftXPx: 3, shiftYPx: -2 });
    for (let y = 0; y < 28; y++) {
      for (let x = 0; x < 28; x++) expect(shifted[y * 28 + x]).toBe(y + 2 < 28 && x - 3 >= 0 ? bar[(y + 2) * 28 + x - 3] : 0);
    }
    const turned = affineTransformImage(bar, 28, { ...IDENTITY_TRANSFORM, rotationRad: Math.PI });
    for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) expect(turned[y * 28 + x]).toBeCloseTo(bar[(27 - y) * 28 + 27 - x]!, 9);
  });
  it('keeps the ink of a centred digit within a few percent under small transforms', () => {
    const box = source.features.subarray(784, 2 * 784);
    const ink = Array.from(box).reduce((a, b) => a + b, 0);
    fc.assert(
      fc.property(fc.double({ min: -0.17, max: 0.17, noNaN: true }), fc.double({ min: -0.1, max: 0.1, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true }), (rotationRad, shear, shiftXPx) => {
        const moved = affineTransformImage(box, 28, { rotationRad, scale: 1, shear, shiftXPx, shiftYPx: 0 });
        // Bilinear resampling blurs the lines but keeps their mass; a shear or rotation keeps the area.
        expect(Math.abs(moved.reduce((a, b) => a + b, 0) / ink - 1)).toBeLessThan(0.05);
      }),
    );
  });
  it('rejects a range outside its bounds with a DatasetError naming it and the range, and a wrong shape', () => {
    expect(() => checkAffineAugmentation({ ...TYPICAL, rotationDeg: 50 })).toThrow(/rotationDeg must lie in \[0, 45\], got 50/);
    expect(() => augmentDigits(source, 28, 16, { ...TYPICAL, scale: -0.1 }, 42, 1)).toThrow(DatasetError);
    expect(() => augmentDigits(source, 28, 16, { ...TYPICAL, shiftPx: 7 }, 42, 1)).toThrow(expect.objectContaining({ code: 'out-of-range', parameter: 'shiftPx', range: { min: 0, max: 6 } }));
    expect(() => augmentDigits(source, 28, 16, { ...TYPICAL, shear: Number.NaN }, 42, 1)).toThrow(expect.objectContaining({ code: 'not-finite', parameter: 'shear' }));
    expect(() => augmentDigits(source, 28, 16, TYPICAL, -1, 1)).toThrow(expect.objectContaining({ parameter: 'seed' }));
    expect(() => augmentDigits(source, 16, 8, TYPICAL, 42, 1)).toThrow(expect.objectContaining({ code: 'shape-mismatch', parameter: 'source.featureCount' }));
    expect(() => affineTransformImage([1, 2, 3], 2, IDENTITY_TRANSFORM)).toThrow(expect.objectContaining({ code: 'shape-mismatch', parameter: 'image.length' }));
  });
});
