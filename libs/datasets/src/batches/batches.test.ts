import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeCoordinates, HXTORCH_YIN_YANG_ENCODING } from '../encoding/coordinate-encoder.js';
import { gatherLabels } from '../labelled-samples.js';
import { generateYinYang } from '../yin-yang/yin-yang.js';
import { encodeBatches } from './encoded-batches.js';
import { ShuffledBatches } from './shuffled-batches.js';

// numpy RandomState(7).permutation(23), three times in a row: fixtures/make-numpy-golden.py.
const golden = JSON.parse(readFileSync(new URL('../../fixtures/numpy-golden.json', import.meta.url), 'utf8')) as {
  permutations23Seed7: number[][];
};

describe('ShuffledBatches', () => {
  it("orders epoch e as numpy's e-th permutation of the seed's stream", () => {
    const batches = new ShuffledBatches(23, { batchSize: 5, seed: 7 });
    expect(batches.batchesPerEpoch).toBe(5);
    for (const expected of golden.permutations23Seed7) {
      const epoch = batches.nextEpoch();
      expect(epoch.map((b) => b.length)).toEqual([5, 5, 5, 5, 3]);
      expect(epoch.flatMap((b) => Array.from(b))).toEqual(expected);
    }
  });
  it('covers every sample once per epoch, deterministically per seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 64 }), fc.nat(2 ** 32 - 1), fc.boolean(), (n, size, seed, dropLast) => {
        const batchSize = Math.min(size, n);
        const a = new ShuffledBatches(n, { batchSize, seed, dropLast });
        const b = new ShuffledBatches(n, { batchSize, seed, dropLast });
        for (let epoch = 0; epoch < 2; epoch++) {
          const ea = a.nextEpoch();
          expect(ea).toEqual(b.nextEpoch());
          expect(ea).toHaveLength(a.batchesPerEpoch);
          const seen = ea.flatMap((x) => Array.from(x));
          const kept = dropLast ? Math.floor(n / batchSize) * batchSize : n;
          expect(seen).toHaveLength(kept);
          expect(new Set(seen).size).toBe(kept);
          for (const batch of ea) expect(batch.length === batchSize || (!dropLast && batch === ea[ea.length - 1])).toBe(true);
        }
      }),
    );
  });
  it('keeps the order without shuffling', () => {
    const epoch = new ShuffledBatches(7, { batchSize: 3, seed: 1, shuffle: false }).nextEpoch();
    expect(epoch.map((b) => Array.from(b))).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
  });
  it('rejects a batch size outside 1..sampleCount', () => {
    expect(() => new ShuffledBatches(10, { batchSize: 11, seed: 1 })).toThrow(expect.objectContaining({ parameter: 'batchSize', range: { min: 1, max: 10 } }));
    expect(() => new ShuffledBatches(10, { batchSize: 0, seed: 1 })).toThrow(/batchSize must lie in 1\.\.10, got 0/);
  });
});

describe('encodeBatches', () => {
  it("yields hxtorch's Yin-Yang batches: [38, 50, 5] spikes with the samples' labels", () => {
    const train = generateYinYang({ size: 5000, seed: 42 });
    const sampler = new ShuffledBatches(train.size, { batchSize: 50, seed: 42 });
    const epoch = [...encodeBatches(train, (f, n) => encodeCoordinates(f, n, HXTORCH_YIN_YANG_ENCODING), sampler.nextEpoch())];
    expect(epoch).toHaveLength(100);
    const first = epoch[0]!;
    expect(first.spikes.shape).toEqual([38, 50, 5]);
    expect(first.labels).toEqual(gatherLabels(train, first.indices));
    // Each sample has 5 spikes: 4 coordinates and the bias.
    expect(first.spikes.data.reduce((a, b) => a + b, 0)).toBe(250);
    const i = first.indices[0]!;
    const expected = encodeCoordinates(train.features.subarray(i * 4, i * 4 + 4), 1, HXTORCH_YIN_YANG_ENCODING);
    for (let t = 0; t < 38; t++) for (let k = 0; k < 5; k++) expect(first.spikes.data[(t * 50 + 0) * 5 + k]).toBe(expected.data[t * 5 + k]);
  });
});
