import { AutogradError } from '../errors.js';
import { record } from '../tape.js';
import { Tensor } from '../tensor.js';

/** An elementwise op as data: value and derivative (given input and output), the micrograd pair side by side. */
interface UnaryRule {
  readonly name: string;
  readonly forward: (x: number) => number;
  readonly derivative: (x: number, out: number) => number;
}

const rules = {
  neg: { name: 'neg', forward: (x) => -x, derivative: () => -1 },
  exp: { name: 'exp', forward: Math.exp, derivative: (_x, out) => out },
  log: { name: 'log', forward: Math.log, derivative: (x) => 1 / x },
  sqrt: { name: 'sqrt', forward: Math.sqrt, derivative: (_x, out) => 0.5 / out },
  abs: { name: 'abs', forward: Math.abs, derivative: (x) => Math.sign(x) },
  square: { name: 'square', forward: (x) => x * x, derivative: (x) => 2 * x },
  relu: { name: 'relu', forward: (x) => (x > 0 ? x : 0), derivative: (x) => (x > 0 ? 1 : 0) },
  sigmoid: {
    name: 'sigmoid',
    // Two branches so that exp never overflows for large |x|.
    forward: (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
    derivative: (_x, out) => out * (1 - out),
  },
  tanh: { name: 'tanh', forward: Math.tanh, derivative: (_x, out) => 1 - out * out },
} satisfies Record<string, UnaryRule>;

function unary(rule: UnaryRule, x: Tensor): Tensor {
  const input = x.data;
  const out = new Float32Array(input.length);
  for (let k = 0; k < out.length; k++) out[k] = rule.forward(input[k]!);
  return record(new Tensor(out, x.shape), rule.name, [x], (grad) => {
    const gradX = new Float32Array(grad.length);
    for (let k = 0; k < grad.length; k++) gradX[k] = grad[k]! * rule.derivative(input[k]!, out[k]!);
    return [gradX];
  });
}

export const neg = (x: Tensor): Tensor => unary(rules.neg, x);
export const exp = (x: Tensor): Tensor => unary(rules.exp, x);
export const log = (x: Tensor): Tensor => unary(rules.log, x);
export const sqrt = (x: Tensor): Tensor => unary(rules.sqrt, x);
export const abs = (x: Tensor): Tensor => unary(rules.abs, x);
export const square = (x: Tensor): Tensor => unary(rules.square, x);
export const relu = (x: Tensor): Tensor => unary(rules.relu, x);
export const sigmoid = (x: Tensor): Tensor => unary(rules.sigmoid, x);
export const tanh = (x: Tensor): Tensor => unary(rules.tanh, x);

/**
 * Clamps into [min, max]; the gradient passes where the value was inside and is zero where it was clipped
 * (as `torch.clamp`, which hxtorch's linear-saturating weight transform uses, reference §6.5).
 */
export function clamp(x: Tensor, min: number, max: number): Tensor {
  if (!(min <= max)) {
    throw new AutogradError('invalid-argument', `clamp: min ${min} exceeds max ${max}`, { min, max }, 'min ≤ max');
  }
  const input = x.data;
  const out = new Float32Array(input.length);
  for (let k = 0; k < out.length; k++) out[k] = Math.min(max, Math.max(min, input[k]!));
  return record(new Tensor(out, x.shape), 'clamp', [x], (grad) => {
    const gradX = new Float32Array(grad.length);
    for (let k = 0; k < grad.length; k++) gradX[k] = input[k]! >= min && input[k]! <= max ? grad[k]! : 0;
    return [gradX];
  });
}

/** x^p for a constant exponent p. */
export function powScalar(x: Tensor, p: number): Tensor {
  const input = x.data;
  const out = new Float32Array(input.length);
  for (let k = 0; k < out.length; k++) out[k] = input[k]! ** p;
  return record(new Tensor(out, x.shape), 'pow', [x], (grad) => {
    const gradX = new Float32Array(grad.length);
    for (let k = 0; k < grad.length; k++) gradX[k] = grad[k]! * p * input[k]! ** (p - 1);
    return [gradX];
  });
}
