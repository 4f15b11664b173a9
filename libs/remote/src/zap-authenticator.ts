import { Router, type Context } from 'zeromq';
import { SendQueue } from './send-queue.js';
import { z85Encode } from './z85.js';

/** The endpoint where libzmq asks its ZAP handler (ZeroMQ RFC 27). */
const ZAP_ENDPOINT = 'inproc://zeromq.zap.01';

/**
 * A ZAP handler (ZeroMQ RFC 27) that admits exactly the CURVE clients whose public key is listed. Every
 * other client fails the handshake and never reaches the server: it gets no reply at all. It lives in the
 * server's own ZeroMQ context, so several servers in one process each have their own list.
 */
export class ZapAuthenticator {
  private readonly socket: Router;
  private readonly sends: SendQueue;
  private readonly authorized: Set<string>;
  refused = 0;

  private constructor(context: Context, authorizedKeys: readonly string[]) {
    this.authorized = new Set(authorizedKeys);
    this.socket = new Router({ context, linger: 0 });
    this.sends = new SendQueue(this.socket, () => undefined);
  }

  static async start(context: Context, authorizedKeys: readonly string[]): Promise<ZapAuthenticator> {
    const zap = new ZapAuthenticator(context, authorizedKeys);
    await zap.socket.bind(ZAP_ENDPOINT);
    void zap.serve();
    return zap;
  }

  close(): void {
    this.socket.close();
  }

  private async serve(): Promise<void> {
    try {
      // ZAP request: routing id, empty delimiter, version, request id, domain, address, identity, mechanism, credentials.
      for await (const [route, empty, version, requestId, , , , mechanism, key] of this.socket) {
        const admitted = mechanism?.toString() === 'CURVE' && key !== undefined && key.length === 32 && this.authorized.has(z85Encode(key));
        if (!admitted) this.refused++;
        const [status, text] = admitted ? ['200', 'OK'] : ['400', 'client key not authorised'];
        this.sends.send([route as Buffer, empty as Buffer, version ?? Buffer.from('1.0'), requestId ?? Buffer.alloc(0), Buffer.from(status), Buffer.from(text), Buffer.alloc(0), Buffer.alloc(0)]);
      }
    } catch {
      // Closed with the server.
    }
  }
}
