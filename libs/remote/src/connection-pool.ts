import type { Connection, PlaybackProgram } from '@bss2/playback';
import { RemoteClient } from './remote-client.js';
import { checkClientOptions, type RemoteClientOptions } from './remote-client-options.js';
import { decodeRun, type RemoteRunResult } from './remote-connection.js';
import type { Delivery } from './remote-client.js';
import { RemoteError, type RemoteErrorCode } from './remote-error.js';

export interface ConnectionPoolOptions extends RemoteClientOptions {
  /** Times a program is sent to another chip after its server failed to answer (default 3). */
  readonly redispatches?: number;
  /** Programs out on one chip at most (default 4); further ones wait in the pool for the least loaded chip. */
  readonly maxInFlightPerChip?: number;
}

/** A pool run's result: the delivery also says how often the program was sent to another chip. */
export type PoolRunResult = RemoteRunResult & { readonly delivery: Delivery & { readonly redispatches: number } };

/** One chip of one server, with the programs this pool has out on it. */
interface Target {
  readonly client: RemoteClient;
  readonly chip: number;
  outstanding: number;
  /** Not chosen before this time: it failed to answer recently. */
  suspectUntilMs: number;
}

/** Errors that say "this server did not do it", not "this program is wrong": the program goes elsewhere. */
const REDISPATCHED: readonly RemoteErrorCode[] = ['timeout', 'disconnected', 'shutting-down', 'busy'];

/**
 * A `Connection` over the chips of several twin servers (issue 7): each program goes to the chip with the
 * fewest of this pool's programs outstanding, and when a server dies (its connection drops or it stops
 * answering) the programs it had are sent to other chips. Every `run` settles exactly once. Programs must
 * be self-contained (configure what they use): consecutive programs may land on different chips, which
 * differ in identity and so in their analog mismatch. Suited to data-parallel batches.
 */
export class ConnectionPool implements Connection {
  private readonly clients: readonly RemoteClient[];
  private readonly targets: Target[] = [];
  private readonly discovered: Promise<void>[];
  private readonly options: ReturnType<typeof checkClientOptions> & { redispatches: number; maxInFlightPerChip: number };
  private rotation = 0;
  private closed = false;
  /** Runs waiting for a chip with room; woken whenever a program finishes or chips appear. */
  private wakers: (() => void)[] = [];

  constructor(
    readonly endpoints: readonly string[],
    options: ConnectionPoolOptions = {},
  ) {
    if (endpoints.length === 0) throw new RemoteError('invalid-option', 'a connection pool needs at least one endpoint', { field: 'endpoints', value: 0, range: { min: 1, max: Number.MAX_SAFE_INTEGER } });
    const redispatches = options.redispatches ?? 3;
    if (!Number.isInteger(redispatches) || redispatches < 0 || redispatches > 100) {
      throw new RemoteError('invalid-option', `redispatches must be an integer in 0..100, got ${redispatches}`, { field: 'redispatches', value: redispatches, range: { min: 0, max: 100 } });
    }
    const maxInFlightPerChip = options.maxInFlightPerChip ?? 4;
    if (!Number.isInteger(maxInFlightPerChip) || maxInFlightPerChip < 1 || maxInFlightPerChip > 1024) {
      throw new RemoteError('invalid-option', `maxInFlightPerChip must be an integer in 1..1024, got ${maxInFlightPerChip}`, { field: 'maxInFlightPerChip', value: maxInFlightPerChip, range: { min: 1, max: 1024 } });
    }
    this.options = { ...checkClientOptions(options), redispatches, maxInFlightPerChip };
    // The pool bounds the work per chip itself, so its clients send whatever it hands them.
    this.clients = endpoints.map((e) => new RemoteClient(e, { ...options, maxInFlight: 65_536, failFastOnDisconnect: true }));
    this.discovered = this.clients.map((client) => this.discover(client).catch(() => undefined));
  }

  get description(): string {
    return `pool:${this.endpoints.join(',')}`;
  }

  /** Chips known so far, as `endpoint#chip`, with this pool's programs outstanding on each. */
  get load(): { target: string; outstanding: number }[] {
    return this.targets.map((t) => ({ target: `${t.client.endpoint}#${t.chip}`, outstanding: t.outstanding }));
  }

  async run(program: PlaybackProgram): Promise<PoolRunResult> {
    const started = performance.now();
    let lastError: Error | undefined;
    for (let dispatch = 0; dispatch <= this.options.redispatches; dispatch++) {
      const target = await this.choose(lastError);
      try {
        const result = decodeRun(program, await target.client.run(target.chip, program.toFpga), started);
        return { ...result, delivery: { ...result.delivery, redispatches: dispatch } };
      } catch (error) {
        if (!(error instanceof RemoteError) || !REDISPATCHED.includes(error.code)) throw error;
        target.suspectUntilMs = performance.now() + this.options.timeoutMs;
        lastError = error;
      } finally {
        target.outstanding--;
        this.wake();
      }
    }
    throw lastError as Error;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.clients.map((c) => c.close()));
  }

  /** Asks an endpoint for its chips; an endpoint that is down now is asked again when it connects. */
  private async discover(client: RemoteClient): Promise<void> {
    while (!this.closed) {
      try {
        const { reply } = await client.status();
        const chips = reply.content['chips'] as unknown[];
        for (let chip = 0; chip < chips.length; chip++) this.targets.push({ client, chip, outstanding: 0, suspectUntilMs: 0 });
        this.wake();
        return;
      } catch (error) {
        if (this.closed) return;
        if (error instanceof RemoteError && error.code !== 'disconnected' && error.code !== 'timeout') throw error;
        await new Promise<void>((resolve) => {
          const off = client.on('connect', () => {
            off();
            resolve();
          });
        });
      }
    }
  }

  /**
   * The least loaded chip with room, on a connected server that has not failed recently (any connected one if
   * all have). Waits while every chip is full; fails with `no-endpoint` when no server has been reachable for
   * `timeoutMs`.
   */
  private async choose(lastError: Error | undefined): Promise<Target> {
    let unreachableSinceMs: number | undefined;
    for (;;) {
      if (this.closed) throw new RemoteError('closed', 'the connection pool was closed');
      const now = performance.now();
      const connected = this.targets.filter((t) => t.client.isConnected);
      const trusted = connected.filter((t) => t.suspectUntilMs <= now);
      const free = (trusted.length > 0 ? trusted : connected).filter((t) => t.outstanding < this.options.maxInFlightPerChip);
      if (free.length > 0) {
        const least = Math.min(...free.map((t) => t.outstanding));
        const tied = free.filter((t) => t.outstanding === least);
        const target = tied[this.rotation++ % tied.length] as Target;
        target.outstanding++; // counted at once: other runs choosing in the same turn see it
        return target;
      }
      if (connected.length > 0) unreachableSinceMs = undefined;
      else if (now - (unreachableSinceMs ??= now) > this.options.timeoutMs) {
        throw new RemoteError('no-endpoint', `no server of ${this.description} is reachable${lastError ? ` (last error: ${lastError.message})` : ''}`);
      }
      // Connection state changes without a wake-up, so look again after a short while in any case.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 25);
        this.wakers.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private wake(): void {
    const wakers = this.wakers;
    this.wakers = [];
    for (const wake of wakers) wake();
  }
}
