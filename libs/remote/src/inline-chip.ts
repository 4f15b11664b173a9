import { ChipTwin, FpgaExecutor, type ChipTwinOptions } from '@bss2/chip';
import type { ChipHost, RunOutcome } from './chip-host.js';
import { RemoteError } from './remote-error.js';
import { toWireError } from './wire-error.js';

/**
 * A hosted chip whose twin runs on the server's own thread (`inlineChips`): each program saves the two thread
 * hand-overs of a worker (0.3–0.4 ms of a small program's ~1 ms round trip on the 2-core test machine,
 * docs/benchmarks.md), at a price: while a program runs, the server answers nothing else, and nothing can
 * stop it, so the server has no run-time limit. For one latency-bound client, not for shared servers.
 */
export class InlineChip implements ChipHost {
  readonly ready: Promise<void>;
  private executor: FpgaExecutor | undefined;

  constructor(options: ChipTwinOptions, label: string) {
    try {
      this.executor = new FpgaExecutor(new ChipTwin(options));
      this.ready = Promise.resolve();
    } catch (error) {
      const { evalue, details } = toWireError(error);
      this.ready = Promise.reject(new RemoteError('invalid-option', `${label}: ${evalue}`, { field: 'chips', value: details['value'] }));
      // As with a worker: an unobserved refusal (a chip never used) must not crash the process.
      this.ready.catch(() => undefined);
    }
  }

  get alive(): boolean {
    return this.executor !== undefined;
  }

  /** Runs the program to its end; `limitMs` does not apply (the server refuses run-time limits when inline). */
  run(program: Uint8Array): Promise<RunOutcome> {
    const executor = this.executor;
    if (executor === undefined) return Promise.resolve({ kind: 'crashed', message: 'the inline chip was terminated' });
    try {
      const { fromFpga, executionCycles } = executor.execute(program);
      return Promise.resolve({ kind: 'done', fromFpga, executionCycles });
    } catch (error) {
      return Promise.resolve({ kind: 'failed', error: toWireError(error) });
    }
  }

  /** Nothing runs between two calls on this thread, so there is no program to stop; the chip ends. */
  stop(): Promise<void> {
    return this.terminate();
  }

  terminate(): Promise<void> {
    this.executor = undefined;
    return Promise.resolve();
  }
}
