import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomValues } from '../../test-support/gradient-check.js';
import { AutogradError } from '../errors.js';
import { Rng } from '../random.js';
import { broadcastShapes, sizeOf, type Shape } from '../shape.js';
import { Tensor } from '../tensor.js';
import { mul } from './binary.js';

/** An output shape and two operand shapes that broadcast to it: leading axes dropped, some extents set to 1. */
const broadcastCase = fc
  .array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 4 })
  .chain((out) =>
    fc.record({
      out: fc.constant(out),
      a: operandOf(out),
      b: operandOf(out),
      seed: fc.integer(),
    }),
  );

function operandOf(out: number[]): fc.Arbitrary<number[]> {
  return fc
    .tuple(fc.integer({ min: 0, max: out.length }), fc.array(fc.boolean(), { minLength: out.length, maxLength: out.length }))
    .map(([drop, ones]) => out.slice(drop).map((extent, axis) => (ones[axis + drop] ? 1 : extent)));
}

/** Flat index into `shape` (right-aligned) of the output multi-index, with broadcast axes pinned to 0. */
function sourceIndex(outIndex: number[], shape: Shape): number {
  let flat = 0;
  const offset = outIndex.length - shape.length;
  shape.forEach((extent, axis) => (flat = flat * extent + (extent === 1 ? 0 : outIndex[axis + offset]!)));
  return flat;
}

function multiIndex(flat: number, shape: Shape): number[] {
  const index = new Array<number>(shape.length);
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    index[axis] = flat % shape[axis]!;
    flat = Math.floor(flat / shape[axis]!);
  }
  return index;
}

describe('broadcasting (property tests over random shapes)', () => {
  it('mul broadcasts like NumPy, and each gradient is the output gradient summed back over broadcast axes', () => {
    fc.assert(
      fc.property(broadcastCase, ({ out, a, b, seed }) => {
        // Each result extent is the operands' larger one (missing leading axes count as 1).
        const rank = Math.max(a.length, b.length);
        const expected = out.slice(out.length - rank).map((_, axis) => Math.max(a[axis - rank + a.length] ?? 1, b[axis - rank + b.length] ?? 1));
        expect(broadcastShapes(a, b, 'test')).toEqual(expected);
        const rng = new Rng(seed);
        const x = new Tensor(Float32Array.from(randomValues(rng, a)), a, true);
        const y = new Tensor(Float32Array.from(randomValues(rng, b)), b, true);
        const product = mul(x, y);
        const shape = product.shape;
        const weights = Float32Array.from(randomValues(rng, shape));
        product.backward(new Tensor(weights, shape));
        const gradX = new Float64Array(x.size);
        const gradY = new Float64Array(y.size);
        for (let k = 0; k < sizeOf(shape); k++) {
          const index = multiIndex(k, shape);
          const ia = sourceIndex(index, a);
          const ib = sourceIndex(index, b);
          expect(product.data[k]).toBe(Math.fround(x.data[ia]! * y.data[ib]!));
          gradX[ia]! += weights[k]! * y.data[ib]!;
          gradY[ib]! += weights[k]! * x.data[ia]!;
        }
        gradX.forEach((g, k) => expect(Math.abs(x.grad!.data[k]! - g)).toBeLessThan(1e-5 * (1 + Math.abs(g))));
        gradY.forEach((g, k) => expect(Math.abs(y.grad!.data[k]! - g)).toBeLessThan(1e-5 * (1 + Math.abs(g))));
      }),
    );
  });

  it('shapes with unequal extents other than 1 are rejected with both shapes named', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }), fc.nat(), fc.integer({ min: 2, max: 5 }), (shape, at, extra) => {
        const axis = at % shape.length;
        const other = shape.map((extent, index) => (index === axis ? (extent === 1 ? extra : extent + 1) : extent));
        if (shape[axis] === 1) other[axis] = extra;
        const a = new Tensor(new Float32Array(sizeOf(shape)), shape);
        const b = new Tensor(new Float32Array(sizeOf(other)), other);
        if (shape[axis] === 1) return; // 1 broadcasts against anything
        try {
          mul(a, b);
          expect.unreachable();
        } catch (error) {
          expect(error).toBeInstanceOf(AutogradError);
          expect((error as AutogradError).code).toBe('shape-mismatch');
          expect((error as Error).message).toContain(`[${shape.join(',')}] and [${other.join(',')}]`);
        }
      }),
    );
  });
});
