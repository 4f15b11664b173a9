import { checkInteger, checkNumber } from '../argument-checks.js';
import { DatasetError } from '../dataset-error.js';
import type { LabelledSamples } from '../labelled-samples.js';
import { MT19937_SEED_MAX } from '../random/mt19937.js';
import { NumpyRandomState } from '../random/numpy-random-state.js';
import { areaOverlaps, downscaleWith } from './area-downscale.js';

/**
 * The ranges of a random affine transform of a training digit, drawn uniformly per digit and applied to the
 * 28 × 28 source image before the 16 × 16 area downscale (sub-pixel moves at 16 × 16 then come out as graded
 * intensities, not whole-pixel jumps). Each range is symmetric around the identity; all zero is the identity.
 */
export interface AffineAugmentation {
  /** Largest rotation either way, degrees. In [0, 45]. */
  readonly rotationDeg: number;
  /** Largest relative change of size either way (0.1: 0.9..1.1). In [0, 0.5]. */
  readonly scale: number;
  /** Largest horizontal shear factor either way (x += shear · y). In [0, 0.5]. */
  readonly shear: number;
  /** Largest shift along each axis, in 28 × 28 source pixels. In [0, 6]. */
  readonly shiftPx: number;
}

/** One drawn transform: output pixel p shows the source at centre + A⁻¹ (p − centre − shift). */
export interface AffineTransform {
  readonly rotationRad: number;
  readonly scale: number;
  readonly shear: number;
  readonly shiftXPx: number;
  readonly shiftYPx: number;
}

export const IDENTITY_TRANSFORM: AffineTransform = { rotationRad: 0, scale: 1, shear: 0, shiftXPx: 0, shiftYPx: 0 };

/** Checks every range of an augmentation against its bounds (a DatasetError naming it) and returns it. */
export function checkAffineAugmentation(augmentation: AffineAugmentation): AffineAugmentation {
  checkNumber('rotationDeg', augmentation.rotationDeg, 0, 45);
  checkNumber('scale', augmentation.scale, 0, 0.5);
  checkNumber('shear', augmentation.shear, 0, 0.5);
  checkNumber('shiftPx', augmentation.shiftPx, 0, 6);
  return augmentation;
}

/**
 * Applies `transform` to a square row-major image about its centre by bilinear sampling; source points outside
 * the image read as 0 (MNIST's background). A = scale · rotation · shear; at the identity every output pixel
 * samples exactly one source pixel with weight 1, so the image comes back unchanged.
 */
export function affineTransformImage(image: ArrayLike<number>, size: number, transform: AffineTransform): Float64Array {
  if (image.length !== size * size) {
    throw new DatasetError('shape-mismatch', 'image.length', image.length, { min: size * size, max: size * size }, `image.length must be size² = ${size * size}, got ${image.length}`);
  }
  const { rotationRad, scale, shear, shiftXPx, shiftYPx } = transform;
  const cos = Math.cos(rotationRad);
  const sin = Math.sin(rotationRad);
  // A = s · R · H with H = [[1, shear], [0, 1]]; its inverse is H⁻¹ · Rᵀ / s.
  const r00 = cos / scale;
  const r01 = sin / scale;
  const r10 = -sin / scale;
  const r11 = cos / scale;
  const inv00 = r00 - shear * r10;
  const inv01 = r01 - shear * r11;
  const centre = (size - 1) / 2;
  const out = new Float64Array(size * size);
  const at = (y: number, x: number): number => (y >= 0 && y < size && x >= 0 && x < size ? image[y * size + x]! : 0);
  for (let y = 0; y < size; y++) {
    const dy = y - centre - shiftYPx;
    for (let x = 0; x < size; x++) {
      const dx = x - centre - shiftXPx;
      const sx = centre + inv00 * dx + inv01 * dy;
      const sy = centre + r10 * dx + r11 * dy;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      const top = fx === 0 ? at(y0, x0) : (1 - fx) * at(y0, x0) + fx * at(y0, x0 + 1);
      const bottom = fy === 0 ? 0 : fx === 0 ? at(y0 + 1, x0) : (1 - fx) * at(y0 + 1, x0) + fx * at(y0 + 1, x0 + 1);
      out[y * size + x] = Math.min(1, Math.max(0, (1 - fy) * top + fy * bottom));
    }
  }
  return out;
}

/** Draws one transform uniformly within the augmentation's ranges. */
export function drawAffineTransform(augmentation: AffineAugmentation, random: NumpyRandomState): AffineTransform {
  const symmetric = (range: number): number => range * (2 * random.randomSample() - 1);
  return {
    rotationRad: (symmetric(augmentation.rotationDeg) * Math.PI) / 180,
    scale: 1 + symmetric(augmentation.scale),
    shear: symmetric(augmentation.shear),
    shiftXPx: symmetric(augmentation.shiftPx),
    shiftYPx: symmetric(augmentation.shiftPx),
  };
}

/**
 * The training digits of one epoch: every `sourceSize`² source image of `source` transformed by its own draw
 * from `augmentation` and area-downscaled to `targetSize`². Seeded by (seed, epoch), so each epoch sees new
 * digits and a rerun the same ones. Labels, order and names stay those of `source`.
 */
export function augmentDigits(
  source: LabelledSamples, sourceSize: number, targetSize: number, augmentation: AffineAugmentation, seed: number, epoch: number,
): LabelledSamples {
  checkAffineAugmentation(augmentation);
  checkInteger('seed', seed, 0, MT19937_SEED_MAX);
  checkInteger('epoch', epoch, 0, MT19937_SEED_MAX);
  checkInteger('sourceSize', sourceSize, 1, 4096);
  checkInteger('targetSize', targetSize, 1, sourceSize);
  if (source.featureCount !== sourceSize * sourceSize) {
    throw new DatasetError('shape-mismatch', 'source.featureCount', source.featureCount, { min: sourceSize * sourceSize, max: sourceSize * sourceSize }, `source.featureCount must be sourceSize² = ${sourceSize * sourceSize}, got ${source.featureCount}`);
  }
  // One stream per (seed, epoch): the golden-ratio multiple keeps neighbouring seeds' epochs apart.
  const random = new NumpyRandomState((seed ^ Math.imul(epoch + 1, 0x9e3779b9)) >>> 0);
  const overlaps = areaOverlaps(sourceSize, targetSize);
  const sourcePixels = sourceSize * sourceSize;
  const targetPixels = targetSize * targetSize;
  const features = new Float32Array(source.size * targetPixels);
  for (let row = 0; row < source.size; row++) {
    const image = source.features.subarray(row * sourcePixels, (row + 1) * sourcePixels);
    const moved = affineTransformImage(image, sourceSize, drawAffineTransform(augmentation, random));
    features.set(downscaleWith(overlaps, moved, sourceSize, targetSize), row * targetPixels);
  }
  return { ...source, featureCount: targetPixels, features };
}
