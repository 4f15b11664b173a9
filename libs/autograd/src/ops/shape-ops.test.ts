import { describe, expect, it } from 'vitest';
import { checkGradients, randomValues } from '../../test-support/gradient-check.js';
import { AutogradError } from '../errors.js';
import { Rng } from '../random.js';
import { tensor } from '../tensor.js';
import { indexSelect, permute, reshape, selectTime, sliceTime, stack, transpose } from './shape-ops.js';

describe('shape ops', () => {
  const rng = new Rng(9);
  const values = randomValues(rng, [4, 2, 3]);
  const input = [{ shape: [4, 2, 3], values }];

  it('reshape is a view with an inferred extent, and passes gradients', () => {
    checkGradients({ inputs: input, op: ([x]) => reshape(x!, [8, -1]), reference: ([x]) => x! });
    expect(reshape(tensor([1, 2, 3, 4, 5, 6]), [3, -1]).shape).toEqual([3, 2]);
    expect(() => reshape(tensor([1, 2, 3]), [2, 2])).toThrow('reshape: cannot view [3] (3 elements) as [2,2]');
  });

  it('transpose and permute', () => {
    checkGradients({
      inputs: input,
      op: ([x]) => permute(x!, [2, 0, 1]),
      reference: ([x]) => {
        const out = new Float64Array(24);
        for (let t = 0; t < 4; t++) for (let b = 0; b < 2; b++) for (let n = 0; n < 3; n++) out[(n * 4 + t) * 2 + b] = x![(t * 2 + b) * 3 + n]!;
        return out;
      },
    });
    expect(transpose(tensor([1, 2, 3, 4, 5, 6], [2, 3])).toArray()).toEqual([1, 4, 2, 5, 3, 6]);
    expect(() => permute(tensor([1, 2], [1, 2]), [0, 0])).toThrow(AutogradError);
  });

  it('sliceTime and selectTime cut along the first axis', () => {
    checkGradients({ inputs: input, op: ([x]) => sliceTime(x!, 1, 3), reference: ([x]) => x!.slice(6, 18) });
    checkGradients({ inputs: input, op: ([x]) => selectTime(x!, 2), reference: ([x]) => x!.slice(12, 18) });
    expect(() => sliceTime(tensor([1, 2, 3], [3, 1]), 2, 5)).toThrow('sliceTime: time range 2..5 is outside [3,1]');
  });

  it('stack along a new first or middle axis', () => {
    const a = randomValues(rng, [2, 3]);
    const b = randomValues(rng, [2, 3]);
    const inputs = [{ shape: [2, 3], values: a }, { shape: [2, 3], values: b }];
    checkGradients({ inputs, op: (ts) => stack(ts, 0), reference: ([x, y]) => Float64Array.from([...x!, ...y!]) });
    checkGradients({
      inputs,
      op: (ts) => stack(ts, 1),
      reference: ([x, y]) => Float64Array.from([...x!.slice(0, 3), ...y!.slice(0, 3), ...x!.slice(3), ...y!.slice(3)]),
    });
    expect(() => stack([tensor([1, 2]), tensor([1, 2, 3])])).toThrow('stack: shapes differ: [2] and [3]');
  });

  it('indexSelect picks a mini-batch along axis 1, adding gradients of repeated picks', () => {
    checkGradients({
      inputs: input,
      op: ([x]) => indexSelect(x!, 1, [1, 1, 0]),
      reference: ([x]) => {
        const out = new Float64Array(4 * 3 * 3);
        for (let t = 0; t < 4; t++) [1, 1, 0].forEach((b, s) => out.set(x!.subarray((t * 2 + b) * 3, (t * 2 + b + 1) * 3), (t * 3 + s) * 3));
        return out;
      },
    });
    expect(() => indexSelect(tensor([1, 2]), 0, [2])).toThrow(/index 2 is outside axis 0/);
  });
});
