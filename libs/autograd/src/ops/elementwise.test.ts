import { describe, expect, it } from 'vitest';
import { checkGradients, randomValues } from '../../test-support/gradient-check.js';
import { AutogradError } from '../errors.js';
import { Rng } from '../random.js';
import { tensor } from '../tensor.js';
import { add, div, maximum, mul, sub } from './binary.js';
import { abs, clamp, exp, log, neg, powScalar, relu, sigmoid, sqrt, square, tanh } from './unary.js';

const rng = new Rng(11);
const map = (f: (x: number) => number) => ([x]: Float64Array[]) => x!.map(f);

describe('unary ops: forward against float64, backward against finite differences', () => {
  const cases: [string, (x: import('../tensor.js').Tensor) => import('../tensor.js').Tensor, (x: number) => number, number, number][] = [
    ['neg', neg, (x) => -x, -2, 2],
    ['exp', exp, Math.exp, -2, 2],
    ['log', log, Math.log, 0.2, 3],
    ['sqrt', sqrt, Math.sqrt, 0.2, 3],
    ['abs', abs, Math.abs, 0.1, 2],
    ['square', square, (x) => x * x, -2, 2],
    ['relu', relu, (x) => Math.max(x, 0), 0.05, 2],
    ['sigmoid', sigmoid, (x) => 1 / (1 + Math.exp(-x)), -4, 4],
    ['tanh', tanh, Math.tanh, -2, 2],
    ['powScalar 3', (x) => powScalar(x, 3), (x) => x ** 3, -2, 2],
  ];
  for (const [name, op, f, low, high] of cases) {
    it(name, () => {
      // abs and relu are checked away from their kink at 0, where the finite difference is undefined.
      const values = randomValues(rng, [3, 4], low, high);
      if (name === 'abs') values.forEach((v, k) => (values[k] = k % 2 === 0 ? v : -v));
      if (name === 'relu') values.forEach((v, k) => (values[k] = k % 3 === 0 ? -v : v));
      checkGradients({ inputs: [{ shape: [3, 4], values }], op: ([x]) => op(x!), reference: map(f) });
    });
  }

  it('clamp passes the gradient inside the range and blocks it outside', () => {
    const values = Float64Array.from([-2, -0.5, 0.25, 0.7, 1.5, 3]);
    checkGradients({ inputs: [{ shape: [6], values }], op: ([x]) => clamp(x!, -1, 1), reference: map((x) => Math.min(1, Math.max(-1, x))) });
    expect(() => clamp(tensor([1]), 2, 1)).toThrow(AutogradError);
  });

  it('sigmoid does not overflow for large |x|', () => {
    expect(sigmoid(tensor([-1000, 1000])).toArray()).toEqual([0, 1]);
  });
});

describe('binary ops with broadcasting', () => {
  const binaryCases: [string, typeof add, (x: number, y: number) => number][] = [
    ['add', add, (x, y) => x + y],
    ['sub', sub, (x, y) => x - y],
    ['mul', mul, (x, y) => x * y],
    ['div', div, (x, y) => x / y],
    ['maximum', maximum, (x, y) => Math.max(x, y)],
  ];
  for (const [name, op, f] of binaryCases) {
    it(`${name}: (2,3,4) with (3,1) — forward and both gradients`, () => {
      const a = randomValues(rng, [2, 3, 4], 0.5, 2);
      const b = randomValues(rng, [3, 1], 0.5, 2);
      checkGradients({
        inputs: [{ shape: [2, 3, 4], values: a }, { shape: [3, 1], values: b }],
        op: ([x, y]) => op(x!, y!),
        reference: ([x, y]) => {
          const out = new Float64Array(24);
          for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 4; k++) out[i * 12 + j * 4 + k] = f(x![i * 12 + j * 4 + k]!, y![j]!);
          return out;
        },
      });
    });
  }

  it('accepts numbers as scalars', () => {
    expect(mul(tensor([1, 2, 3]), 2).toArray()).toEqual([2, 4, 6]);
    expect(sub(1, tensor([1, 2])).toArray()).toEqual([0, -1]);
  });

  it('names both shapes when they do not broadcast', () => {
    expect(() => add(tensor([1, 2, 3], [3]), tensor([1, 2], [2]))).toThrow(/add: shapes \[3\] and \[2\] do not broadcast/);
    try {
      mul(tensor([0, 0, 0, 0, 0, 0], [2, 3]), tensor([0, 0, 0, 0], [4]));
    } catch (error) {
      expect(error).toBeInstanceOf(AutogradError);
      expect((error as AutogradError).code).toBe('shape-mismatch');
    }
  });
});
