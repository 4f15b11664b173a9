import type { TimedMadcSample, TimedSpike } from '@bss2/link';

/** How long a run took: on the FPGA timeline and on the host's wall clock. */
export interface RunTiming {
  /** FPGA cycles (8 ns) the program took on the executor's timeline. */
  readonly executionCycles: number;
  /** Host wall-clock time of the whole `run`, including transport and decoding. */
  readonly wallMs: number;
}

/**
 * What a program's run returned (stadls PlaybackProgram after `run`, reference §5.7): the program's tickets are
 * filled; spikes recorded by the FPGA and MADC samples carry absolute FPGA-cycle timestamps.
 */
export interface RunResult {
  readonly spikes: readonly TimedSpike[];
  readonly madcSamples: readonly TimedMadcSample[];
  /** Raw payloads of FPGA timeout notifications (an instruction timed out on the FPGA). */
  readonly timeoutNotifications: readonly number[];
  /** Raw payloads of high-speed link notifications (link state changes and errors). */
  readonly highspeedLinkNotifications: readonly number[];
  readonly timing: RunTiming;
}
