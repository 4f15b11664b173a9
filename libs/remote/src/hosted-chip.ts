import type { ChipTwinOptions } from '@bss2/chip';
import type { ChipHost, RunOutcome } from './chip-host.js';
import { ChipThread } from './chip-thread.js';
import { InlineChip } from './inline-chip.js';

/**
 * One twin chip behind the server: its host (a worker thread, chip-thread.ts, or the server's thread,
 * inline-chip.ts) and the counters the status reply reports. A run that does not end on its own (run-time
 * limit, `stop`, a worker that died) takes the worker with it; the chip then restarts as a fresh chip of the
 * same identity, as a power cycle of the real chip does.
 */
export class HostedChip {
  private thread: ChipHost;
  /** True while the server works through this chip's queue. */
  running = false;
  executed = 0;
  failed = 0;
  /** Restarts as a fresh chip since the server started; replies carry it (metadata.chipResets). */
  resets = 0;
  /** Set by `retire`: the server is closing, a stopped chip is not restarted. */
  private retired = false;

  constructor(
    readonly index: number,
    /** The options the chip's worker builds its `ChipTwin` from (identity, fidelity, …). */
    readonly twin: ChipTwinOptions,
    /** The twin runs on the server's thread instead of a worker of its own (`ServerCoreOptions.inlineChips`). */
    readonly inline = false,
  ) {
    this.thread = this.spawn();
  }

  /** Resolves when the chip's twin is built; rejects with `invalid-option` for refused options. */
  get ready(): Promise<void> {
    return this.thread.ready;
  }

  /**
   * Runs one program exactly as `TwinConnection` does (the same executor on a twin of the same identity), so a
   * remote result is bit-identical to an in-process one. In a worker, past `limitMs` the run ends as
   * `timed-out` and the chip is reset; the program's buffer is moved to the worker.
   */
  async execute(program: Uint8Array, limitMs: number): Promise<RunOutcome> {
    const outcome = await this.thread.run(program, limitMs);
    if (outcome.kind === 'done') this.executed++;
    else if (outcome.kind === 'failed') this.failed++;
    else if (!this.retired) this.restart();
    return outcome;
  }

  /** False once the chip's worker thread has exited (after `close`, until a restart replaces it). */
  get alive(): boolean {
    return this.thread.alive;
  }

  /** Ends the program in progress (its outcome is `stopped`); the chip restarts fresh. */
  stop(): void {
    void this.thread.stop();
  }

  /** Ends the program in progress for good (a shutdown out of drain time): no fresh chip follows. */
  retire(): void {
    this.retired = true;
    void this.thread.stop();
  }

  close(): Promise<void> {
    return this.thread.terminate();
  }

  describe(queued: number): Record<string, unknown> {
    return {
      index: this.index,
      identity: this.twin.identity,
      fidelity: this.twin.fidelity,
      queued,
      running: this.running,
      executed: this.executed,
      failed: this.failed,
      resets: this.resets,
    };
  }

  private get label(): string {
    return `chip ${this.index} (${this.twin.identity})`;
  }

  private restart(): void {
    this.resets++;
    void this.thread.terminate();
    this.thread = this.spawn();
  }

  private spawn(): ChipHost {
    return this.inline ? new InlineChip(this.twin, this.label) : ChipThread.spawn(this.twin, this.label);
  }
}
