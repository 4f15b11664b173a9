import { randomUUID } from 'node:crypto';
import { Dealer } from 'zeromq';
import type { WireMap } from './field-validator.js';
import { MAX_REQUEST_TIMEOUT_MS, PROTOCOL_VERSION, type RequestType } from './protocol.js';
import { RemoteError } from './remote-error.js';
import { decodeReply, type Reply } from './reply-codec.js';
import { encodeRequest, type Header } from './request-codec.js';
import { SendQueue } from './send-queue.js';
import { fromWireError } from './wire-error.js';
import { checkClientOptions, type CheckedClientOptions, type RemoteClientOptions } from './remote-client-options.js';

/** How a reply was delivered: what a caller needs to know about retries and restarts. */
export interface Delivery {
  readonly endpoint: string;
  /** Times the request was sent (1 = no retry). */
  readonly attempts: number;
  /** Times the server answered `busy` (its queue for the chip was full) before it took the request. */
  readonly busy: number;
  /** The server answered from its result store: the program ran once, for an earlier send of this id. */
  readonly replayed: boolean;
  /** Instance id of the server that answered. */
  readonly serverInstance: string;
  /**
   * The answering server is not the instance that answered this client before: it restarted, its chips
   * were reset, and an earlier send of this request may have run on the old instance.
   */
  readonly serverRestarted: boolean;
  /**
   * Times the chip had been reset to a fresh chip when it ran this program (reply metadata.chipResets; undefined
   * for replays and status replies): a change between two runs on one chip means its state was lost between them.
   */
  readonly chipResets: number | undefined;
}

export interface ClientReply {
  readonly reply: Reply;
  readonly delivery: Delivery;
}

interface Pending {
  readonly msgId: string;
  readonly msgType: RequestType;
  readonly content: WireMap;
  readonly buffers: readonly Uint8Array[];
  /** When the request's last chance ends: timeoutMs × (retries + 1) after it was first sent. */
  deadlineMs: number;
  /** Times sent, timed out waiting, answered busy. */
  attempts: number;
  timeouts: number;
  busy: number;
  timer: NodeJS.Timeout | undefined;
  readonly resolve: (reply: ClientReply) => void;
  readonly reject: (error: Error) => void;
}

/**
 * One DEALER socket to one twin server, shared by the connections and pools that talk to it (the client
 * side of the protocol in docs/remote.md). Every request gets exactly one settled promise: the reply, or a
 * typed error once its retries are used up. Retries resend the same request id, which the server answers
 * from its result store if the program already ran, so a retry never runs a program twice on one server
 * instance; `Delivery.serverRestarted` says when the instance changed. After the socket reconnects (a server
 * restart), requests still waiting are resent at once.
 */
export class RemoteClient {
  readonly session = randomUUID();
  private readonly socket: Dealer;
  private readonly sends: SendQueue;
  private readonly options: CheckedClientOptions;
  private readonly pending = new Map<string, Pending>();
  private readonly waiting: Pending[] = [];
  private lastInstance: string | undefined;
  private connected = false;
  private everConnected = false;
  private closed = false;
  private readonly listeners = { connect: new Set<() => void>(), disconnect: new Set<() => void>() };

  constructor(
    readonly endpoint: string,
    options: RemoteClientOptions = {},
  ) {
    this.options = checkClientOptions(options);
    const curve = options.serverPublicKey === undefined ? {} : curveOptions(options);
    this.socket = new Dealer({ linger: 0, reconnectInterval: 50, reconnectMaxInterval: 1000, sendHighWaterMark: 0, receiveHighWaterMark: 0, ...curve });
    this.sends = new SendQueue(this.socket, () => undefined);
    // The monitor must exist before connecting, or a quick handshake happens before anyone listens.
    void this.watchConnection(this.socket.events);
    this.socket.connect(endpoint);
    void this.receiveLoop();
  }

  get isConnected(): boolean {
    return this.connected;
  }

  /** Requests sent and not yet answered, plus those waiting for a free slot of the in-flight window. */
  get outstanding(): number {
    return this.pending.size + this.waiting.length;
  }

  on(event: 'connect' | 'disconnect', listener: () => void): () => void {
    this.listeners[event].add(listener);
    return () => this.listeners[event].delete(listener);
  }

  /** Runs `program` on `chip`: resolves with the reply (status ok) or rejects with the error it carried. */
  run(chip: number, program: Uint8Array): Promise<ClientReply> {
    const { runTimeoutMs } = this.options;
    return this.request('run_request', runTimeoutMs === undefined ? { chip } : { chip, runTimeoutMs }, [program]);
  }

  status(): Promise<ClientReply> {
    return this.request('status_request', {}, []);
  }

