import { decodeToFpgaInto, LinkError } from '@bss2/link';
import { checkFields, isPlainMap, validFields, type WireMap } from './field-validator.js';
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  FIXED_FRAMES,
  HEADER_FIELDS,
  MAX_MAP_FRAME_BYTES,
  MAX_PROGRAM_BYTES,
  messageSpec,
  PROTOCOL_ID,
  PROTOCOL_VERSION,
  REQUEST_TYPES,
  type RequestType,
} from './protocol.js';
import { RemoteError } from './remote-error.js';
import { packMap, tryUnpack } from './wire-codec.js';

/** The header of a message (protocol.ts `HEADER_FIELDS`). */
export interface Header {
  readonly msgId: string;
  readonly session: string;
  readonly msgType: string;
  readonly version: number;
  readonly date?: string;
}

export interface RunRequest {
  readonly msgType: 'run_request';
  readonly header: Header;
  readonly chip: number;
  readonly timeoutMs: number;
  /** The run-time limit the client asked for; the server applies at most its own `maxRunMs`. */
  readonly runTimeoutMs: number | undefined;
  readonly program: Uint8Array;
}

export interface StatusRequest {
  readonly msgType: 'status_request';
  readonly header: Header;
}

export type Request = RunRequest | StatusRequest;

/**
 * Why a request was refused at the edge: the error, the part of its header that was valid (echoed as the
 * reply's parent header so the client can match it) and the reply type to answer with.
 */
export interface RefusedRequest {
  readonly error: RemoteError | LinkError;
  readonly parentHeader: Record<string, unknown>;
  readonly replyType: string;
}

export type DecodedRequest = { readonly ok: true; readonly request: Request } | ({ readonly ok: false } & RefusedRequest);

const PROTOCOL_BYTES = Buffer.from(PROTOCOL_ID, 'ascii');

/** The frames of a request (client side): identifier, header, empty parent header and metadata, content, buffers. */
export function encodeRequest(header: Header, content: WireMap, buffers: readonly Uint8Array[] = []): Uint8Array[] {
  return [PROTOCOL_BYTES, packMap(header as unknown as WireMap), packMap({}), packMap({}), packMap(content), ...buffers];
}

function unpackMap(frames: readonly Uint8Array[], index: number): { ok: true; map: WireMap } | { ok: false; error: RemoteError } {
  const name = FIXED_FRAMES[index] ?? `frame ${index}`;
  const frame = frames[index] as Uint8Array;
  if (frame.byteLength > MAX_MAP_FRAME_BYTES) {
    return {
      ok: false,
      error: new RemoteError('envelope-too-large', `the ${name} frame has ${frame.byteLength} bytes, at most ${MAX_MAP_FRAME_BYTES} are accepted`, {
        field: name,
        value: frame.byteLength,
        range: { min: 1, max: MAX_MAP_FRAME_BYTES },
      }),
    };
  }
  const decoded = tryUnpack(frame);
  if (!decoded.ok) return { ok: false, error: new RemoteError('malformed-envelope', `the ${name} frame is not msgpack: ${decoded.reason}`, { field: name, value: `${frame.byteLength} bytes` }) };
  if (!isPlainMap(decoded.value)) {
    return { ok: false, error: new RemoteError('malformed-envelope', `the ${name} frame must be a msgpack map`, { field: name, value: typeof decoded.value }) };
  }
  return { ok: true, map: decoded.value };
}

/**
 * Validates and decodes the frames of a request (server side, untrusted input). Every way a message can be
 * wrong gives a typed refusal, never an exception: the server answers each with an error reply.
 */
