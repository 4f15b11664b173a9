import type { Connection, PlaybackProgram, RunResult } from '@bss2/playback';
import type { WireMap } from './field-validator.js';
import { RemoteClient, type ClientReply, type Delivery } from './remote-client.js';
import type { RemoteClientOptions } from './remote-client-options.js';
import { RemoteError } from './remote-error.js';

export interface RemoteConnectionOptions extends RemoteClientOptions {
  /** The chip on the server (default 0; `status()` lists them). */
  readonly chip?: number;
}

/** A run's result, plus how it was delivered (retries, replays, server restarts). */
export type RemoteRunResult = RunResult & { readonly delivery: Delivery };

/**
 * A `Connection` to one chip of a twin server (hxcomm's QuiggeldyConnection, reference §5.6). It returns what
 * `TwinConnection` returns for the same program on a chip of the same identity, bit for bit; the difference
 * is only the `delivery` record and the wall time. Chip errors arrive as the same `ChipError` / `LinkError`.
 */
export class RemoteConnection implements Connection {
  readonly client: RemoteClient;
  readonly chip: number;

  constructor(
    readonly endpoint: string,
    options: RemoteConnectionOptions = {},
  ) {
    const chip = options.chip ?? 0;
    if (!Number.isInteger(chip) || chip < 0 || chip > 65_535) {
      throw new RemoteError('invalid-option', `chip must be an integer in 0..65535, got ${chip}`, { field: 'chip', value: chip, range: { min: 0, max: 65_535 } });
    }
    this.chip = chip;
    this.client = new RemoteClient(endpoint, options);
  }

  get description(): string {
    return `remote:${this.endpoint}#${this.chip}`;
  }

  async run(program: PlaybackProgram): Promise<RemoteRunResult> {
    const started = performance.now();
    return decodeRun(program, await this.client.run(this.chip, program.toFpga), started);
  }

  /** The server's status reply content: chips, queues, uptime, version. */
  async status(): Promise<WireMap> {
    return (await this.client.status()).reply.content;
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

/** Turns a run reply into the program's result (filling its tickets), as `StreamConnection.run` does. */
export function decodeRun(program: PlaybackProgram, { reply, delivery }: ClientReply, startedMs: number): RemoteRunResult {
  const fromFpga = reply.buffers[0];
  if (reply.buffers.length !== 1 || fromFpga === undefined) {
    throw new RemoteError('protocol-violation', `reply from ${delivery.endpoint}: a run_reply carries 1 buffer, got ${reply.buffers.length}`);
  }
  const executionCycles = reply.content['executionCycles'] as number;
  return { ...program.decodeResponse(fromFpga, { executionCycles, wallMs: performance.now() - startedMs }), delivery };
}