  /** Rejects everything outstanding with `closed` and closes the socket. */
  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    this.failAll(() => new RemoteError('closed', `the client of ${this.endpoint} was closed before the reply arrived`));
    this.socket.close();
    return Promise.resolve();
  }

  private request(msgType: RequestType, content: WireMap, buffers: readonly Uint8Array[]): Promise<ClientReply> {
    if (this.closed) return Promise.reject(new RemoteError('closed', `the client of ${this.endpoint} is closed`));
    return new Promise((resolve, reject) => {
      const entry: Pending = {
        msgId: randomUUID(),
        msgType,
        content,
        buffers,
        deadlineMs: Infinity,
        attempts: 0,
        timeouts: 0,
        busy: 0,
        timer: undefined,
        resolve,
        reject,
      };
      this.waiting.push(entry);
      this.pump();
    });
  }

  /** Sends waiting requests while the in-flight window has room. */
  private pump(): void {
    while (this.waiting.length > 0 && this.pending.size < this.options.maxInFlight) {
      const entry = this.waiting.shift() as Pending;
      this.pending.set(entry.msgId, entry);
      this.transmit(entry);
    }
  }

  private transmit(entry: Pending): void {
    // Time spent waiting for the in-flight window does not count against the request.
    if (entry.attempts === 0) entry.deadlineMs = performance.now() + this.options.timeoutMs * (this.options.retries + 1);
    entry.attempts++;
    const remainingMs = Math.max(1, Math.round(entry.deadlineMs - performance.now()));
    // The server may drop the request once this client can no longer be waiting for it.
    const content = entry.msgType === 'run_request' ? { ...entry.content, timeoutMs: Math.min(remainingMs, MAX_REQUEST_TIMEOUT_MS) } : entry.content;
    const header: Header = { msgId: entry.msgId, session: this.session, msgType: entry.msgType, version: PROTOCOL_VERSION, date: new Date().toISOString() };
    this.sends.send(encodeRequest(header, content, entry.buffers));
    this.arm(entry, this.options.timeoutMs);
  }

  private arm(entry: Pending, delayMs: number): void {
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => this.attemptTimedOut(entry), delayMs);
  }

  private attemptTimedOut(entry: Pending): void {
    entry.timeouts++;
    if (entry.timeouts <= this.options.retries) {
      this.transmit(entry);
      return;
    }
    this.settle(entry);
    entry.reject(
      new RemoteError('timeout', `no reply from ${this.endpoint} within ${this.options.timeoutMs} ms, ${entry.attempts} attempt(s)`, {
        field: 'timeoutMs',
        value: this.options.timeoutMs,
      }),
    );
  }

  private settle(entry: Pending): void {
    clearTimeout(entry.timer);
    this.pending.delete(entry.msgId);
    this.pump();
  }

  private async receiveLoop(): Promise<void> {
    try {
      for await (const frames of this.socket) this.handle(frames);
    } catch {
      // The socket was closed: every outstanding request has been rejected by `close`.
    }
  }

  private handle(frames: Uint8Array[]): void {
    const decoded = decodeReply(frames);
    if (!decoded.ok) return; // Nothing can be matched to a request; a timeout will report it.
    const { reply } = decoded;
    const entry = this.pending.get(reply.parentHeader['msgId'] as string);
    if (entry === undefined) return; // A late answer to a request that was already settled.
    const instance = reply.header.session;
    const serverRestarted = this.lastInstance !== undefined && this.lastInstance !== instance;
    this.lastInstance = instance;
    if (reply.content['status'] === 'ok') {
      this.settle(entry);
      const delivery: Delivery = { endpoint: this.endpoint, attempts: entry.attempts, busy: entry.busy, replayed: reply.metadata['replayed'] === true, serverInstance: instance, serverRestarted, chipResets: typeof reply.metadata['chipResets'] === 'number' ? reply.metadata['chipResets'] : undefined };
      entry.resolve({ reply, delivery });
      return;
    }
    const error = fromWireError(reply.content);
    if (error instanceof RemoteError && error.code === 'busy' && performance.now() + (error.retryAfterMs ?? 0) < entry.deadlineMs) {
      // The server is full, not broken: try again after its hint, until this request's time is up.
      clearTimeout(entry.timer);
      entry.timer = setTimeout(() => this.transmit(entry), Math.max(1, error.retryAfterMs ?? 10) * Math.min(++entry.busy, 10));
      return;
    }
    this.settle(entry);
    entry.reject(error);
  }

  /** Follows the socket's connection state; resends waiting requests after a reconnect. */
  private async watchConnection(events: Dealer['events']): Promise<void> {
    try {
      for await (const event of events) {
        if (event.type === 'handshake') {
          const reconnected = this.everConnected && !this.connected;
          this.connected = true;
          this.everConnected = true;
          if (reconnected && !this.options.failFastOnDisconnect) for (const entry of this.pending.values()) this.transmit(entry);
          for (const listener of this.listeners.connect) listener();
        } else if (event.type === 'disconnect') {
          this.connected = false;
          if (this.options.failFastOnDisconnect) {
            this.failAll(() => new RemoteError('disconnected', `the connection to ${this.endpoint} dropped before the reply arrived`));
          }
          for (const listener of this.listeners.disconnect) listener();
        } else if (event.type === 'handshake:error:auth' || event.type === 'handshake:error:protocol') {
          this.failAll(() => new RemoteError('refused', `${this.endpoint} refused the CURVE handshake (${event.type}): the client key is not authorised or the server key is wrong`));
        }
      }
    } catch {
      // The observer ends with the socket.
    }
  }

  private failAll(error: () => Error): void {
    for (const entry of [...this.pending.values(), ...this.waiting.splice(0)]) {
      clearTimeout(entry.timer);
      this.pending.delete(entry.msgId);
      entry.reject(error());
    }
  }
}

function curveOptions(options: RemoteClientOptions): Record<string, string> {
  if (options.clientKeys === undefined) {
    throw new RemoteError('invalid-option', 'serverPublicKey needs clientKeys (a key pair from `bss2 keygen`) to authenticate', { field: 'clientKeys', value: 'missing' });
  }
  return { curveServerKey: options.serverPublicKey as string, curvePublicKey: options.clientKeys.publicKey, curveSecretKey: options.clientKeys.secretKey };
}
