import { AutogradError } from '../errors.js';
import type { Tensor } from '../tensor.js';

/** Checks one hyper-parameter against its legal interval. */
export function checkRange(where: string, name: string, value: number, min: number, max: number, maxOpen = false): void {
  const ok = Number.isFinite(value) && value >= min && (maxOpen ? value < max : value <= max);
  if (!ok) {
    throw new AutogradError('invalid-argument', `${where}: ${name} ${value} is out of range`, value, `${min}..${max}${maxOpen ? ' (exclusive)' : ''}`);
  }
}

/** Base of the optimizers: holds the parameters and the learning rate a scheduler may change. */
export abstract class Optimizer {
  readonly params: readonly Tensor[];

  constructor(params: Iterable<Tensor>, public lr: number) {
    this.params = [...params];
    checkRange(this.constructor.name, 'lr', lr, 0, Infinity);
  }

  /** Clears every parameter's accumulated gradient. */
  zeroGrad(): void {
    for (const p of this.params) p.grad = null;
  }

  /** Updates every parameter that has a gradient, in place. */
  abstract step(): void;
}
