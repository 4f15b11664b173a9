import type { Tensor } from '../tensor.js';
import { checkRange, Optimizer } from './optimizer.js';

export interface AdamOptions {
  readonly lr?: number;
  readonly betas?: readonly [number, number];
  readonly eps?: number;
  readonly weightDecay?: number;
}

interface AdamState {
  step: number;
  readonly firstMoment: Float32Array;
  readonly secondMoment: Float32Array;
}

/**
 * Adam (Kingma & Ba), PyTorch's `torch.optim.Adam` update with L2 weight decay added to the gradient:
 * m = β₁m + (1 − β₁)g; v = β₂v + (1 − β₂)g²; p −= lr/(1 − β₁ᵗ) · m / (√v/√(1 − β₂ᵗ) + ε).
 * hxtorch's Yin-Yang example trains with it at lr 5e-4 (reference §6.7).
 */
export class Adam extends Optimizer {
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  private readonly state = new Map<Tensor, AdamState>();

  constructor(params: Iterable<Tensor>, options: AdamOptions = {}) {
    super(params, options.lr ?? 1e-3);
    [this.beta1, this.beta2] = options.betas ?? [0.9, 0.999];
    this.eps = options.eps ?? 1e-8;
    this.weightDecay = options.weightDecay ?? 0;
    checkRange('Adam', 'beta1', this.beta1, 0, 1, true);
    checkRange('Adam', 'beta2', this.beta2, 0, 1, true);
    checkRange('Adam', 'eps', this.eps, 0, Infinity);
    checkRange('Adam', 'weightDecay', this.weightDecay, 0, Infinity);
  }

  step(): void {
    const { lr, beta1, beta2, eps, weightDecay } = this;
    for (const p of this.params) {
      if (p.grad === null) continue;
      let s = this.state.get(p);
      if (s === undefined) {
        s = { step: 0, firstMoment: new Float32Array(p.size), secondMoment: new Float32Array(p.size) };
        this.state.set(p, s);
      }
      s.step++;
      const stepSize = lr / (1 - beta1 ** s.step);
      const secondCorrection = Math.sqrt(1 - beta2 ** s.step);
      const data = p.data;
      const grad = p.grad.data;
      const m = s.firstMoment;
      const v = s.secondMoment;
      for (let k = 0; k < data.length; k++) {
        const g = grad[k]! + weightDecay * data[k]!;
        m[k] = beta1 * m[k]! + (1 - beta1) * g;
        v[k] = beta2 * v[k]! + (1 - beta2) * g * g;
        data[k]! -= (stepSize * m[k]!) / (Math.sqrt(v[k]!) / secondCorrection + eps);
      }
    }
  }
}
