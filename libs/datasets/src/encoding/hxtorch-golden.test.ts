import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateYinYang } from '../yin-yang/yin-yang.js';
import { encodeCoordinates, HXTORCH_YIN_YANG_ENCODING } from './coordinate-encoder.js';

// hxtorch's own binning of the Yin-Yang test set (seconds, float64, round half to even), made with numpy by
// fixtures/make-numpy-golden.py.
const golden = JSON.parse(readFileSync(new URL('../../fixtures/numpy-golden.json', import.meta.url), 'utf8')) as {
  hxtorchStepsYinYang1000Seed41: string;
};

describe("encodeCoordinates against hxtorch's binning", () => {
  it('puts every spike of the hxtorch test set (1000 samples, seed 41) in the same bin, and the bias in bin 2', () => {
    const expected = golden.hxtorchStepsYinYang1000Seed41.split(',').map(Number);
    const test = generateYinYang({ size: 1000, seed: 41 });
    const spikes = encodeCoordinates(test.features, test.size, HXTORCH_YIN_YANG_ENCODING);
    const [steps, batch, inputs] = spikes.shape;
    expect(spikes.shape).toEqual([38, 1000, 5]);
    const bins = new Array<number>(batch * (inputs - 1)).fill(-1);
    for (let t = 0; t < steps; t++) {
      for (let b = 0; b < batch; b++) {
        for (let i = 0; i < inputs - 1; i++) if (spikes.data[(t * batch + b) * inputs + i] === 1) bins[b * (inputs - 1) + i] = t;
        expect(spikes.data[(t * batch + b) * inputs + inputs - 1]).toBe(t === 2 ? 1 : 0);
      }
    }
    expect(bins).toEqual(expected);
  });
});
