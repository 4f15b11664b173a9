import { AutogradError, formatShape } from './errors.js';
import type { Rng } from './random.js';
import { checkShape, sizeOf, type Shape } from './shape.js';
import { reverseAccumulate, type GraphNode, type TapeTensor } from './tape.js';

/**
 * An n-dimensional float32 array in row-major order, optionally recording the op that produced it. Tensors are
 * immutable once built (ops allocate their results); only optimizers write into parameter data in place. Data may
 * be shared with other tensors (`reshape`, `detach`, time slices are views).
 */
export class Tensor implements TapeTensor {
  readonly size: number;
  /** Accumulated gradient dL/dthis, set on leaves that require one by `backward()` (PyTorch's `.grad`). */
  grad: Tensor | null = null;
  /** @internal The op that produced this tensor, when it was recorded. */
  node: GraphNode | null = null;

  constructor(
    readonly data: Float32Array,
    readonly shape: Shape,
    public requiresGrad = false,
  ) {
    checkShape(shape, 'Tensor');
    this.size = sizeOf(shape);
    if (data.length !== this.size) {
      throw new AutogradError(
        'shape-mismatch',
        `Tensor: ${data.length} values do not fill shape ${formatShape(shape)} (${this.size} elements)`,
        { length: data.length, shape },
        `${this.size} values`,
      );
    }
    this.shape = Object.freeze([...shape]);
  }

  get rank(): number {
    return this.shape.length;
  }

  /** The value of a one-element tensor. */
  item(): number {
    if (this.size !== 1) {
      throw new AutogradError('shape-mismatch', `item: tensor of shape ${formatShape(this.shape)} has ${this.size} elements, needs 1`, this.shape, '[] or any shape with one element');
    }
    return this.data[0]!;
  }

  toArray(): number[] {
    return Array.from(this.data);
  }

  /** The same values cut off the tape: a constant for every later op (PyTorch's `detach`). */
  detach(): Tensor {
    return new Tensor(this.data, this.shape);
  }

  /**
   * Reverse-mode differentiation of this tensor: adds dthis/dleaf into `leaf.grad` for every leaf that requires
   * a gradient (gradients accumulate over calls until `zeroGrad`). A non-scalar tensor needs an explicit `grad`.
   */
  backward(grad?: Tensor): void {
    if (!this.requiresGrad) {
      throw new AutogradError('not-differentiable', 'backward: this tensor does not require a gradient (no parameter on its tape, or built under noGrad)');
    }
    let seed: Float32Array;
    if (grad === undefined) {
      if (this.size !== 1) {
        throw new AutogradError('shape-mismatch', `backward: an implicit gradient needs a one-element tensor, got ${formatShape(this.shape)}`, this.shape, 'one element, or pass grad');
      }
      seed = new Float32Array([1]);
    } else {
      if (grad.size !== this.size) {
        throw new AutogradError('shape-mismatch', `backward: gradient of shape ${formatShape(grad.shape)} for a tensor of shape ${formatShape(this.shape)}`, grad.shape, formatShape(this.shape));
      }
      seed = grad.data;
    }
    for (const [leaf, leafGrad] of reverseAccumulate(this, seed)) {
      const tensor = leaf as Tensor;
      if (tensor.grad === null) {
        tensor.grad = new Tensor(Float32Array.from(leafGrad), tensor.shape);
      } else {
        const target = tensor.grad.data;
        for (let k = 0; k < target.length; k++) target[k]! += leafGrad[k]!;
      }
    }
  }
}

/** A leaf tensor that requires a gradient: what `Module`s own and optimizers update. */
export class Parameter extends Tensor {
  constructor(data: Float32Array, shape: Shape) {
    super(data, shape, true);
  }
}

/** A tensor from flat values and a shape (a copy of `values`). */
export function tensor(values: ArrayLike<number>, shape: Shape = [values.length], requiresGrad = false): Tensor {
  return new Tensor(Float32Array.from(values), shape, requiresGrad);
}

export function scalar(value: number): Tensor {
  return new Tensor(new Float32Array([value]), []);
}

export function full(shape: Shape, value: number): Tensor {
  checkShape(shape, 'full');
  return new Tensor(new Float32Array(sizeOf(shape)).fill(value), shape);
}

export function zeros(shape: Shape): Tensor {
  return full(shape, 0);
}

export function ones(shape: Shape): Tensor {
  return full(shape, 1);
}

/** Standard-normal samples from a seeded generator. */
export function randn(shape: Shape, rng: Rng): Tensor {
  checkShape(shape, 'randn');
  const data = new Float32Array(sizeOf(shape));
  for (let k = 0; k < data.length; k++) data[k] = rng.normal();
  return new Tensor(data, shape);
}

/** Uniform samples in [low, high) from a seeded generator. */
export function rand(shape: Shape, rng: Rng, low = 0, high = 1): Tensor {
  checkShape(shape, 'rand');
  const data = new Float32Array(sizeOf(shape));
  for (let k = 0; k < data.length; k++) data[k] = rng.uniformIn(low, high);
  return new Tensor(data, shape);
}

/** A number is lifted to a scalar constant so ops accept `mul(x, 2)`. */
export function asTensor(value: Tensor | number): Tensor {
  return typeof value === 'number' ? scalar(value) : value;
}
