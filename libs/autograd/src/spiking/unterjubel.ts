import { AutogradError, formatShape } from '../errors.js';
import { sameShape } from '../shape.js';
import { record } from '../tape.js';
import { Tensor } from '../tensor.js';

/**
 * hxtorch's `Unterjubel` ("smuggle in", reference §6.4) as a primitive op: the value is `hardware` (a measured
 * observable), the gradient goes to `software` (the model's tensor) unchanged. The fused LIF and LI ops do this
 * internally; this op lets a model built from primitives (e.g. AdEx in libs/snn) take hardware observables too.
 */
export function unterjubel(software: Tensor, hardware: Tensor): Tensor {
  if (!sameShape(software.shape, hardware.shape)) {
    throw new AutogradError('shape-mismatch', `unterjubel: hardware ${formatShape(hardware.shape)} must match software ${formatShape(software.shape)}`, hardware.shape, formatShape(software.shape));
  }
  return record(new Tensor(hardware.data, hardware.shape), 'unterjubel', [software], (grad) => [grad]);
}
