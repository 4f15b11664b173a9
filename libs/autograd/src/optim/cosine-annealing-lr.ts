import { AutogradError } from '../errors.js';
import type { Optimizer } from './optimizer.js';

/**
 * PyTorch's `CosineAnnealingLR` with η_min 0: lr = base_lr · (1 + cos(π · steps / tMax)) / 2. Stepped once per
 * epoch with tMax = the epochs, epoch e (1-based) trains at the rate of step e − 1: the first at the full rate,
 * the last at a small one, never 0. libs/snn's MNIST16 training anneals its 15 epochs this way.
 */
export class CosineAnnealingLR {
  readonly baseLr: number;
  private steps = 0;

  constructor(readonly optimizer: Optimizer, readonly tMax: number) {
    this.baseLr = optimizer.lr;
    if (!Number.isInteger(tMax) || tMax <= 0) {
      throw new AutogradError('invalid-argument', `CosineAnnealingLR: tMax ${tMax} must be a positive integer`, tMax, '1, 2, …');
    }
  }

  step(): void {
    this.steps++;
    this.optimizer.lr = (this.baseLr * (1 + Math.cos((Math.PI * this.steps) / this.tMax))) / 2;
  }

  /** The learning rate now in effect. */
  get lastLr(): number {
    return this.optimizer.lr;
  }
}
