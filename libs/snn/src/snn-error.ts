/** What went wrong, as a string union the CLI and a server can map one-to-one. */
export type SnnErrorCode =
  /** A number outside its legal range (steps, sizes, time constants, weight scale, …). */
  | 'out-of-range'
  /** Tensors or observables whose shape does not fit the network. */
  | 'shape-mismatch'
  /** A graph that cannot run: a module called twice before `run`, a handle read before `run`, … */
  | 'invalid-graph'
  /** A backend returned observables that do not match the request. */
  | 'backend';

/** The one error class of libs/snn: names the offending `parameter`, its `value` and the legal `range`. */
export class SnnError extends Error {
  constructor(
    readonly code: SnnErrorCode,
    message: string,
    readonly parameter: string,
    readonly value: unknown,
    readonly range: string,
  ) {
    super(message);
    this.name = 'SnnError';
  }
}

/** Rejects anything but an integer in [min, max]. */
export function checkInteger(where: string, parameter: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new SnnError('out-of-range', `${where}: ${parameter} ${value} must be an integer in ${min}..${max}`, parameter, value, `${min}..${max}`);
  }
}

/** Rejects anything but a finite number > 0. */
export function checkPositive(where: string, parameter: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new SnnError('out-of-range', `${where}: ${parameter} ${value} must be a finite number > 0`, parameter, value, '(0, ∞)');
  }
}

/** Rejects anything but a finite number ≥ 0. */
export function checkNonNegative(where: string, parameter: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new SnnError('out-of-range', `${where}: ${parameter} ${value} must be a finite number ≥ 0`, parameter, value, '[0, ∞)');
  }
}

/** Rejects NaN and infinities. */
export function checkFinite(where: string, parameter: string, value: number): void {
  if (!Number.isFinite(value)) {
    throw new SnnError('out-of-range', `${where}: ${parameter} ${value} must be a finite number`, parameter, value, '(−∞, ∞)');
  }
}
