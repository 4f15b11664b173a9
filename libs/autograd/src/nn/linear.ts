import { linear } from '../ops/matmul.js';
import type { Rng } from '../random.js';
import { Parameter, type Tensor } from '../tensor.js';
import { Module } from './module.js';

export interface LinearOptions {
  /** With a bias vector (default true). */
  readonly bias?: boolean;
  /** Seeded generator for the initial values. */
  readonly rng: Rng;
}

/** Uniform in ±1/√fanIn, PyTorch's default initialisation of `nn.Linear` weight and bias. */
function uniformInit(size: number, fanIn: number, rng: Rng): Float32Array {
  const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
  const data = new Float32Array(size);
  for (let k = 0; k < size; k++) data[k] = rng.uniformIn(-bound, bound);
  return data;
}

/** y = x · Wᵀ + b, with W of shape (out, in) as in PyTorch. */
export class Linear extends Module {
  readonly weight: Parameter;
  readonly bias: Parameter | null;

  constructor(readonly inFeatures: number, readonly outFeatures: number, options: LinearOptions) {
    super();
    this.weight = new Parameter(uniformInit(outFeatures * inFeatures, inFeatures, options.rng), [outFeatures, inFeatures]);
    this.bias = options.bias === false ? null : new Parameter(uniformInit(outFeatures, inFeatures, options.rng), [outFeatures]);
  }

  forward(x: Tensor): Tensor {
    return linear(x, this.weight, this.bias ?? undefined);
  }
}
