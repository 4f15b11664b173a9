import { DatasetError } from './dataset-error.js';

/** Checks that `value` is an integer in `min..max` and returns it; otherwise throws a `DatasetError`. */
export function checkInteger(parameter: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value)) {
    throw new DatasetError('not-integer', parameter, value, { min, max }, `${parameter} must be an integer in ${min}..${max}, got ${value}`);
  }
  if (value < min || value > max) {
    throw new DatasetError('out-of-range', parameter, value, { min, max }, `${parameter} must lie in ${min}..${max}, got ${value}`);
  }
  return value;
}

/** Checks that `value` is a finite number in `[min, max]` and returns it; otherwise throws a `DatasetError`. */
export function checkNumber(parameter: string, value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) {
    throw new DatasetError('not-finite', parameter, value, { min, max }, `${parameter} must be a finite number in [${min}, ${max}], got ${value}`);
  }
  if (value < min || value > max) {
    throw new DatasetError('out-of-range', parameter, value, { min, max }, `${parameter} must lie in [${min}, ${max}], got ${value}`);
  }
  return value;
}

/** Checks that `value` is a finite number above zero and returns it; otherwise throws a `DatasetError`. */
export function checkPositive(parameter: string, value: number): number {
  if (!Number.isFinite(value)) {
    throw new DatasetError('not-finite', parameter, value, { min: 0, max: Number.MAX_VALUE }, `${parameter} must be a finite number above 0, got ${value}`);
  }
  if (value <= 0) {
    throw new DatasetError('out-of-range', parameter, value, { min: 0, max: Number.MAX_VALUE }, `${parameter} must be above 0 (exclusive), got ${value}`);
  }
  return value;
}
