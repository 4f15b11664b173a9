/** What a firmware host helper rejected. */
export type FirmwareErrorCode = 'out-of-range' | 'unknown-symbol';

/** A typed error naming the bad value and, where there is one, its legal range (ARCHITECTURE.md "Errors"). */
export class FirmwareError extends Error {
  override readonly name = 'FirmwareError';

  constructor(
    readonly code: FirmwareErrorCode,
    message: string,
    readonly value?: unknown,
    readonly range?: { readonly min: number; readonly max: number },
  ) {
    super(message);
  }
}
