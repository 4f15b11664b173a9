import { checkFields, isPlainMap, type WireMap } from './field-validator.js';
import { ERROR_CONTENT_FIELDS, FIXED_FRAMES, HEADER_FIELDS, messageSpec, PROTOCOL_ID, PROTOCOL_VERSION } from './protocol.js';
import type { Header } from './request-codec.js';
import { RemoteError } from './remote-error.js';
import { packMap, tryUnpack } from './wire-codec.js';

const PROTOCOL_BYTES = Buffer.from(PROTOCOL_ID, 'ascii');

/** A reply as the client sees it. */
export interface Reply {
  readonly header: Header;
  readonly parentHeader: WireMap;
  readonly metadata: WireMap;
  readonly content: WireMap;
  readonly buffers: readonly Uint8Array[];
}

/** What the server puts into a reply; the codec adds identifier, header and framing. */
export interface ReplyParts {
  readonly msgType: string;
  readonly parentHeader: WireMap;
  readonly metadata?: WireMap;
  readonly content: WireMap;
  readonly buffers?: readonly Uint8Array[];
}

/** The frames of a reply (server side). `instance` is the server instance id, sent as header.session. */
export function encodeReply(msgId: string, instance: string, parts: ReplyParts): Uint8Array[] {
  const header: Header = { msgId, session: instance, msgType: parts.msgType, version: PROTOCOL_VERSION, date: new Date().toISOString() };
  return [PROTOCOL_BYTES, packMap(header as unknown as WireMap), packMap(parts.parentHeader), packMap(parts.metadata ?? {}), packMap(parts.content), ...(parts.buffers ?? [])];
}

function violation(message: string): RemoteError {
  return new RemoteError('protocol-violation', `reply from the server: ${message}`);
}

/**
 * Decodes a reply (client side). The server is trusted less than fully: anything unexpected is a
 * `protocol-violation`, never a crash.
 */
export function decodeReply(frames: readonly Uint8Array[]): { ok: true; reply: Reply } | { ok: false; error: RemoteError } {
  if (frames.length < FIXED_FRAMES.length) return { ok: false, error: violation(`${frames.length} frames, expected at least ${FIXED_FRAMES.length}`) };
  if (!PROTOCOL_BYTES.equals(frames[0] as Uint8Array)) return { ok: false, error: violation(`frame 0 is not ${PROTOCOL_ID}`) };
  const maps: WireMap[] = [];
  for (let i = 1; i < FIXED_FRAMES.length; i++) {
    const decoded = tryUnpack(frames[i] as Uint8Array);
    if (!decoded.ok || !isPlainMap(decoded.value)) return { ok: false, error: violation(`the ${FIXED_FRAMES[i]} frame is not a msgpack map`) };
    maps.push(decoded.value);
  }
  const [header, parentHeader, metadata, content] = maps as [WireMap, WireMap, WireMap, WireMap];
  const headerError = checkFields('header', header, HEADER_FIELDS);
  if (headerError) return { ok: false, error: violation(headerError.message) };
  const spec = messageSpec(header['msgType'] as string);
  if (spec?.direction !== 'reply') return { ok: false, error: violation(`msgType ${String(header['msgType'])} is not a reply`) };
  const contentError = checkFields('content', content, content['status'] === 'error' ? ERROR_CONTENT_FIELDS : spec.content);
  if (contentError) return { ok: false, error: violation(contentError.message) };
  return { ok: true, reply: { header: header as unknown as Header, parentHeader, metadata, content, buffers: frames.slice(FIXED_FRAMES.length) } };
}
