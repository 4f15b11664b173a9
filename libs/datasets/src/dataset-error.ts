/** What was wrong with an argument. */
export type DatasetErrorCode = 'out-of-range' | 'not-integer' | 'not-finite' | 'shape-mismatch';

/**
 * The one error class of `@bss2/datasets`. It names the parameter, the offending value and the legal range,
 * so a caller can show the user exactly what to change.
 */
export class DatasetError extends Error {
  override readonly name = 'DatasetError';
  constructor(
    readonly code: DatasetErrorCode,
    /** The argument that was rejected, e.g. `batchSize` or `values[17]`. */
    readonly parameter: string,
    readonly value: unknown,
    /** The legal closed range, where there is one. */
    readonly range: { readonly min: number; readonly max: number } | undefined,
    message: string,
  ) {
    super(message);
  }
}
