import { checkInteger } from '../argument-checks.js';
import { DatasetError } from '../dataset-error.js';

/**
 * The overlap of every source pixel with every target pixel along one axis, in units of 1/targetSize of a
 * source pixel: source pixel i spans [i·T, (i+1)·T) and target pixel j spans [j·S, (j+1)·S) (S = source size,
 * T = target size), so all overlaps are integers and each target pixel's weights sum to exactly S.
 * Row-major `[targetSize, sourceSize]`.
 */
export function areaOverlaps(sourceSize: number, targetSize: number): Int32Array {
  const overlaps = new Int32Array(targetSize * sourceSize);
  for (let j = 0; j < targetSize; j++) {
    for (let i = 0; i < sourceSize; i++) {
      const overlap = Math.min((i + 1) * targetSize, (j + 1) * sourceSize) - Math.max(i * targetSize, j * sourceSize);
      overlaps[j * sourceSize + i] = Math.max(0, overlap);
    }
  }
  return overlaps;
}

/**
 * Downscales a square row-major image by area averaging: each target pixel is the mean of the source image
 * over the target pixel's footprint, source pixels weighted by the fraction they overlap it. This is the exact
 * integral of the pixel-constant image, so mean brightness is kept and every source pixel counts by its area
 * (nearest-neighbour sampling drops 12 of 28 rows outright). With integer overlaps, a target pixel is a sum of
 * non-negative terms over S², so an image in [0, 1] stays in [0, 1] without clamping.
 */
export function downscaleAreaAverage(image: ArrayLike<number>, sourceSize: number, targetSize: number): Float32Array {
  checkInteger('sourceSize', sourceSize, 1, 4096);
  checkInteger('targetSize', targetSize, 1, sourceSize);
  if (image.length !== sourceSize * sourceSize) {
    throw new DatasetError(
      'shape-mismatch',
      'image.length',
      image.length,
      { min: sourceSize * sourceSize, max: sourceSize * sourceSize },
      `image.length must be sourceSize² = ${sourceSize * sourceSize}, got ${image.length}`,
    );
  }
  return downscaleWith(areaOverlaps(sourceSize, targetSize), image, sourceSize, targetSize);
}

/** The separable weighted sum: rows first into a [targetSize, sourceSize] buffer, then columns. */
export function downscaleWith(overlaps: Int32Array, image: ArrayLike<number>, sourceSize: number, targetSize: number): Float32Array {
  const rows = new Float64Array(targetSize * sourceSize);
  for (let j = 0; j < targetSize; j++) {
    for (let i = 0; i < sourceSize; i++) {
      const weight = overlaps[j * sourceSize + i]!;
      if (weight === 0) continue;
      for (let x = 0; x < sourceSize; x++) rows[j * sourceSize + x]! += weight * image[i * sourceSize + x]!;
    }
  }
  const out = new Float32Array(targetSize * targetSize);
  const norm = sourceSize * sourceSize;
  for (let j = 0; j < targetSize; j++) {
    for (let k = 0; k < targetSize; k++) {
      let sum = 0;
      for (let x = 0; x < sourceSize; x++) sum += overlaps[k * sourceSize + x]! * rows[j * sourceSize + x]!;
      out[j * targetSize + k] = sum / norm;
    }
  }
  return out;
}
