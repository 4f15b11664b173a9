/** What went wrong while the chip twin executed a program. */
export type ChipErrorCode =
  | 'unknown-address'
  | 'unreadable'
  | 'read-only'
  | 'invalid-value'
  | 'missing-data'
  | 'unsupported-instruction'
  | 'out-of-range';

/**
 * The one error class of `@bss2/chip`. A program that provokes one stops at the offending message (everything
 * before it took effect, as on hardware) and its `run` rejects with this error; the twin stays usable.
 */
export class ChipError extends Error {
  override readonly name = 'ChipError';
  constructor(
    readonly code: ChipErrorCode,
    message: string,
    readonly details: {
      /** Omnibus address or other offending value. */
      readonly value?: unknown;
      readonly range?: { readonly min: number; readonly max: number };
      /** Byte offset of the to-FPGA message in the program, when the error came from executing one. */
      readonly offset?: number;
      readonly container?: string;
    } = {},
  ) {
    super(message);
  }
}

export function hex(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`;
}
