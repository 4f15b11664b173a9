/** What went wrong, as a string union a caller can switch on (STYLE.md §9). */
export type AutogradErrorCode =
  | 'shape-mismatch'
  | 'invalid-axis'
  | 'invalid-argument'
  | 'not-differentiable'
  | 'state-mismatch'
  | 'bad-state-file';

/**
 * The one error class of `@bss2/autograd`: thrown at the API with the offending value and what would have been
 * legal, so a shape error reads like `matmul: inner dimensions differ: a [3,4] @ b [5,2]`.
 */
export class AutogradError extends Error {
  override readonly name = 'AutogradError';

  constructor(
    readonly code: AutogradErrorCode,
    message: string,
    readonly value?: unknown,
    readonly expected?: string,
  ) {
    super(message);
  }
}

/** Formats a shape the way error messages print it: `[2,3,4]`, a scalar as `[]`. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}
