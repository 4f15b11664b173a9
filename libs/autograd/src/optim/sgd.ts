import type { Tensor } from '../tensor.js';
import { checkRange, Optimizer } from './optimizer.js';

export interface SgdOptions {
  readonly lr: number;
  readonly momentum?: number;
  readonly dampening?: number;
  readonly weightDecay?: number;
  readonly nesterov?: boolean;
}

/**
 * Stochastic gradient descent with momentum and L2 weight decay, PyTorch's `torch.optim.SGD` update:
 * d = g + λp; b = μb + (1 − τ)d (b = d on the first step); d = nesterov ? d + μb : b; p −= lr·d.
 */
export class SGD extends Optimizer {
  readonly momentum: number;
  readonly dampening: number;
  readonly weightDecay: number;
  readonly nesterov: boolean;
  private readonly buffers = new Map<Tensor, Float32Array>();

  constructor(params: Iterable<Tensor>, options: SgdOptions) {
    super(params, options.lr);
    this.momentum = options.momentum ?? 0;
    this.dampening = options.dampening ?? 0;
    this.weightDecay = options.weightDecay ?? 0;
    this.nesterov = options.nesterov ?? false;
    checkRange('SGD', 'momentum', this.momentum, 0, Infinity);
    checkRange('SGD', 'dampening', this.dampening, 0, 1);
    checkRange('SGD', 'weightDecay', this.weightDecay, 0, Infinity);
  }

  step(): void {
    const { lr, momentum, dampening, weightDecay, nesterov } = this;
    for (const p of this.params) {
      if (p.grad === null) continue;
      const data = p.data;
      const grad = p.grad.data;
      let buffer = this.buffers.get(p);
      const first = buffer === undefined;
      if (momentum !== 0 && buffer === undefined) {
        buffer = new Float32Array(data.length);
        this.buffers.set(p, buffer);
      }
      for (let k = 0; k < data.length; k++) {
        let d = grad[k]! + weightDecay * data[k]!;
        if (buffer !== undefined) {
          buffer[k] = first ? d : momentum * buffer[k]! + (1 - dampening) * d;
          d = nesterov ? d + momentum * buffer[k]! : buffer[k]!;
        }
        data[k]! -= lr * d;
      }
    }
  }
}
