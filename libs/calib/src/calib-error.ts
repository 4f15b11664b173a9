/** What the calibration library rejected or could not do. */
export type CalibErrorCode =
  | 'target-out-of-range'
  | 'invalid-calibration'
  | 'measurement-failed'
  | 'result-schema'
  | 'result-checksum'
  | 'result-foreign-chip'
  | 'result-unreadable';

/** The legal range a value was checked against. */
export interface CalibRange {
  readonly min: number;
  readonly max: number;
}

/**
 * A typed error naming the bad value and, where there is one, its legal range (ARCHITECTURE.md "Errors and bad
 * input"). Raised before anything is sent to the chip wherever the input can be checked up front.
 */
export class CalibError extends Error {
  override readonly name = 'CalibError';

  constructor(
    readonly code: CalibErrorCode,
    message: string,
    readonly value?: unknown,
    readonly range?: CalibRange,
  ) {
    super(message);
  }
}
