import { AutogradError } from '../errors.js';
import type { Optimizer } from './optimizer.js';

export interface StepLROptions {
  /** Scheduler steps between decays (> 0, integer). */
  readonly stepSize: number;
  /** Factor per decay (default 0.1, PyTorch's). */
  readonly gamma?: number;
}

/**
 * PyTorch's `StepLR`: lr = base_lr · γ^⌊steps / stepSize⌋. hxtorch's Yin-Yang example uses step 50, γ 0.5
 * (reference §6.7). Call `step()` once per epoch (or per batch, if that is the unit chosen).
 */
export class StepLR {
  readonly baseLr: number;
  readonly stepSize: number;
  readonly gamma: number;
  private steps = 0;

  constructor(readonly optimizer: Optimizer, options: StepLROptions) {
    this.baseLr = optimizer.lr;
    this.stepSize = options.stepSize;
    this.gamma = options.gamma ?? 0.1;
    if (!Number.isInteger(this.stepSize) || this.stepSize <= 0) {
      throw new AutogradError('invalid-argument', `StepLR: stepSize ${this.stepSize} must be a positive integer`, this.stepSize, '1, 2, …');
    }
    if (!(Number.isFinite(this.gamma) && this.gamma > 0)) {
      throw new AutogradError('invalid-argument', `StepLR: gamma ${this.gamma} must be positive`, this.gamma, '(0, ∞)');
    }
  }

  step(): void {
    this.steps++;
    this.optimizer.lr = this.baseLr * this.gamma ** Math.floor(this.steps / this.stepSize);
  }

  /** The learning rate now in effect. */
  get lastLr(): number {
    return this.optimizer.lr;
  }
}
