import { normalizeAxis, splitAtAxis } from '../shape.js';
import { record } from '../tape.js';
import { Tensor } from '../tensor.js';
import { mul } from './binary.js';
import { reshape } from './shape-ops.js';

/** Which axes to reduce: one, several, or (undefined) all. */
export type Axes = number | readonly number[] | undefined;

interface ReduceOptions {
  readonly keepDims?: boolean;
}

function resolveAxes(x: Tensor, axes: Axes, where: string): number[] {
  if (axes === undefined) return x.shape.map((_, axis) => axis);
  const list = typeof axes === 'number' ? [axes] : axes;
  return [...new Set(list.map((axis) => normalizeAxis(axis, x.rank, where)))].sort((p, q) => q - p);
}

function sumAxis(x: Tensor, axis: number): Tensor {
  const { outer, extent, inner } = splitAtAxis(x.shape, axis);
  const input = x.data;
  const out = new Float32Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let e = 0; e < extent; e++) {
      const from = (o * extent + e) * inner;
      for (let i = 0; i < inner; i++) out[o * inner + i]! += input[from + i]!;
    }
  }
  const shape = x.shape.map((size, index) => (index === axis ? 1 : size));
  return record(new Tensor(out, shape), 'sum', [x], (grad) => {
    const gradX = new Float32Array(x.size);
    for (let o = 0; o < outer; o++) {
      for (let e = 0; e < extent; e++) gradX.set(grad.subarray(o * inner, (o + 1) * inner), (o * extent + e) * inner);
    }
    return [gradX];
  });
}

function maxAxis(x: Tensor, axis: number): Tensor {
  const { outer, extent, inner } = splitAtAxis(x.shape, axis);
  const input = x.data;
  const out = new Float32Array(outer * inner);
  // Index along the axis of the first maximum; the gradient flows only there (as torch.max(dim)).
  const argmax = new Int32Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let e = 0; e < extent; e++) {
      const from = (o * extent + e) * inner;
      for (let i = 0; i < inner; i++) {
        const value = input[from + i]!;
        if (e === 0 || value > out[o * inner + i]!) {
          out[o * inner + i] = value;
          argmax[o * inner + i] = e;
        }
      }
    }
  }
  const shape = x.shape.map((size, index) => (index === axis ? 1 : size));
  return record(new Tensor(out, shape), 'max', [x], (grad) => {
    const gradX = new Float32Array(x.size);
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) gradX[(o * extent + argmax[o * inner + i]!) * inner + i] = grad[o * inner + i]!;
    }
    return [gradX];
  });
}

function reduce(x: Tensor, axes: Axes, options: ReduceOptions, where: string, along: (x: Tensor, axis: number) => Tensor): Tensor {
  const resolved = resolveAxes(x, axes, where);
  let result = x;
  for (const axis of resolved) result = along(result, axis);
  if (options.keepDims === true) return result;
  return reshape(result, x.shape.filter((_, axis) => !resolved.includes(axis)));
}

/** Sum over `axes` (all when undefined). */
export function sum(x: Tensor, axes?: Axes, options: ReduceOptions = {}): Tensor {
  return reduce(x, axes, options, 'sum', sumAxis);
}

/** Mean over `axes` (all when undefined). */
export function mean(x: Tensor, axes?: Axes, options: ReduceOptions = {}): Tensor {
  const resolved = resolveAxes(x, axes, 'mean');
  const count = resolved.reduce((product, axis) => product * x.shape[axis]!, 1);
  return mul(sum(x, axes, options), 1 / count);
}

/**
 * Maximum over `axes` (all when undefined); the gradient goes to the first maximal element. Over time (axis 0)
 * this is hxtorch's `MaxOverTime` readout decoding (reference §6.7).
 */
export function max(x: Tensor, axes?: Axes, options: ReduceOptions = {}): Tensor {
  return reduce(x, axes, options, 'max', maxAxis);
}
