/** What was wrong with an argument of the analog core. */
export type AnalogErrorCode =
  /** A number outside its legal range (a CapMem code, a neuron index, a cycle before `now`, …). */
  | 'out-of-range'
  /** A number that must be an integer (code, index, cycle count) given a fraction. */
  | 'not-integer'
  /** An option or argument of the wrong kind (an unknown fidelity, a non-string identity, …). */
  | 'invalid-argument'
  /** A time earlier than the simulation time already reached. */
  | 'time-reversal'
  /** A broken invariant of the twin itself: a failed hemisphere worker, a state access inside a split window. */
  | 'internal';

/** The legal range of a value: an inclusive number interval or the list of allowed names. */
export type AnalogRange = { readonly min: number; readonly max: number } | { readonly names: readonly string[] };

/**
 * The one error class of `@bss2/analog` (STYLE item 9, same shape as `RegsError`): it names the offending value
 * and its legal range, so a caller can show exactly what to change.
 */
export class AnalogError extends Error {
  override readonly name = 'AnalogError';
  constructor(
    readonly code: AnalogErrorCode,
    readonly value: unknown,
    readonly range: AnalogRange | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** Throws `AnalogError` unless `value` is an integer in min..max; `what` names the value in the message. */
export function checkInteger(what: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value)) {
    throw new AnalogError('not-integer', value, { min, max }, `${what} must be an integer in ${min}..${max}, got ${String(value)}`);
  }
  if (value < min || value > max) {
    throw new AnalogError('out-of-range', value, { min, max }, `${what} ${value} is out of range ${min}..${max}`);
  }
  return value;
}
