import { describe, expect, it } from 'vitest';
import { checkGradients, randomValues } from '../../test-support/gradient-check.js';
import { Rng } from '../random.js';
import { tensor } from '../tensor.js';
import { crossEntropy, logSoftmax, softmax } from './softmax.js';

function referenceLogSoftmax(x: Float64Array, rows: number, classes: number): Float64Array {
  const out = new Float64Array(x.length);
  for (let r = 0; r < rows; r++) {
    const row = x.subarray(r * classes, (r + 1) * classes);
    const lse = Math.log(row.reduce((total, v) => total + Math.exp(v), 0));
    row.forEach((v, c) => (out[r * classes + c] = v - lse));
  }
  return out;
}

describe('softmax, log-softmax and cross-entropy', () => {
  const rng = new Rng(17);
  const logits = randomValues(rng, [4, 3], -3, 3);

  it('softmax and log-softmax along the last axis', () => {
    checkGradients({ inputs: [{ shape: [4, 3], values: logits }], op: ([x]) => logSoftmax(x!), reference: ([x]) => referenceLogSoftmax(x!, 4, 3) });
    checkGradients({ inputs: [{ shape: [4, 3], values: logits }], op: ([x]) => softmax(x!), reference: ([x]) => referenceLogSoftmax(x!, 4, 3).map(Math.exp) });
  });

  it('softmax along the first axis', () => {
    checkGradients({
      inputs: [{ shape: [3, 2], values: logits.slice(0, 6) }],
      op: ([x]) => softmax(x!, 0),
      reference: ([x]) => {
        const out = new Float64Array(6);
        for (let c = 0; c < 2; c++) {
          const total = [0, 1, 2].reduce((s, r) => s + Math.exp(x![r * 2 + c]!), 0);
          for (let r = 0; r < 3; r++) out[r * 2 + c] = Math.exp(x![r * 2 + c]!) / total;
        }
        return out;
      },
    });
  });

  it('cross-entropy (mean and sum)', () => {
    const targets = [2, 0, 1, 1];
    const reference = (scale: number) => ([x]: Float64Array[]) => {
      const logP = referenceLogSoftmax(x!, 4, 3);
      return Float64Array.of(-scale * targets.reduce((total, t, n) => total + logP[n * 3 + t]!, 0));
    };
    checkGradients({ inputs: [{ shape: [4, 3], values: logits }], op: ([x]) => crossEntropy(x!, targets), reference: reference(1 / 4) });
    checkGradients({ inputs: [{ shape: [4, 3], values: logits }], op: ([x]) => crossEntropy(x!, targets, { reduction: 'sum' }), reference: reference(1) });
  });

  it('is numerically stable for huge logits', () => {
    expect(softmax(tensor([1000, 1000, -1000])).toArray()).toEqual([0.5, 0.5, 0]);
    expect(crossEntropy(tensor([1e4, 0], [1, 2]), [0]).item()).toBe(0);
    expect(crossEntropy(tensor([1e4, 0], [1, 2]), [1]).item()).toBe(1e4);
  });

  it('rejects targets that are not class indices', () => {
    expect(() => crossEntropy(tensor([0, 0], [1, 2]), [2])).toThrow('crossEntropy: target 2 of sample 0 is not a class index');
    expect(() => crossEntropy(tensor([0, 0], [1, 2]), [0.5])).toThrow(/not a class index/);
    expect(() => crossEntropy(tensor([0, 0], [1, 2]), [0, 1])).toThrow('crossEntropy: 2 targets for logits [1,2]');
  });
});
