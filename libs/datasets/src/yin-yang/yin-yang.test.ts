import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DatasetError } from '../dataset-error.js';
import { classCounts } from '../labelled-samples.js';
import { NumpyRandomState } from '../random/numpy-random-state.js';
import { insideYinYangCircle, YIN_YANG_GEOMETRY, yinYangClass } from './yin-yang-geometry.js';
import { drawYinYangSamples, generateYinYang, YIN_YANG_SPLITS, yinYangSplit } from './yin-yang.js';

interface GoldenSet {
  size: number;
  seed: number;
  headXY: [number, number][];
  labels: string;
  classCounts: number[];
  sumX: number;
  sumY: number;
  nextUint32AfterGeneration: number;
}

// Made with numpy by fixtures/make-numpy-golden.py, which runs the §9 generator (see its docstring).
const golden = JSON.parse(readFileSync(new URL('../../fixtures/numpy-golden.json', import.meta.url), 'utf8')) as { yinYang: GoldenSet[] };

describe.each(golden.yinYang.map((set) => [`size ${set.size}, seed ${set.seed}`, set] as const))('Yin-Yang %s equals numpy', (_, set) => {
  const samples = generateYinYang({ size: set.size, seed: set.seed });

  it('has the same first coordinates, bit for bit', () => {
    set.headXY.forEach(([x, y], i) => {
      expect(samples.features[i * 4]).toBe(x);
      expect(samples.features[i * 4 + 1]).toBe(y);
    });
  });
  it('has the same labels and class counts', () => {
    expect(Array.from(samples.labels).join('')).toBe(set.labels);
    expect(classCounts(samples)).toEqual(set.classCounts);
  });
  it('has the same coordinate sums (every value exact)', () => {
    let sumX = 0;
    let sumY = 0;
    for (let i = 0; i < samples.size; i++) {
      sumX += samples.features[i * 4]!;
      sumY += samples.features[i * 4 + 1]!;
    }
    expect(sumX).toBe(set.sumX);
    expect(sumY).toBe(set.sumY);
  });
  it('consumes exactly as many random draws as numpy', () => {
    const random = new NumpyRandomState(set.seed);
    drawYinYangSamples(random, set.size, YIN_YANG_GEOMETRY);
    expect(random.nextUint32()).toBe(set.nextUint32AfterGeneration);
  });
});

describe('Yin-Yang geometry and balance', () => {
  const { train, validation, test } = yinYangSplit();

  it('uses the hxtorch split: train 5000 seed 42, test 1000 seed 41 (§6.7)', () => {
    expect(YIN_YANG_SPLITS.hxtorch.train).toEqual({ size: 5000, seed: 42 });
    expect(YIN_YANG_SPLITS.hxtorch.test).toEqual({ size: 1000, seed: 41 });
    expect([train.size, validation.size, test.size]).toEqual([5000, 1000, 1000]);
    expect(train.name).toBe('yin-yang(size=5000, seed=42)');
    expect(test.name).toBe('yin-yang(size=1000, seed=41)');
    expect(validation.name).toBe('yin-yang(size=1000, seed=40)');
  });
  it("the README's validation set is hxtorch's test set", () => {
    const readme = yinYangSplit(YIN_YANG_SPLITS.readme);
    expect(readme.validation.features).toEqual(test.features);
    expect(readme.test.features).toEqual(validation.features);
  });
  it.each([
    ['train', train],
    ['test', test],
  ] as const)('%s: every point lies in the circle, has its class, and carries its mirror', (_, samples) => {
    for (let i = 0; i < samples.size; i++) {
      const [x, y, mx, my] = samples.features.subarray(i * 4, i * 4 + 4);
      expect(insideYinYangCircle(x!, y!)).toBe(true);
      expect(yinYangClass(x!, y!)).toBe(samples.labels[i]);
      expect(mx).toBe(1 - x!);
      expect(my).toBe(1 - y!);
      expect(Math.min(x!, y!, mx!, my!)).toBeGreaterThanOrEqual(0);
      expect(Math.max(x!, y!, mx!, my!)).toBeLessThanOrEqual(1);
    }
  });
  it('balances the classes (goal class drawn uniformly): each within 4σ of size / 3', () => {
    const sigma = Math.sqrt(train.size * (1 / 3) * (2 / 3));
    for (const count of classCounts(train)) expect(Math.abs(count - train.size / 3)).toBeLessThan(4 * sigma);
  });
  it('is deterministic per seed and differs between seeds', () => {
    expect(generateYinYang({ size: 200, seed: 42 }).features).toEqual(train.features.subarray(0, 800));
    expect(generateYinYang({ size: 200, seed: 43 }).features).not.toEqual(train.features.subarray(0, 800));
  });
  it('rejects bad sizes and seeds with the legal range', () => {
    expect(() => generateYinYang({ size: -1, seed: 1 })).toThrow(DatasetError);
    expect(() => generateYinYang({ size: 10, seed: 2 ** 32 })).toThrow(expect.objectContaining({ parameter: 'seed', range: { min: 0, max: 2 ** 32 - 1 } }));
    expect(() => generateYinYang({ size: 2.5, seed: 1 })).toThrow(/size must be an integer in 0\.\.10000000/);
  });
});
