/**
 * What went wrong between a client and the twin server. One row per code: the server sends the code as the
 * `ename` of an error reply (docs/remote.md lists this table), the client raises it as a `RemoteError`.
 * `side` says who produces it: `server` codes travel on the wire, `client` codes arise in the client alone.
 */
export const REMOTE_ERROR_CODES = {
  'malformed-envelope': { side: 'server', doc: 'the frames are not an envelope: wrong frame count, or a header/content frame that is not a msgpack map' },
  'unsupported-protocol': { side: 'server', doc: 'frame 0 is not the protocol identifier `BSS2TWIN/1`' },
  'unsupported-version': { side: 'server', doc: 'header.version is not a version this server speaks' },
  'unknown-message-type': { side: 'server', doc: 'header.msgType names no request this server answers' },
  'invalid-field': { side: 'server', doc: 'a header or content field is missing, of the wrong type or out of range' },
  'envelope-too-large': { side: 'server', doc: 'a header, parent header, metadata or content frame is longer than its limit' },
  'unknown-chip': { side: 'server', doc: 'content.chip names no chip of this server' },
  'invalid-program': { side: 'server', doc: 'the program buffer is missing, or its bytes are not well-formed to-FPGA link words' },
  'program-too-large': { side: 'server', doc: 'the program has more words than the FPGA playback memory holds' },
  'duplicate-request-id': { side: 'server', doc: 'the request id was used before for a different chip or program' },
  busy: { side: 'server', doc: "the chip's queue is full: retry later (details.retryAfterMs)" },
  timeout: { side: 'server', doc: 'the request waited past its timeoutMs (server), or no reply came within timeoutMs after every retry (client)' },
  'run-timeout': {
    side: 'server',
    doc: "the program ran past its run-time limit (content.runTimeoutMs, at most the server's maxRunMs): the server stopped it and reset the chip to a fresh chip of its identity, so the state earlier programs configured is gone",
  },
  cancelled: {
    side: 'server',
    doc: 'the client that sent the program went away while it ran: the server stopped it and reset the chip to a fresh chip of its identity (the answer to a later resend of the request id)',
  },
  'shutting-down': { side: 'server', doc: 'the server is draining and accepts no new work, or ran out of drain time and stopped the program' },
  internal: { side: 'server', doc: "an unexpected server fault (also a chip's worker that died: the chip was reset); the server keeps running" },
  closed: { side: 'client', doc: 'the connection or pool was closed before the reply arrived' },
  disconnected: { side: 'client', doc: 'the connection to the server dropped while the request was out (pool clients fail fast to re-dispatch)' },
  refused: { side: 'client', doc: 'the server refused the CURVE handshake: this client key is not authorised, or the server key is wrong' },
  'protocol-violation': { side: 'client', doc: 'a reply from the server is not a well-formed envelope' },
  'no-endpoint': { side: 'client', doc: 'a pool has no endpoint with a chip that could take the program' },
  'invalid-option': { side: 'client', doc: 'a client, pool, server or key-file option is out of its legal range' },
} as const satisfies Record<string, { side: 'server' | 'client'; doc: string }>;

/** What was wrong, as a string union (see `REMOTE_ERROR_CODES`). */
export type RemoteErrorCode = keyof typeof REMOTE_ERROR_CODES;

/** Codes the server puts on the wire. */
export const SERVER_ERROR_CODES = (Object.keys(REMOTE_ERROR_CODES) as RemoteErrorCode[]).filter((c) => REMOTE_ERROR_CODES[c].side === 'server');

/** The legal range of the offending value, inclusive. */
export interface RemoteRange {
  readonly min: number;
  readonly max: number;
}

/** Details of a remote error; every member is optional because not every code has it. */
export interface RemoteErrorDetails {
  /** Header or content field concerned, e.g. `content.chip`. */
  readonly field?: string;
  /** The offending value (for large values: its type or length). */
  readonly value?: unknown;
  readonly range?: RemoteRange;
  /** `busy`: how long the client should wait before retrying. */
  readonly retryAfterMs?: number;
}

/** The one error class of `@bss2/remote` (STYLE item 9). Execution errors keep their own lib's class. */
export class RemoteError extends Error implements RemoteErrorDetails {
  override readonly name = 'RemoteError';
  readonly field?: string;
  readonly value?: unknown;
  readonly range?: RemoteRange;
  readonly retryAfterMs?: number;

  constructor(
    readonly code: RemoteErrorCode,
    message: string,
    details: RemoteErrorDetails = {},
  ) {
    super(message);
    Object.assign(this, details);
  }
}

/** True when `code` is a wire error code of this protocol version. */
export function isServerErrorCode(code: string): code is RemoteErrorCode {
  return Object.hasOwn(REMOTE_ERROR_CODES, code) && REMOTE_ERROR_CODES[code as RemoteErrorCode].side === 'server';
}
