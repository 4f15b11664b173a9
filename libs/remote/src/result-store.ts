import type { WireMap } from './field-validator.js';

/** A finished request as the server keeps it for a resent request id. */
export interface StoredResult {
  /** Chip and program fingerprint of the request, to tell a resend from a reused id. */
  readonly fingerprint: string;
  readonly content: WireMap;
  readonly buffers: readonly Uint8Array[];
}

/**
 * The results of the last requests, by request key (session + request id), so that a resent request is
 * answered from here instead of running its program a second time (issue 7, idempotent request ids). Bounded
 * by entry count and by bytes; the oldest entries go first. A resend that arrives after its entry was evicted
 * runs again: the client learns about it from the reply metadata (`replayed` is false).
 */
export class ResultStore {
  private readonly entries = new Map<string, StoredResult>();
  private bytes = 0;

  constructor(
    readonly maxEntries: number,
    readonly maxBytes: number,
  ) {}

  get(key: string): StoredResult | undefined {
    return this.entries.get(key);
  }

  put(key: string, result: StoredResult): void {
    this.delete(key);
    this.entries.set(key, result);
    this.bytes += sizeOf(result);
    for (const [oldest] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  get storedBytes(): number {
    return this.bytes;
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.bytes -= sizeOf(entry);
    this.entries.delete(key);
  }
}

function sizeOf(result: StoredResult): number {
  return result.buffers.reduce((n, b) => n + b.byteLength, 0) + 256;
}
