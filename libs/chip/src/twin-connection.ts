import { StreamConnection, type Exchange } from '@bss2/playback';
import { ChipTwin, type ChipTwinOptions } from './chip-twin.js';
import { FpgaExecutor } from './fpga-executor.js';

/**
 * A `Connection` to a twin chip in this process (reference §5.6, the twin's counterpart of hxcomm's
 * connections). Programs go through the same link words as to hardware: encoded by the builder, decoded by the
 * twin's FPGA executor, answered by a from-FPGA byte stream. Programs run one after another in the order
 * `run` was called; a failing program rejects its own promise only.
 */
export class TwinConnection extends StreamConnection {
  readonly twin: ChipTwin;
  private readonly executor: FpgaExecutor;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(twinOrOptions: ChipTwin | ChipTwinOptions) {
    super();
    this.twin = twinOrOptions instanceof ChipTwin ? twinOrOptions : new ChipTwin(twinOrOptions);
    this.executor = new FpgaExecutor(this.twin);
  }

  get description(): string {
    return `twin:${this.twin.identity} (${this.twin.fidelity})`;
  }

  protected exchange(toFpga: Uint8Array): Promise<Exchange> {
    if (this.closed) return Promise.reject(new Error(`${this.description}: connection closed`));
    const result = this.queue.then(() => this.executor.execute(toFpga));
    this.queue = result.catch(() => undefined);
    return result;
  }

  override async close(): Promise<void> {
    this.closed = true;
    await this.queue;
    // Stops the analog core's split-window worker, if any (a later run would start a new one).
    this.twin.analog.close();
  }
}
