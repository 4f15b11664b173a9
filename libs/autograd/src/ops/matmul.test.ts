import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkGradients, randomValues } from '../../test-support/gradient-check.js';
import { AutogradError } from '../errors.js';
import { Rng } from '../random.js';
import { Tensor, tensor } from '../tensor.js';
import { linear, matmul } from './matmul.js';

/** float64 C(m×n) = A(m×k)·B(k×n). */
function referenceProduct(a: Float64Array, b: Float64Array, m: number, k: number, n: number, bTransposed = false): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let total = 0;
      for (let p = 0; p < k; p++) total += a[i * k + p]! * (bTransposed ? b[j * k + p]! : b[p * n + j]!);
      c[i * n + j] = total;
    }
  }
  return c;
}

/** Zeroes a fraction of the values, as spike tensors are: exercises the kernels' zero-skipping path. */
function sparsify(values: Float64Array, rng: Rng, keep: number): Float64Array {
  return values.map((v) => (rng.uniform() < keep ? v : 0));
}

describe('matmul', () => {
  const rng = new Rng(3);

  it('dense (7,5)@(5,6): forward and gradients of both operands', () => {
    checkGradients({
      inputs: [{ shape: [7, 5], values: randomValues(rng, [7, 5]) }, { shape: [5, 6], values: randomValues(rng, [5, 6]) }],
      op: ([a, b]) => matmul(a!, b!),
      reference: ([a, b]) => referenceProduct(a!, b!, 7, 5, 6),
    });
  });

  it('sparse time-major spikes (T=4, batch 3, 5) @ (5, 4), as a network layer uses it', () => {
    const spikes = sparsify(randomValues(rng, [4, 3, 5]), rng, 0.15);
    checkGradients({
      inputs: [{ shape: [4, 3, 5], values: spikes }, { shape: [5, 4], values: randomValues(rng, [5, 4]) }],
      op: ([a, b]) => matmul(a!, b!),
      reference: ([a, b]) => referenceProduct(a!, b!, 12, 5, 4),
    });
  });

  it('matrix @ vector and batched (2,3,4)@(2,4,5)', () => {
    checkGradients({
      inputs: [{ shape: [3, 4], values: randomValues(rng, [3, 4]) }, { shape: [4], values: randomValues(rng, [4]) }],
      op: ([a, b]) => matmul(a!, b!),
      reference: ([a, b]) => referenceProduct(a!, b!, 3, 4, 1),
    });
    checkGradients({
      inputs: [{ shape: [2, 3, 4], values: randomValues(rng, [2, 3, 4]) }, { shape: [2, 4, 5], values: randomValues(rng, [2, 4, 5]) }],
      op: ([a, b]) => matmul(a!, b!),
      reference: ([a, b]) => {
        const out = new Float64Array(30);
        for (let s = 0; s < 2; s++) out.set(referenceProduct(a!.subarray(s * 12), b!.subarray(s * 20), 3, 4, 5), s * 15);
        return out;
      },
    });
  });

  it('agrees with a float64 product on random shapes and densities (both kernel paths)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 13 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 11 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer(),
        (m, k, n, keep, seed) => {
          const r = new Rng(seed);
          const a = sparsify(randomValues(r, [m, k]), r, keep);
          const b = randomValues(r, [k, n]);
          const out = matmul(new Tensor(Float32Array.from(a), [m, k]), new Tensor(Float32Array.from(b), [k, n]));
          const expected = referenceProduct(a, b, m, k, n);
          expected.forEach((value, index) => expect(Math.abs(out.data[index]! - value)).toBeLessThan(1e-5 * (1 + k)));
        },
      ),
    );
  });

  it('names both shapes when the inner dimensions differ', () => {
    expect(() => matmul(new Tensor(new Float32Array(12), [3, 4]), new Tensor(new Float32Array(10), [5, 2]))).toThrow(
      'matmul: inner dimensions differ: a [3,4] @ b [5,2]',
    );
    expect(() => matmul(new Tensor(new Float32Array(24), [2, 3, 4]), new Tensor(new Float32Array(40), [2, 5, 4]))).toThrow(AutogradError);
  });
});

describe('linear (x · Wᵀ + b)', () => {
  const rng = new Rng(5);

  it('forward and gradients of input, weight and bias', () => {
    checkGradients({
      inputs: [
        { shape: [2, 3, 4], values: randomValues(rng, [2, 3, 4]) },
        { shape: [5, 4], values: randomValues(rng, [5, 4]) },
        { shape: [5], values: randomValues(rng, [5]) },
      ],
      op: ([x, w, b]) => linear(x!, w!, b!),
      reference: ([x, w, b]) => referenceProduct(x!, w!, 6, 4, 5, true).map((v, index) => v + b![index % 5]!),
    });
  });

  it('with sparse spike input (weight gradient through the transposed kernel)', () => {
    checkGradients({
      inputs: [
        { shape: [6, 5], values: sparsify(randomValues(rng, [6, 5]), rng, 0.2), differentiable: false },
        { shape: [3, 5], values: randomValues(rng, [3, 5]) },
      ],
      op: ([x, w]) => linear(x!, w!),
      reference: ([x, w]) => referenceProduct(x!, w!, 6, 5, 3, true),
    });
  });

  it('rejects a weight that does not fit', () => {
    expect(() => linear(tensor([1, 2, 3], [1, 3]), new Tensor(new Float32Array(8), [2, 4]))).toThrow(/linear: input \[1,3\] does not match weight \[2,4\]/);
  });
});
