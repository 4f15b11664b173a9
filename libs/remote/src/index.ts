/**
 * @bss2/remote — the twin behind ZeroMQ (quiggeldy counterpart, reference §5.6). Table of contents, grouped by
 * file.
 */

// Errors: one class, codes as a table.
export { RemoteError, REMOTE_ERROR_CODES, SERVER_ERROR_CODES, type RemoteErrorCode, type RemoteErrorDetails, type RemoteRange } from './remote-error.js';

// The wire protocol: one table, and the codecs derived from it.
export {
  PROTOCOL_ID,
  PROTOCOL_VERSION,
  FIXED_FRAMES,
  HEADER_FIELDS,
  MESSAGES,
  ERROR_CONTENT_FIELDS,
  REPLY_METADATA_FIELDS,
  MAX_MAP_FRAME_BYTES,
  MAX_PROGRAM_BYTES,
  MAX_ID_CHARS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  MAX_REQUEST_TIMEOUT_MS,
  DEFAULT_MAX_RUN_MS,
  MAX_RUN_TIMEOUT_MS,
  type FieldSpec,
  type MessageSpec,
  type MessageType,
  type RequestType,
} from './protocol.js';
export { encodeRequest, decodeRequest, type Header, type Request, type RunRequest, type StatusRequest, type DecodedRequest } from './request-codec.js';
export { encodeReply, decodeReply, type Reply, type ReplyParts } from './reply-codec.js';
export { toWireError, fromWireError, type WireError } from './wire-error.js';

// The server.
export { FairScheduler, type Schedulable } from './fair-scheduler.js';
export { ResultStore, type StoredResult } from './result-store.js';
export { ServerCore, type ServerCoreOptions, type ReplySink } from './server-core.js';
export { ChipThread } from './chip-thread.js';
export { InlineChip } from './inline-chip.js';
export type { ChipHost, RunOutcome } from './chip-host.js';
export { HostedChip } from './hosted-chip.js';
export { TwinServer, DEFAULT_BIND, type TwinServerOptions } from './twin-server.js';
export { twinServerOptionsFromFlags, type TwinServerFlags } from './twin-server-flags.js';

// Clients.
export { RemoteClient, type Delivery, type ClientReply } from './remote-client.js';
export type { RemoteClientOptions } from './remote-client-options.js';
export { RemoteConnection, type RemoteConnectionOptions, type RemoteRunResult } from './remote-connection.js';
export { ConnectionPool, type ConnectionPoolOptions, type PoolRunResult } from './connection-pool.js';

// CURVE keys.
export {
  generateCurveKeyPair,
  writeCurveCertificate,
  readCurveKeyPair,
  readCurvePublicKey,
  readAuthorizedKeys,
  isCurveKey,
  PUBLIC_KEY_SUFFIX,
  SECRET_KEY_SUFFIX,
  type CurveKeyPair,
} from './curve-keys.js';
export { z85Encode, z85Decode } from './z85.js';
export { closeOnSignals, servingBanner } from './close-on-signals.js';
export { describeProtocol } from './describe-protocol.js';
