import { AutogradError, formatShape } from '../errors.js';
import { sameShape } from '../shape.js';
import { record } from '../tape.js';
import { Tensor } from '../tensor.js';
import { density, gemmNN, gemmNT, gemmTN } from './gemm.js';

function innerMismatch(where: string, a: Tensor, b: Tensor): AutogradError {
  return new AutogradError(
    'shape-mismatch',
    `${where}: inner dimensions differ: a ${formatShape(a.shape)} @ b ${formatShape(b.shape)}`,
    { a: a.shape, b: b.shape },
    'a (..., k) with b (k, n), or equal leading dimensions for batched products',
  );
}

/**
 * Matrix product. `b` of rank 2 (k×n) multiplies the last axis of `a` (any rank ≥ 1: the time-major
 * (T, batch, k) spike tensors of a network go in whole); `b` of rank 1 is a vector; `a` and `b` of equal rank ≥ 3
 * with equal leading dimensions give a batched product.
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.rank === 0 || b.rank === 0) throw innerMismatch('matmul', a, b);
  if (b.rank === 1) {
    const product = matmul(a, reshapeView(b, [b.shape[0]!, 1]));
    return reshapeView(product, product.shape.slice(0, -1));
  }
  if (b.rank === 2) return matmulShared(a, b);
  return matmulBatched(a, b);
}

/** A view with a new shape that passes the gradient straight through (the data layout is unchanged). */
function reshapeView(x: Tensor, shape: readonly number[]): Tensor {
  return record(new Tensor(x.data, shape), 'reshape', [x], (grad) => [grad]);
}

function matmulShared(a: Tensor, b: Tensor): Tensor {
  const [k, n] = b.shape as [number, number];
  if (a.shape[a.rank - 1] !== k) throw innerMismatch('matmul', a, b);
  const rows = sizeOfLeading(a);
  const out = new Float32Array(rows * n);
  gemmNN(a.data, 0, b.data, 0, out, 0, rows, k, n);
  return record(new Tensor(out, [...a.shape.slice(0, -1), n]), 'matmul', [a, b], (grad) => {
    let gradA: Float32Array | null = null;
    let gradB: Float32Array | null = null;
    if (a.requiresGrad) {
      gradA = new Float32Array(a.size);
      gemmNT(grad, 0, b.data, 0, gradA, 0, rows, n, k);
    }
    if (b.requiresGrad) {
      gradB = new Float32Array(b.size);
      gemmTN(a.data, 0, grad, 0, gradB, 0, rows, k, n);
    }
    return [gradA, gradB];
  });
}

function sizeOfLeading(a: Tensor): number {
  return a.shape.slice(0, -1).reduce((product, extent) => product * extent, 1);
}

function matmulBatched(a: Tensor, b: Tensor): Tensor {
  const leading = a.shape.slice(0, -2);
  if (a.rank !== b.rank || !sameShape(leading, b.shape.slice(0, -2))) throw innerMismatch('matmul', a, b);
  const m = a.shape[a.rank - 2]!;
  const k = a.shape[a.rank - 1]!;
  const n = b.shape[b.rank - 1]!;
  if (b.shape[b.rank - 2] !== k) throw innerMismatch('matmul', a, b);
  const batches = leading.reduce((product, extent) => product * extent, 1);
  const out = new Float32Array(batches * m * n);
  for (let s = 0; s < batches; s++) gemmNN(a.data, s * m * k, b.data, s * k * n, out, s * m * n, m, k, n);
  return record(new Tensor(out, [...leading, m, n]), 'matmul', [a, b], (grad) => {
    const gradA = a.requiresGrad ? new Float32Array(a.size) : null;
    const gradB = b.requiresGrad ? new Float32Array(b.size) : null;
    for (let s = 0; s < batches; s++) {
      if (gradA !== null) gemmNT(grad, s * m * n, b.data, s * k * n, gradA, s * m * k, m, n, k);
      if (gradB !== null) gemmTN(a.data, s * m * k, grad, s * m * n, gradB, s * k * n, m, k, n);
    }
    return [gradA, gradB];
  });
}

/**
 * y = x · Wᵀ + b with `weight` of shape (out, in) as in PyTorch's `nn.functional.linear` (and hxtorch's
 * `Synapse`); `x` is (..., in). Fused so the weight is never transposed as a tensor.
 */
export function linear(x: Tensor, weight: Tensor, bias?: Tensor): Tensor {
  if (weight.rank !== 2 || x.rank === 0 || x.shape[x.rank - 1] !== weight.shape[1]) {
    throw new AutogradError(
      'shape-mismatch',
      `linear: input ${formatShape(x.shape)} does not match weight ${formatShape(weight.shape)} (out, in)`,
      { x: x.shape, weight: weight.shape },
      'x (..., in) with weight (out, in)',
    );
  }
  const [outFeatures, inFeatures] = weight.shape as [number, number];
  if (bias !== undefined && (bias.rank !== 1 || bias.shape[0] !== outFeatures)) {
    throw new AutogradError('shape-mismatch', `linear: bias ${formatShape(bias.shape)} must be [${outFeatures}]`, bias.shape, `[${outFeatures}]`);
  }
  const rows = sizeOfLeading(x);
  const out = new Float32Array(rows * outFeatures);
  if (bias !== undefined) {
    for (let i = 0; i < rows; i++) out.set(bias.data, i * outFeatures);
  }
  gemmNT(x.data, 0, weight.data, 0, out, 0, rows, inFeatures, outFeatures);
  const parents = bias === undefined ? [x, weight] : [x, weight, bias];
  return record(new Tensor(out, [...x.shape.slice(0, -1), outFeatures]), 'linear', parents, (grad) => {
    let gradX: Float32Array | null = null;
    let gradW: Float32Array | null = null;
    let gradBias: Float32Array | null = null;
    if (x.requiresGrad) {
      gradX = new Float32Array(x.size);
      gemmNN(grad, 0, weight.data, 0, gradX, 0, rows, outFeatures, inFeatures);
    }
    if (weight.requiresGrad) {
      gradW = weightGradient(grad, x.data, rows, outFeatures, inFeatures);
    }
    if (bias?.requiresGrad) {
      gradBias = new Float32Array(outFeatures);
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < outFeatures; j++) gradBias[j]! += grad[i * outFeatures + j]!;
      }
    }
    return [gradX, gradW, gradBias];
  });
}

/**
 * dW(out×in) = gradᵀ · x. The zero-skipping kernel skips zeros of its first operand, so when x (spikes) is the
 * sparser one, compute xᵀ · grad (in×out) instead and transpose the small result.
 */
function weightGradient(grad: Float32Array, x: Float32Array, rows: number, outFeatures: number, inFeatures: number): Float32Array {
  const gradW = new Float32Array(outFeatures * inFeatures);
  if (density(x, 0, x.length) >= density(grad, 0, grad.length)) {
    gemmTN(grad, 0, x, 0, gradW, 0, rows, outFeatures, inFeatures);
    return gradW;
  }
  const transposed = new Float32Array(inFeatures * outFeatures);
  gemmTN(x, 0, grad, 0, transposed, 0, rows, inFeatures, outFeatures);
  for (let p = 0; p < inFeatures; p++) {
    for (let o = 0; o < outFeatures; o++) gradW[o * inFeatures + p] = transposed[p * outFeatures + o]!;
  }
  return gradW;
}
