import type { PlaybackProgram } from './playback-program.js';
import type { RunResult } from './run-result.js';

/**
 * Anything that executes playback programs: the in-process twin, a remote twin, a pool of them, or a mock
 * (hxcomm connections, reference §5.6). Every program sent gets exactly one result or one rejected promise.
 */
export interface Connection {
  /** A name for logs and result files, e.g. the chip identity or the endpoint. */
  readonly description: string;
  run(program: PlaybackProgram): Promise<RunResult>;
  close(): Promise<void>;
}

/** What a transport returns for one program: the raw from-FPGA byte stream and the time it took. */
export interface Exchange {
  readonly fromFpga: Uint8Array;
  /** FPGA cycles the program took on the (real or simulated) FPGA timeline. */
  readonly executionCycles: number;
}

/**
 * A `Connection` over a byte transport: subclasses only move the encoded to-FPGA words to an executor and
 * bring the from-FPGA bytes back; decoding them into tickets, spikes and MADC samples is done here, once,
 * for every transport.
 */
export abstract class StreamConnection implements Connection {
  abstract readonly description: string;

  protected abstract exchange(toFpga: Uint8Array): Promise<Exchange>;

  async run(program: PlaybackProgram): Promise<RunResult> {
    const started = performance.now();
    const { fromFpga, executionCycles } = await this.exchange(program.toFpga);
    return program.decodeResponse(fromFpga, { executionCycles, wallMs: performance.now() - started });
  }

  async close(): Promise<void> {}
}