export function decodeRequest(frames: readonly Uint8Array[]): DecodedRequest {
  let parentHeader: Record<string, unknown> = {};
  let replyType = 'error_reply';
  const refuse = (error: RemoteError | LinkError): DecodedRequest => ({ ok: false, error, parentHeader, replyType });

  if (frames.length < FIXED_FRAMES.length) {
    return refuse(new RemoteError('malformed-envelope', `an envelope has at least ${FIXED_FRAMES.length} frames (${FIXED_FRAMES.join(', ')}), got ${frames.length}`, {
      field: 'frames',
      value: frames.length,
      range: { min: FIXED_FRAMES.length, max: FIXED_FRAMES.length + 1 },
    }));
  }
  if (!PROTOCOL_BYTES.equals(frames[0] as Uint8Array)) {
    return refuse(new RemoteError('unsupported-protocol', `frame 0 must be the protocol identifier ${PROTOCOL_ID}`, { field: 'protocol', value: describeIdentifier(frames[0] as Uint8Array) }));
  }
  const header = unpackMap(frames, 1);
  if (!header.ok) return refuse(header.error);
  parentHeader = validFields(header.map, HEADER_FIELDS);
  const headerError = checkFields('header', header.map, HEADER_FIELDS);
  if (headerError) return refuse(headerError);
  const { msgType, version } = header.map as unknown as Header;
  if (version !== PROTOCOL_VERSION) {
    return refuse(new RemoteError('unsupported-version', `header.version ${version} is not spoken here; this server speaks ${PROTOCOL_VERSION}`, {
      field: 'header.version',
      value: version,
      range: { min: PROTOCOL_VERSION, max: PROTOCOL_VERSION },
    }));
  }
  const spec = messageSpec(msgType);
  if (spec?.direction !== 'request') {
    return refuse(new RemoteError('unknown-message-type', `header.msgType ${JSON.stringify(msgType)} is not a request; requests are ${REQUEST_TYPES.join(', ')}`, { field: 'header.msgType', value: msgType }));
  }
  replyType = spec.reply as string;
  for (const index of [2, 3]) {
    const map = unpackMap(frames, index);
    if (!map.ok) return refuse(map.error);
  }
  const content = unpackMap(frames, 4);
  if (!content.ok) return refuse(content.error);
  const contentError = checkFields('content', content.map, spec.content);
  if (contentError) return refuse(contentError);
  const buffers = frames.slice(FIXED_FRAMES.length);
  const request = { header: parentHeader as unknown as Header, msgType: msgType as RequestType };
  if (request.msgType === 'status_request') {
    if (buffers.length !== 0) return refuse(extraBuffers(buffers.length, 0));
    return { ok: true, request: { msgType: 'status_request', header: request.header } };
  }
  if (buffers.length === 0) return refuse(new RemoteError('invalid-program', 'a run_request carries its program as the buffer after the content frame; there is none', { field: 'program', value: 'missing' }));
  if (buffers.length > 1) return refuse(extraBuffers(buffers.length, 1));
  const program = buffers[0] as Uint8Array;
  const programError = checkProgram(program);
  if (programError) return refuse(programError);
  const { chip, timeoutMs, runTimeoutMs } = content.map as { chip: number; timeoutMs?: number; runTimeoutMs?: number };
  return { ok: true, request: { msgType: 'run_request', header: request.header, chip, timeoutMs: timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, runTimeoutMs, program } };
}

function extraBuffers(count: number, expected: number): RemoteError {
  return new RemoteError('malformed-envelope', `this request carries ${expected} buffer(s) after the content frame, got ${count}`, {
    field: 'buffers',
    value: count,
    range: { min: expected, max: expected },
  });
}

/**
 * A program is checked at the edge, before it queues: its size against the FPGA playback memory (§5.5), its
 * bytes with the link's strict decoder (§5.1, §5.2). A malformed word thus costs no chip time, and the error
 * is the same `LinkError` the in-process executor would raise.
 */
function checkProgram(program: Uint8Array): RemoteError | LinkError | undefined {
  if (program.byteLength > MAX_PROGRAM_BYTES) {
    return new RemoteError('program-too-large', `the program has ${program.byteLength} bytes; the FPGA playback memory holds ${MAX_PROGRAM_BYTES}: split it`, {
      field: 'program',
      value: program.byteLength,
      range: { min: 0, max: MAX_PROGRAM_BYTES },
    });
  }
  try {
    decodeToFpgaInto(program, {});
    return undefined;
  } catch (error) {
    if (error instanceof LinkError) return error;
    throw error;
  }
}

function describeIdentifier(frame: Uint8Array): string {
  const text = Buffer.from(frame.subarray(0, 32)).toString('latin1');
  return /^[\x20-\x7e]*$/.test(text) && frame.byteLength <= 32 ? text : `${frame.byteLength} bytes`;
}
