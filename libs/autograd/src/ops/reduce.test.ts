import { describe, expect, it } from 'vitest';
import { checkGradients, randomValues } from '../../test-support/gradient-check.js';
import { Rng } from '../random.js';
import { tensor } from '../tensor.js';
import { max, mean, sum } from './reduce.js';

/** float64 reduction of a (2,3,4) block over a set of axes with a combining function. */
function referenceReduce(x: Float64Array, axes: number[], combine: (values: number[]) => number): Float64Array {
  const shape = [2, 3, 4];
  const outShape = shape.map((extent, axis) => (axes.includes(axis) ? 1 : extent));
  const groups = new Map<number, number[]>();
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < 3; j++) {
      for (let k = 0; k < 4; k++) {
        const index = [i, j, k].map((v, axis) => (axes.includes(axis) ? 0 : v));
        const flat = (index[0]! * outShape[1]! + index[1]!) * outShape[2]! + index[2]!;
        groups.set(flat, [...(groups.get(flat) ?? []), x[(i * 3 + j) * 4 + k]!]);
      }
    }
  }
  return Float64Array.from([...groups.keys()].sort((a, b) => a - b).map((key) => combine(groups.get(key)!)));
}

const total = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('reductions', () => {
  const rng = new Rng(21);
  for (const axes of [[0], [1], [2], [0, 2], [0, 1, 2]]) {
    it(`sum, mean and max over axes [${axes}]`, () => {
      const values = randomValues(rng, [2, 3, 4]);
      const input = [{ shape: [2, 3, 4], values }];
      checkGradients({ inputs: input, op: ([x]) => sum(x!, axes), reference: ([x]) => referenceReduce(x!, axes, total) });
      checkGradients({ inputs: input, op: ([x]) => mean(x!, axes), reference: ([x]) => referenceReduce(x!, axes, (v) => total(v) / v.length) });
      checkGradients({ inputs: input, op: ([x]) => max(x!, axes), reference: ([x]) => referenceReduce(x!, axes, (v) => Math.max(...v)) });
    });
  }

  it('keeps reduced axes on request, reduces everything by default, accepts negative axes', () => {
    const x = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
    expect(sum(x, 1, { keepDims: true }).shape).toEqual([2, 1]);
    expect(sum(x).shape).toEqual([]);
    expect(sum(x).item()).toBe(21);
    expect(max(x, -1).toArray()).toEqual([3, 6]);
    expect(mean(x, 0).toArray()).toEqual([2.5, 3.5, 4.5]);
  });

  it('max sends the gradient to the first maximum only', () => {
    const x = tensor([1, 5, 5, 2], [4], true);
    max(x).backward();
    expect(x.grad!.toArray()).toEqual([0, 1, 0, 0]);
  });

  it('rejects an axis outside the rank, naming the legal range', () => {
    expect(() => sum(tensor([1, 2], [2]), 1)).toThrow('sum: axis 1 is out of range for a rank-1 tensor');
  });
});
