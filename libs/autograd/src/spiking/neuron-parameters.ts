import { AutogradError, formatShape } from '../errors.js';
import { sameShape } from '../shape.js';
import type { Tensor } from '../tensor.js';

/** A neuron parameter: one value for all neurons, or one per neuron along the last (neuron) axis. */
export type PerNeuron = number | Float32Array;

/** Which values a neuron parameter may take. */
export type ParameterRange = 'finite' | 'positive' | 'non-negative';

const rangeText: Record<ParameterRange, string> = { finite: 'finite numbers', positive: '(0, ∞)', 'non-negative': '[0, ∞)' };

function inRange(value: number, range: ParameterRange): boolean {
  if (!Number.isFinite(value)) return false;
  return range === 'finite' || (range === 'positive' ? value > 0 : value >= 0);
}

/** Expands a parameter to one value per neuron, checking its length and its range. */
export function perNeuron(value: PerNeuron, neurons: number, name: string, where: string, range: ParameterRange = 'finite'): Float32Array {
  const values = typeof value === 'number' ? new Float32Array(neurons).fill(value) : value;
  if (values.length !== neurons) {
    throw new AutogradError('shape-mismatch', `${where}: ${name} has ${values.length} values for ${neurons} neurons`, values.length, `a number or ${neurons} values`);
  }
  for (const v of values) {
    if (!inRange(v, range)) {
      throw new AutogradError('invalid-argument', `${where}: ${name} ${v} is out of range`, v, rangeText[range]);
    }
  }
  return values;
}

/** Checks a positive time step. */
export function checkDt(dtUs: number, where: string): void {
  if (!(Number.isFinite(dtUs) && dtUs > 0)) {
    throw new AutogradError('invalid-argument', `${where}: dtUs ${dtUs} must be positive`, dtUs, '(0, ∞) µs');
  }
}

/** The time-major input layout (T, ..., neurons): returns the step count and elements per step. */
export function timeMajorLayout(input: Tensor, where: string): { steps: number; perStep: number; neurons: number } {
  if (input.rank < 2) {
    throw new AutogradError('shape-mismatch', `${where}: input ${formatShape(input.shape)} must be time-major (T, ..., neurons)`, input.shape, 'rank ≥ 2');
  }
  const steps = input.shape[0]!;
  return { steps, perStep: steps === 0 ? 0 : input.size / steps, neurons: input.shape[input.rank - 1]! };
}

/** An observed (measured) trace must have exactly the input's shape. */
export function checkObserved(observed: Tensor | undefined, input: Tensor, name: string, where: string): Float32Array | null {
  if (observed === undefined) return null;
  if (!sameShape(observed.shape, input.shape)) {
    throw new AutogradError('shape-mismatch', `${where}: observed ${name} ${formatShape(observed.shape)} must match input ${formatShape(input.shape)}`, observed.shape, formatShape(input.shape));
  }
  return observed.data;
}
