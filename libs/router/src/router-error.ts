/** What was wrong with an argument of the event router. */
export type RouterErrorCode =
  /** An index (neuron, label, input, output, block) outside its legal range. */
  | 'out-of-range'
  /** An index that is not an integer. */
  | 'not-integer'
  /** A time that is not a finite number ≥ 0 (or, where the router computes spike times from it, not an integer). */
  | 'invalid-cycle';

/**
 * The one error class of `@bss2/router` (STYLE item 9). It names the argument, the offending value and the
 * legal range; the twin maps `code` to an error result and stays usable (nothing was routed).
 */
export class RouterError extends Error {
  override readonly name = 'RouterError';
  constructor(
    readonly code: RouterErrorCode,
    /** The argument, e.g. `neuron` or `label`. */
    readonly argument: string,
    readonly value: unknown,
    readonly range: { readonly min: number; readonly max: number } | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** `value` as an index in 0..max; throws `RouterError` naming `argument` and the range otherwise. */
export function checkIndex(argument: string, value: number, max: number): number {
  if (!Number.isInteger(value)) {
    throw new RouterError('not-integer', argument, value, { min: 0, max }, `${argument} must be an integer in 0..${max}, got ${String(value)}`);
  }
  if (value < 0 || value > max) {
    throw new RouterError('out-of-range', argument, value, { min: 0, max }, `${argument} ${value} is out of range 0..${max}`);
  }
  return value;
}

/** `value` as a time in FPGA cycles: finite and ≥ 0, and an integer when `whole` (spike times are derived from it). */
export function checkCycle(argument: string, value: number, whole: boolean): number {
  const ok = whole ? Number.isInteger(value) && value >= 0 : Number.isFinite(value) && value >= 0;
  if (!ok) {
    const what = whole ? 'an integer number of FPGA cycles ≥ 0' : 'a finite number of FPGA cycles ≥ 0';
    throw new RouterError('invalid-cycle', argument, value, { min: 0, max: Number.MAX_SAFE_INTEGER }, `${argument} must be ${what}, got ${String(value)}`);
  }
  return value;
}
