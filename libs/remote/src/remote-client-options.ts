import type { CurveKeyPair } from './curve-keys.js';
import { MAX_RUN_TIMEOUT_MS } from './protocol.js';
import { RemoteError } from './remote-error.js';

/** Options of a `RemoteClient` (and so of `RemoteConnection` and `ConnectionPool`). */
export interface RemoteClientOptions {
  /** Time one attempt waits for its reply before resending (default 30,000 ms). */
  readonly timeoutMs?: number;
  /**
   * Wall time a program may run on the server before it is stopped with `run-timeout` and its chip is reset
   * (1..3,600,000 ms; sent as content.runTimeoutMs; default and ceiling: the server's maxRunMs).
   */
  readonly runTimeoutMs?: number;
  /** Resends after a timed-out attempt before the request fails with `timeout` (default 2). */
  readonly retries?: number;
  /** Requests sent and not yet answered, at most (default 16); further ones wait in the client. */
  readonly maxInFlight?: number;
  /** Reject outstanding requests with `disconnected` when the connection drops, instead of resending them after the reconnect. */
  readonly failFastOnDisconnect?: boolean;
  /** The server's CURVE public key (Z85); with it, the connection is encrypted and authenticated. */
  readonly serverPublicKey?: string;
  /** This client's CURVE key pair, which the server must list as authorised. */
  readonly clientKeys?: CurveKeyPair;
}

function integer(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RemoteError('invalid-option', `${name} must be an integer in ${min}..${max}, got ${value}`, { field: name, value, range: { min, max } });
  }
  return value;
}

export type CheckedClientOptions = Required<Omit<RemoteClientOptions, 'serverPublicKey' | 'clientKeys' | 'runTimeoutMs'>> & { readonly runTimeoutMs: number | undefined };

export function checkClientOptions(options: RemoteClientOptions): CheckedClientOptions {
  return {
    runTimeoutMs: options.runTimeoutMs === undefined ? undefined : integer('runTimeoutMs', options.runTimeoutMs, 1, MAX_RUN_TIMEOUT_MS),
    timeoutMs: integer('timeoutMs', options.timeoutMs ?? 30_000, 1, 3_600_000),
    retries: integer('retries', options.retries ?? 2, 0, 100),
    maxInFlight: integer('maxInFlight', options.maxInFlight ?? 16, 1, 65_536),
    failFastOnDisconnect: options.failFastOnDisconnect ?? false,
  };
}
