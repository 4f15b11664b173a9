import { checkInteger } from '../argument-checks.js';
import type { LabelledSamples } from '../labelled-samples.js';
import { MT19937_SEED_MAX } from '../random/mt19937.js';
import { NumpyRandomState } from '../random/numpy-random-state.js';
import {
  checkYinYangGeometry,
  insideYinYangCircle,
  YIN_YANG_CLASS_NAMES,
  YIN_YANG_GEOMETRY,
  yinYangClass,
  type YinYangGeometry,
} from './yin-yang-geometry.js';

/** Features per Yin-Yang sample: (x, y, 1 − x, 1 − y), the mirrored coordinates of §9. */
export const YIN_YANG_FEATURE_COUNT = 4;

/** The largest data set this lib builds in one call (a guard against a typo, not a physical limit). */
export const YIN_YANG_SIZE_MAX = 10_000_000;

export interface YinYangOptions {
  readonly size: number;
  /** numpy `RandomState` seed, 0..2^32 − 1. */
  readonly seed: number;
  readonly geometry?: YinYangGeometry;
}

/**
 * The Yin-Yang data set exactly as §9 generates it: one numpy `RandomState(seed)` stream; per sample a goal
 * class `randint(3)` (which balances the classes), then rejection sampling of `rand(2) · 2 · r_big` until the
 * point lies in the big circle and has the goal class. Features are float64 like numpy's, so every value
 * equals the reference bit for bit.
 */
export function generateYinYang(options: YinYangOptions): LabelledSamples {
  const size = checkInteger('size', options.size, 0, YIN_YANG_SIZE_MAX);
  const seed = checkInteger('seed', options.seed, 0, MT19937_SEED_MAX);
  const geometry = checkYinYangGeometry(options.geometry ?? YIN_YANG_GEOMETRY);
  const { features, labels } = drawYinYangSamples(new NumpyRandomState(seed), size, geometry);
  return {
    name: `yin-yang(size=${size}, seed=${seed})`,
    size,
    featureCount: YIN_YANG_FEATURE_COUNT,
    features,
    labels,
    classNames: YIN_YANG_CLASS_NAMES,
  };
}

/** Draws `size` samples from `random` (the generator loop of §9; tests reach in to check the draws used). */
export function drawYinYangSamples(
  random: NumpyRandomState,
  size: number,
  geometry: YinYangGeometry,
): { features: Float64Array; labels: Uint8Array } {
  const features = new Float64Array(size * YIN_YANG_FEATURE_COUNT);
  const labels = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    const goal = random.randint(3);
    let x: number;
    let y: number;
    do {
      // rand(2) draws x before y; `· 2 · r_big` in numpy's order of operations.
      x = random.randomSample() * 2 * geometry.rBig;
      y = random.randomSample() * 2 * geometry.rBig;
    } while (!insideYinYangCircle(x, y, geometry) || yinYangClass(x, y, geometry) !== goal);
    const row = i * YIN_YANG_FEATURE_COUNT;
    features[row] = x;
    features[row + 1] = y;
    features[row + 2] = 1 - x;
    features[row + 3] = 1 - y;
    labels[i] = goal;
  }
  return { features, labels };
}

/** One part of a split: how many samples and the seed of its stream. */
export interface YinYangPart {
  readonly size: number;
  readonly seed: number;
}

export interface YinYangSplit {
  readonly train: YinYangPart;
  readonly validation: YinYangPart;
  readonly test: YinYangPart;
}

/**
 * The published splits (§9, §6.7).
 * - `readme`: the data set's README, train 5000 (seed 42), validation 1000 (seed 41), test 1000 (seed 40).
 * - `hxtorch`: hxtorch's Yin-Yang example, train 5000 (seed 42) and test 1000 (seed 41). That example has no
 *   validation set; ours takes the README's remaining seed 40 so that all three streams differ. Note that
 *   hxtorch's test set is the README's validation set.
 */
export const YIN_YANG_SPLITS: Readonly<Record<'readme' | 'hxtorch', YinYangSplit>> = {
  readme: { train: { size: 5000, seed: 42 }, validation: { size: 1000, seed: 41 }, test: { size: 1000, seed: 40 } },
  hxtorch: { train: { size: 5000, seed: 42 }, validation: { size: 1000, seed: 40 }, test: { size: 1000, seed: 41 } },
};

export interface YinYangSets {
  readonly train: LabelledSamples;
  readonly validation: LabelledSamples;
  readonly test: LabelledSamples;
}

/** Generates the three sets of a split (default: hxtorch's, which the training targets of issue 6 use). */
export function yinYangSplit(split: YinYangSplit = YIN_YANG_SPLITS.hxtorch, geometry: YinYangGeometry = YIN_YANG_GEOMETRY): YinYangSets {
  return {
    train: generateYinYang({ ...split.train, geometry }),
    validation: generateYinYang({ ...split.validation, geometry }),
    test: generateYinYang({ ...split.test, geometry }),
  };
}
