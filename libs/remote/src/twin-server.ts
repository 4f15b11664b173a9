import type { ChipTwinOptions } from '@bss2/chip';
import { Context, Router } from 'zeromq';
import type { CurveKeyPair } from './curve-keys.js';
import { MAX_PROGRAM_BYTES } from './protocol.js';
import { RemoteError } from './remote-error.js';
import { SendQueue } from './send-queue.js';
import { ServerCore, type ServerCoreOptions } from './server-core.js';
import { ZapAuthenticator } from './zap-authenticator.js';

/** The default endpoint: loopback only (issue 7, "binds to loopback by default"). */
export const DEFAULT_BIND = 'tcp://127.0.0.1:5555';

export interface TwinServerOptions extends ServerCoreOptions {
  /** ZeroMQ endpoint to bind (default `tcp://127.0.0.1:5555`; port `*` or 0 picks a free one). */
  readonly bind?: string;
  /** One entry per hosted chip: identity, fidelity, and the other `ChipTwin` options. */
  readonly chips: readonly ChipTwinOptions[];
  /** CURVE: the server's key pair and the public keys of the clients it admits. */
  readonly curve?: CurveKeyPair & { readonly authorizedKeys: readonly string[] };
  /** Allow a TCP bind beyond loopback without CURVE (anyone who can reach the port can then use the chips). */
  readonly allowInsecureNetwork?: boolean;
}

/** libzmq's ZMQ_ROUTER_NOTIFY (draft API, compiled into zeromq 6.8's libzmq): peer connect/disconnect messages. */
const ZMQ_ROUTER_NOTIFY = 97;
const NOTIFY_CONNECT_AND_DISCONNECT = 3;

/** A ROUTER that reports peers arriving and leaving as a message of one empty frame from the peer. */
class NotifyingRouter extends Router {
  constructor(options: ConstructorParameters<typeof Router>[0]) {
    super(options);
    this.setInt32Option(ZMQ_ROUTER_NOTIFY, NOTIFY_CONNECT_AND_DISCONNECT);
  }
}

function isLoopbackOrLocal(endpoint: string): boolean {
  if (!endpoint.startsWith('tcp://')) return true; // ipc://, inproc://: not reachable from the network
  const host = endpoint.slice('tcp://'.length).replace(/:[^:]*$/, '');
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\./.test(host);
}

/**
 * The twin server: a ZeroMQ ROUTER socket in front of a `ServerCore` hosting N twin chips (issue 7;
 * quiggeldy's place in the BrainScaleS-2 stack, reference §5.6). Binds to loopback unless told otherwise;
 * with `curve`, only clients holding an authorised key get through the handshake.
 */
export class TwinServer {
  readonly core: ServerCore;
  private readonly sends: SendQueue;
  private readonly peers = new Set<string>();
  private readonly serving: Promise<void>;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly context: Context,
    private readonly socket: Router,
    private readonly zap: ZapAuthenticator | undefined,
    options: TwinServerOptions,
    /** The bound endpoint, with the port filled in. */
    readonly endpoint: string,
  ) {
    this.sends = new SendQueue(socket, () => undefined);
    this.core = new ServerCore(options.chips, (route, frames) => this.sends.send([route, ...frames]), options);
    this.serving = this.serve();
  }

  static async start(options: TwinServerOptions): Promise<TwinServer> {
    const bind = options.bind ?? DEFAULT_BIND;
    if (!isLoopbackOrLocal(bind) && options.curve === undefined && options.allowInsecureNetwork !== true) {
      throw new RemoteError('invalid-option', `binding ${bind} would expose the chips to the network without authentication: use CURVE keys, or allow it explicitly (--insecure)`, { field: 'bind', value: bind });
    }
    const context = new Context();
    const zap = options.curve === undefined ? undefined : await ZapAuthenticator.start(context, options.curve.authorizedKeys);
    const curve = options.curve === undefined ? {} : { curveServer: true, curvePublicKey: options.curve.publicKey, curveSecretKey: options.curve.secretKey, zapDomain: 'bss2-twin' };
    // Frames up to twice the playback memory are read and answered (program-too-large); bigger ones make
    // ZeroMQ drop the connection before the server sees them.
    const socket = new NotifyingRouter({ context, linger: 1000, maxMessageSize: 2 * MAX_PROGRAM_BYTES, sendHighWaterMark: 0, receiveHighWaterMark: 0, ...curve });
    try {
      await socket.bind(bind);
    } catch (error) {
      socket.close();
      zap?.close();
      throw new RemoteError('invalid-option', `cannot bind ${bind}: ${(error as Error).message}`, { field: 'bind', value: bind });
    }
    let server: TwinServer;
    try {
      server = new TwinServer(context, socket, zap, options, socket.lastEndpoint ?? bind);
    } catch (error) {
      socket.close();
      zap?.close();
      throw error;
    }
    // Serving starts at once (status requests are answered, runs queue); `start` resolves when every chip's
    // worker has built its twin, or fails with the chip whose options it refused.
    try {
      await server.core.ready();
    } catch (error) {
      await server.close({ drainTimeoutMs: 0 });
      throw error;
    }
    return server;
  }

  get instance(): string {
    return this.core.instance;
  }

  /** Clients refused at the CURVE handshake. */
  get refusedClients(): number {
    return this.zap?.refused ?? 0;
  }

  /**
   * Graceful shutdown: new programs are refused with `shutting-down`, queued and running ones finish (for
   * at most `drainTimeoutMs`, then the queued ones are refused and the running ones stopped, also with
   * `shutting-down`), the chips' workers are terminated, the replies are flushed, the socket closes.
   */
  close(options: { drainTimeoutMs?: number } = {}): Promise<void> {
    this.closing ??= this.shutDown(options.drainTimeoutMs ?? 10_000);
    return this.closing;
  }

  private async shutDown(drainTimeoutMs: number): Promise<void> {
    this.core.beginShutdown();
    let timer: NodeJS.Timeout | undefined;
    const outOfTime = new Promise<void>((resolve) => (timer = setTimeout(resolve, drainTimeoutMs)));
    await Promise.race([this.core.whenIdle(), outOfTime]);
    clearTimeout(timer);
    this.core.refuseRemaining();
    await this.core.whenIdle();
    await this.core.dispose();
    await this.sends.flushed();
    this.socket.close();
    this.zap?.close();
    await this.serving;
  }

  private async serve(): Promise<void> {
    try {
      for await (const [route, ...frames] of this.socket) {
        if (frames.length === 1 && (frames[0] as Buffer).length === 0) this.peerNotice(route as Buffer);
        else this.core.handle(route as Buffer, frames);
      }
    } catch {
      // The socket was closed by `close`.
    }
  }

  /** ROUTER_NOTIFY: the first notice of a routing id is its connect, the second its disconnect. */
  private peerNotice(route: Buffer): void {
    const id = route.toString('hex');
    if (!this.peers.delete(id)) {
      this.peers.add(id);
      return;
    }
    this.core.peerLeft(route);
  }
}
