import { ChipTwin, FpgaExecutor, type ChipTwinOptions, type Execution } from '@bss2/chip';

/** One twin chip behind the server, with the counters the status reply reports. */
export class HostedChip {
  readonly twin: ChipTwin;
  private readonly executor: FpgaExecutor;
  running = false;
  executed = 0;
  failed = 0;

  constructor(
    readonly index: number,
    options: ChipTwinOptions,
  ) {
    this.twin = new ChipTwin(options);
    this.executor = new FpgaExecutor(this.twin);
  }

  /**
   * Runs one program exactly as `TwinConnection` does (the same executor on the same twin), so a remote
   * result is bit-identical to an in-process one. Throws the executor's `ChipError` / `LinkError`.
   */
  execute(toFpga: Uint8Array): Execution {
    try {
      const execution = this.executor.execute(toFpga);
      this.executed++;
      return execution;
    } catch (error) {
      this.failed++;
      throw error;
    }
  }

  describe(queued: number): Record<string, unknown> {
    return { index: this.index, identity: this.twin.identity, fidelity: this.twin.fidelity, queued, running: this.running, executed: this.executed, failed: this.failed };
  }
}
