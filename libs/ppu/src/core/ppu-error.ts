// The simulator's API error (STYLE item 9): thrown when the host calls it with bad arguments. Program errors
// are faults (`ppu-fault.ts`), never exceptions.

export type PpuErrorCode = 'image-too-large' | 'invalid-budget';

/** The legal range of the offending value. */
export interface PpuRange {
  readonly min: number;
  readonly max: number;
}

export class PpuError extends Error {
  override readonly name = 'PpuError';

  constructor(
    readonly code: PpuErrorCode,
    message: string,
    readonly value?: number,
    readonly range?: PpuRange,
  ) {
    super(range === undefined ? message : `${message} (got ${value ?? '?'}, legal ${range.min}..${range.max})`);
  }
}
