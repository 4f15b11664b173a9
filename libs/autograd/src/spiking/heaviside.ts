import { record } from '../tape.js';
import { Tensor } from '../tensor.js';
import { checkSurrogate, defaultSurrogate, surrogateSlope, type Surrogate } from './surrogate.js';

/**
 * The spike nonlinearity as a primitive op: forward H(x) = 1 where x > 0 (as hxtorch's `torch.gt(input, 0)`),
 * backward g · σ'(x) of the chosen surrogate. Composed step by step with the elementwise ops it gives an unfused
 * LIF whose gradient the fused `lifIntegration` must reproduce.
 */
export function heaviside(x: Tensor, surrogate: Surrogate = defaultSurrogate): Tensor {
  checkSurrogate(surrogate);
  const input = x.data;
  const out = new Float32Array(input.length);
  for (let k = 0; k < out.length; k++) out[k] = input[k]! > 0 ? 1 : 0;
  const slope = surrogateSlope(surrogate);
  return record(new Tensor(out, x.shape), `heaviside(${surrogate.name})`, [x], (grad) => {
    const gradX = new Float32Array(grad.length);
    for (let k = 0; k < grad.length; k++) gradX[k] = grad[k]! * slope(input[k]!);
    return [gradX];
  });
}
