/** What went wrong while building, running or reading a playback program. */
export type PlaybackErrorCode =
  | 'ticket-not-ready'
  | 'unreadable'
  | 'out-of-range'
  | 'program-too-large'
  | 'already-done'
  | 'response-mismatch'
  | 'invalid-program';

/**
 * The one error class of `@bss2/playback`. Carries the offending value and, where one applies, the legal
 * range.
 */
export class PlaybackError extends Error {
  override readonly name = 'PlaybackError';
  constructor(
    readonly code: PlaybackErrorCode,
    message: string,
    readonly value?: unknown,
    readonly range?: { readonly min: number; readonly max: number },
  ) {
    super(message);
  }
}
