/**
 * What was wrong with a link message or stream. One row per code; the docs page lists this table
 * (`describeDictionaries`), and the remote server maps each code one-to-one to a wire error reply.
 */
export const LINK_ERROR_CODES = {
  'unknown-header': 'decode: the header index is not in the dictionary',
  'comma-set': 'decode: a header starts with the comma bit (1) where a message must start',
  truncated: 'decode: the input ends inside a message that spans more than one phyword',
  'trailing-bytes': 'decode: the byte length is not a multiple of the 8-byte phyword',
  'nonzero-padding': 'decode: a bit outside header and fields (or after the end-of-stream comma) is 1',
  'out-of-range': 'a field value, pack size or time lies outside its legal range',
  'not-integer': 'a field value or time is not an integer (or is missing)',
  'unknown-type': 'encode: the message `type` is not in the dictionary',
  'length-mismatch': 'encode: parallel arrays (labels and times) differ in length',
} as const;

/** What was wrong, as a string union (see `LINK_ERROR_CODES`). */
export type LinkErrorCode = keyof typeof LINK_ERROR_CODES;

/** Inclusive legal range of the offending value. */
export interface LinkRange {
  readonly min: number;
  readonly max: number;
}

/** Details of a `LinkError`; every member except `code` is optional because not every code has it. */
export interface LinkErrorDetails {
  /** Byte offset in the decoded input where the fault starts (decode errors only). */
  readonly offset?: number;
  /** Dictionary name of the message concerned, e.g. `omnibus.address`. */
  readonly messageType?: string;
  /** Field concerned, e.g. `address`. */
  readonly field?: string;
  /** The offending value as given (a number, a header index, a byte, …). */
  readonly value?: unknown;
  /** Its legal range. */
  readonly range?: LinkRange;
}

/**
 * The one error class of `@bss2/link`. Decoders of untrusted bytes throw nothing else; encoders throw it for
 * every value they cannot put on the wire, naming the field and its legal range (STYLE item 9).
 */
export class LinkError extends Error implements LinkErrorDetails {
  override readonly name = 'LinkError';
  readonly offset?: number;
  readonly messageType?: string;
  readonly field?: string;
  readonly value?: unknown;
  readonly range?: LinkRange;

  constructor(
    readonly code: LinkErrorCode,
    message: string,
    details: LinkErrorDetails = {},
  ) {
    super(message);
    Object.assign(this, details);
  }
}

/** Outcome of a `try…` function: callers that routinely handle bad input branch on `ok` instead of catching. */
export type LinkResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: LinkError };

/** Runs `f`, turning a thrown `LinkError` into `{ ok: false }`. Any other exception is a bug and propagates. */
export function tryLink<T>(f: () => T): LinkResult<T> {
  try {
    return { ok: true, value: f() };
  } catch (error) {
    if (error instanceof LinkError) return { ok: false, error };
    throw error;
  }
}

/** Internal invariant check (a broken table or a bug, never bad user input). */
export function assert(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`@bss2/link invariant violated: ${what}`);
}

/** Most events one pack message carries, in both directions [hxcomm instruction/event_constants.h]. */
export const MAX_EVENTS_PER_PACK = 3;

/** The error for a spike or MADC pack of a size no message has (0, or more than 3 events). */
export function packSizeError(what: string, count: number): LinkError {
  return new LinkError('out-of-range', `${what}: a pack carries 1..${MAX_EVENTS_PER_PACK} events, got ${count}`, {
    messageType: what,
    field: 'count',
    value: count,
    range: { min: 1, max: MAX_EVENTS_PER_PACK },
  });
}
