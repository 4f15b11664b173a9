import type { Writable } from 'zeromq';

/**
 * zeromq.js allows one `send` in progress per socket; this queue serialises them so callers can send from
 * anywhere without awaiting. A send that fails (socket closed) is reported to `onError` and the queue goes on.
 */
export class SendQueue {
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly socket: Writable,
    private readonly onError: (error: unknown) => void,
  ) {}

  send(frames: Uint8Array[]): void {
    this.tail = this.tail.then(() => this.socket.send(frames)).catch(this.onError);
  }

  /** Resolves when every queued send has been handed to ZeroMQ. */
  flushed(): Promise<void> {
    return this.tail;
  }
}
