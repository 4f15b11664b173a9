import { expect } from 'vitest';
import { Rng } from '../src/random.js';
import { sizeOf, type Shape } from '../src/shape.js';
import { Tensor } from '../src/tensor.js';

/** One input of a gradient check: its shape and float64 values (rounded to float32 for the op under test). */
export interface CheckInput {
  readonly shape: Shape;
  readonly values: Float64Array;
  /** Whether to check its gradient (default true). */
  readonly differentiable?: boolean;
}

/**
 * Tolerances of every finite-difference check in this lib. The op runs in float32, the reference and its
 * central differences (step 1e-6) in float64, so the analytic gradient is good to ~1e-6 relative per
 * accumulation; these bounds leave room for sums over a few hundred terms.
 */
export const GRADIENT_TOLERANCE = { absolute: 2e-4, relative: 2e-3, step: 1e-6 } as const;

/** Random float64 values in [low, high), rounded to float32 so op and reference see the same numbers. */
export function randomValues(rng: Rng, shape: Shape, low = -1, high = 1): Float64Array {
  const values = new Float64Array(sizeOf(shape));
  for (let k = 0; k < values.length; k++) values[k] = Math.fround(rng.uniformIn(low, high));
  return values;
}

/**
 * Checks an op's forward against a float64 reference and its backward against central finite differences of
 * that reference. The scalar loss is L = Σ w ⊙ out with fixed random weights w, so every output element
 * contributes with its own weight.
 */
export function checkGradients(options: {
  readonly inputs: readonly CheckInput[];
  readonly op: (inputs: Tensor[]) => Tensor;
  readonly reference: (inputs: Float64Array[]) => Float64Array;
  readonly seed?: number;
  readonly forwardTolerance?: number;
}): void {
  const rng = new Rng(options.seed ?? 7);
  const tensors = options.inputs.map((input) => new Tensor(Float32Array.from(input.values), input.shape, input.differentiable !== false));
  const out = options.op(tensors);
  const reference = options.reference(options.inputs.map((input) => Float64Array.from(input.values)));
  expect(out.size).toBe(reference.length);
  const forwardTolerance = options.forwardTolerance ?? 1e-5;
  for (let k = 0; k < reference.length; k++) {
    expect(Math.abs(out.data[k]! - reference[k]!)).toBeLessThanOrEqual(forwardTolerance * (1 + Math.abs(reference[k]!)));
  }
  const weights = randomValues(rng, out.shape);
  out.backward(new Tensor(Float32Array.from(weights), out.shape));
  const loss = (values: Float64Array[]): number => {
    const result = options.reference(values);
    let total = 0;
    for (let k = 0; k < result.length; k++) total += weights[k]! * result[k]!;
    return total;
  };
  const { absolute, relative, step } = GRADIENT_TOLERANCE;
  options.inputs.forEach((input, index) => {
    if (input.differentiable === false) return;
    const analytic = tensors[index]!.grad;
    expect(analytic, `input ${index} has a gradient`).not.toBeNull();
    for (let k = 0; k < input.values.length; k++) {
      const plus = options.inputs.map((other) => Float64Array.from(other.values));
      const minus = options.inputs.map((other) => Float64Array.from(other.values));
      plus[index]![k]! += step;
      minus[index]![k]! -= step;
      const numeric = (loss(plus) - loss(minus)) / (2 * step);
      const error = Math.abs(analytic!.data[k]! - numeric);
      expect(error, `input ${index} element ${k}: analytic ${analytic!.data[k]} vs numeric ${numeric}`).toBeLessThanOrEqual(absolute + relative * Math.abs(numeric));
    }
  });
}
