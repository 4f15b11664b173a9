import type { WireError } from './wire-error.js';

/** How a run ended: a result, a chip or link error, the run-time limit, a `stop`, or a worker that died. */
export type RunOutcome =
  | { readonly kind: 'done'; readonly fromFpga: Uint8Array; readonly executionCycles: number }
  | { readonly kind: 'failed'; readonly error: WireError }
  | { readonly kind: 'timed-out' }
  | { readonly kind: 'stopped' }
  | { readonly kind: 'crashed'; readonly message: string };

/**
 * Where a hosted chip's twin lives and runs its programs: in a worker thread of its own (`ChipThread`, the
 * default) or on the server's thread (`InlineChip`, `inlineChips`).
 */
export interface ChipHost {
  /** Resolves once the twin is built; rejects with `invalid-option` when its options are refused. */
  readonly ready: Promise<void>;
  /** False once the host can run no more programs (its worker exited, or it was terminated). */
  readonly alive: boolean;
  /** Runs one program; a host that can stop programs ends one past `limitMs` as `timed-out`. */
  run(program: Uint8Array, limitMs: number): Promise<RunOutcome>;
  /** Ends the run in progress (outcome `stopped`) and the host with it. */
  stop(): Promise<void>;
  terminate(): Promise<void>;
}
