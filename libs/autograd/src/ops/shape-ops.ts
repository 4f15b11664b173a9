import { AutogradError, formatShape } from '../errors.js';
import { checkShape, normalizeAxis, sameShape, sizeOf, splitAtAxis, type Shape } from '../shape.js';
import { record } from '../tape.js';
import { Tensor } from '../tensor.js';

/** Same data in a new shape (a view; one extent may be −1 and is inferred). */
export function reshape(x: Tensor, shape: Shape): Tensor {
  const inferred = shape.indexOf(-1);
  let resolved = shape;
  if (inferred >= 0) {
    const known = sizeOf(shape.filter((_, axis) => axis !== inferred));
    resolved = shape.map((extent) => (extent === -1 ? (known === 0 ? 0 : x.size / known) : extent));
  }
  checkShape(resolved, 'reshape');
  if (sizeOf(resolved) !== x.size) {
    throw new AutogradError(
      'shape-mismatch',
      `reshape: cannot view ${formatShape(x.shape)} (${x.size} elements) as ${formatShape(shape)}`,
      { from: x.shape, to: shape },
      `a shape with ${x.size} elements`,
    );
  }
  if (sameShape(resolved, x.shape)) return x;
  return record(new Tensor(x.data, resolved), 'reshape', [x], (grad) => [grad]);
}

/** Reorders axes: `permute(x, [1, 0, 2])` swaps the first two (a copy). */
export function permute(x: Tensor, order: readonly number[]): Tensor {
  const axes = order.map((axis) => normalizeAxis(axis, x.rank, 'permute'));
  if (axes.length !== x.rank || new Set(axes).size !== x.rank) {
    throw new AutogradError('invalid-axis', `permute: [${order.join(',')}] is not a permutation of the ${x.rank} axes of ${formatShape(x.shape)}`, order, `a permutation of 0..${x.rank - 1}`);
  }
  const shape = axes.map((axis) => x.shape[axis]!);
  const inStrides = stridesOf(x.shape);
  const strides = axes.map((axis) => inStrides[axis]!);
  // index[k] = flat input index of output element k; the gradient scatters back through it.
  const index = new Int32Array(x.size);
  const counter = new Int32Array(x.rank);
  let flat = 0;
  for (let k = 0; k < index.length; k++) {
    index[k] = flat;
    for (let axis = x.rank - 1; axis >= 0; axis--) {
      flat += strides[axis]!;
      if (++counter[axis]! < shape[axis]!) break;
      flat -= strides[axis]! * counter[axis]!;
      counter[axis] = 0;
    }
  }
  const out = new Float32Array(x.size);
  for (let k = 0; k < out.length; k++) out[k] = x.data[index[k]!]!;
  return record(new Tensor(out, shape), 'permute', [x], (grad) => {
    const gradX = new Float32Array(x.size);
    for (let k = 0; k < grad.length; k++) gradX[index[k]!] = grad[k]!;
    return [gradX];
  });
}

function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= shape[axis]!;
  }
  return strides;
}

/** Swaps two axes (by default the last two: a matrix transpose). */
export function transpose(x: Tensor, axis0 = -2, axis1 = -1): Tensor {
  const a = normalizeAxis(axis0, x.rank, 'transpose');
  const b = normalizeAxis(axis1, x.rank, 'transpose');
  const order = x.shape.map((_, axis) => (axis === a ? b : axis === b ? a : axis));
  return permute(x, order);
}

function checkTimeRange(x: Tensor, start: number, end: number, where: string): void {
  const steps = x.shape[0] ?? 0;
  if (x.rank === 0 || !Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > steps || start > end) {
    throw new AutogradError('invalid-argument', `${where}: time range ${start}..${end} is outside ${formatShape(x.shape)}`, { start, end }, `0 ≤ start ≤ end ≤ ${steps}`);
  }
}

/**
 * Time steps start..end−1 of a time-major tensor (axis 0, as hxtorch's (T, batch, neurons) layout). The first
 * axis is the outermost, so this is a view with no copy.
 */
