/** What was wrong with a register value, a word array or an address. */
export type RegsErrorCode =
  /** A number outside the field's legal range. */
  | 'out-of-range'
  /** A number field given a non-integer. */
  | 'not-integer'
  /** A value of the wrong JavaScript type (string for a number, number for a boolean, …). */
  | 'wrong-type'
  /** An enum field given a name that is not one of its members. */
  | 'unknown-enum'
  /** A per-entry array field given the wrong number of entries. */
  | 'wrong-length'
  /** A key that is not a field of the container. */
  | 'unknown-field'
  /** A field missing from a full value. */
  | 'missing-field'
  /** `modify` asked to change a read-only field. */
  | 'read-only'
  /** A word array of the wrong length for the container. */
  | 'wrong-word-count'
  /** Stored bits that no legal value encodes to (e.g. an unused enum code). */
  | 'invalid-encoding'
  /** A container that `Chip` does not hold (status registers, triggers). */
  | 'not-in-chip'
  /** A raw instance index (coordinate enum value) outside the container's instances. */
  | 'instance-out-of-range'
  /** A raw word index outside the container's words. */
  | 'word-out-of-range'
  /** A PPU memory block that does not fit into the PPU memory. */
  | 'block-out-of-range';

/** The legal range of a field: an inclusive number interval or the list of enum names. */
export type RegsRange = { readonly min: number; readonly max: number } | { readonly names: readonly string[] };

/**
 * The one error class of `@bss2/regs` (STYLE item 9). It names the container, the field, the offending value
 * and the legal range, so a caller can show exactly what to change; the server maps `code` to a wire error.
 */
export class RegsError extends Error {
  override readonly name = 'RegsError';
  constructor(
    readonly code: RegsErrorCode,
    /** The container type, e.g. `CrossbarNode`. */
    readonly container: string,
    /** The field, `undefined` when the error concerns the whole container. */
    readonly field: string | undefined,
    readonly value: unknown,
    readonly range: RegsRange | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** Outcome of a `try…` operation for callers that routinely handle bad input (the server's edge, the twin). */
export type RegsResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: RegsError };

/** Runs `fn` and turns a thrown `RegsError` into a result; other exceptions are bugs and propagate. */
export function tryRegs<T>(fn: () => T): RegsResult<T> {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    if (error instanceof RegsError) return { ok: false, error };
    throw error;
  }
}