export function sliceTime(x: Tensor, start: number, end: number): Tensor {
  checkTimeRange(x, start, end, 'sliceTime');
  const stride = x.size / Math.max(x.shape[0]!, 1);
  const out = x.data.subarray(start * stride, end * stride);
  return record(new Tensor(out, [end - start, ...x.shape.slice(1)]), 'sliceTime', [x], (grad) => {
    const gradX = new Float32Array(x.size);
    gradX.set(grad, start * stride);
    return [gradX];
  });
}

/** Time step t of a time-major tensor, without the time axis (a view). */
export function selectTime(x: Tensor, t: number): Tensor {
  checkTimeRange(x, t, t + 1, 'selectTime');
  return reshape(sliceTime(x, t, t + 1), x.shape.slice(1));
}

/** Stacks equally shaped tensors along a new axis (default 0: a list of time steps becomes a (T, ...) tensor). */
export function stack(tensors: readonly Tensor[], axis = 0): Tensor {
  const first = tensors[0];
  if (first === undefined) throw new AutogradError('invalid-argument', 'stack: needs at least one tensor', tensors, '≥ 1 tensor');
  for (const t of tensors) {
    if (!sameShape(t.shape, first.shape)) {
      throw new AutogradError('shape-mismatch', `stack: shapes differ: ${formatShape(first.shape)} and ${formatShape(t.shape)}`, { first: first.shape, other: t.shape }, formatShape(first.shape));
    }
  }
  const at = normalizeAxis(axis, first.rank + 1, 'stack');
  const { outer, inner } = splitAtAxis([...first.shape.slice(0, at), 1, ...first.shape.slice(at)], at);
  const count = tensors.length;
  const out = new Float32Array(first.size * count);
  tensors.forEach((t, s) => {
    for (let o = 0; o < outer; o++) out.set(t.data.subarray(o * inner, (o + 1) * inner), (o * count + s) * inner);
  });
  const shape = [...first.shape.slice(0, at), count, ...first.shape.slice(at)];
  return record(new Tensor(out, shape), 'stack', tensors, (grad) =>
    tensors.map((t, s) => {
      if (!t.requiresGrad) return null;
      const gradT = new Float32Array(t.size);
      for (let o = 0; o < outer; o++) gradT.set(grad.subarray((o * count + s) * inner, (o * count + s + 1) * inner), o * inner);
      return gradT;
    }),
  );
}

/**
 * Picks entries along one axis by index, e.g. a mini-batch from a (T, samples, inputs) spike tensor with
 * `indexSelect(x, 1, batchIndices)`. Repeated indices are allowed; their gradients add.
 */
export function indexSelect(x: Tensor, axis: number, indices: ArrayLike<number>): Tensor {
  const at = normalizeAxis(axis, x.rank, 'indexSelect');
  const { outer, extent, inner } = splitAtAxis(x.shape, at);
  const picks = Int32Array.from(indices as ArrayLike<number>);
  for (const index of picks) {
    if (index < 0 || index >= extent) {
      throw new AutogradError('invalid-argument', `indexSelect: index ${index} is outside axis ${at} of ${formatShape(x.shape)}`, index, `0..${extent - 1}`);
    }
  }
  const count = picks.length;
  const out = new Float32Array(outer * count * inner);
  for (let o = 0; o < outer; o++) {
    for (let s = 0; s < count; s++) {
      const from = (o * extent + picks[s]!) * inner;
      out.set(x.data.subarray(from, from + inner), (o * count + s) * inner);
    }
  }
  const shape = x.shape.map((size, index) => (index === at ? count : size));
  return record(new Tensor(out, shape), 'indexSelect', [x], (grad) => {
    const gradX = new Float32Array(x.size);
    for (let o = 0; o < outer; o++) {
      for (let s = 0; s < count; s++) {
        const to = (o * extent + picks[s]!) * inner;
        const from = (o * count + s) * inner;
        for (let i = 0; i < inner; i++) gradX[to + i]! += grad[from + i]!;
      }
    }
    return [gradX];
  });
}
