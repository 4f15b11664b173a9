import { INSTRUCTION_MEMORY_WORDS, PHYWORD_BYTES } from '@bss2/link';

/**
 * The wire protocol of the twin server as one table (STYLE items 14 and 15): the protocol identifier, the
 * frame layout, the header fields and every message type with its content fields. The envelope codec, the
 * validator, the fuzzer and docs/remote.md are all derived from (or checked against) this file.
 */

/** Frame 0 of every message, in both directions (majordomo's `MDPC01` idea): name and major version. */
export const PROTOCOL_ID = 'BSS2TWIN/1';

/**
 * `header.version`: bumped on any change of the tables below that an older peer cannot ignore; additions it may
 * ignore (both sides ignore unknown keys) keep the version. docs/remote.md §9 keeps the "changed in" notes.
 */
export const PROTOCOL_VERSION = 1;

/** Frames before the binary buffers: identifier, header, parent header, metadata, content. */
export const FIXED_FRAMES = ['protocol', 'header', 'parentHeader', 'metadata', 'content'] as const;

/** Largest msgpack frame (header, parent header, metadata, content) a server accepts. */
export const MAX_MAP_FRAME_BYTES = 16_384;

/** Largest program buffer: the FPGA playback memory (reference §5.5) in bytes. */
export const MAX_PROGRAM_BYTES = INSTRUCTION_MEMORY_WORDS * PHYWORD_BYTES;

/** Longest request id and session string. */
export const MAX_ID_CHARS = 128;

/** Default and largest `content.timeoutMs` of a run request. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
export const MAX_REQUEST_TIMEOUT_MS = 3_600_000;

/**
 * The server's run-time limit (`maxRunMs`, `--max-run-ms`) by default, and the largest it may be: the default
 * and the ceiling of `content.runTimeoutMs`. Ten minutes leaves room for long analog experiments (tens of ms
 * to seconds of wall time per ms of hardware time here, docs/benchmarks.md) and still ends a runaway program.
 */
export const DEFAULT_MAX_RUN_MS = 600_000;
export const MAX_RUN_TIMEOUT_MS = 3_600_000;

export type FieldType = 'string' | 'uint' | 'bool' | 'map' | 'array';

/** One field of a header or content map. For strings, `min`/`max` bound the length; for uints, the value. */
export interface FieldSpec {
  readonly name: string;
  readonly type: FieldType;
  readonly required: boolean;
  readonly min?: number;
  readonly max?: number;
  readonly values?: readonly string[];
  readonly doc: string;
}

/** Header fields: the same for every message in both directions (Jupyter's header, reference STYLE §14). */
export const HEADER_FIELDS = [
  { name: 'msgId', type: 'string', required: true, min: 1, max: MAX_ID_CHARS, doc: 'unique id of this message; a request id is idempotent: resending it never runs the program twice' },
  { name: 'session', type: 'string', required: true, min: 1, max: MAX_ID_CHARS, doc: 'client: its session (fairness is per session); server: its instance id, new at every start' },
  { name: 'msgType', type: 'string', required: true, min: 1, max: 64, doc: 'one of the message types below' },
  { name: 'version', type: 'uint', required: true, min: 0, max: 65_535, doc: `protocol version, ${PROTOCOL_VERSION}` },
  { name: 'date', type: 'string', required: false, min: 0, max: 64, doc: 'ISO 8601 time the message was made (informational)' },
] as const satisfies readonly FieldSpec[];

/** A message type: its direction, the content fields, how many binary buffers follow, and its reply. */
export interface MessageSpec {
  readonly msgType: string;
  readonly direction: 'request' | 'reply';
  readonly reply?: string;
  readonly content: readonly FieldSpec[];
  /** Buffers after the content frame (replies with `status: 'error'` carry none). */
  readonly buffers: readonly string[];
  readonly doc: string;
}

const STATUS_FIELD = { name: 'status', type: 'string', required: true, values: ['ok', 'error'], doc: "'ok', or 'error' with ename/evalue/details instead of the ok fields" } as const;

export const MESSAGES = [
  {
    msgType: 'run_request',
    direction: 'request',
    reply: 'run_reply',
    content: [
      { name: 'chip', type: 'uint', required: true, min: 0, max: 65_535, doc: "index of the target chip on this server (status_reply lists them)" },
      { name: 'timeoutMs', type: 'uint', required: false, min: 1, max: MAX_REQUEST_TIMEOUT_MS, doc: `drop the request with a 'timeout' error if it has not started after this long (default ${DEFAULT_REQUEST_TIMEOUT_MS})` },
      {
        name: 'runTimeoutMs',
        type: 'uint',
        required: false,
        min: 1,
        max: MAX_RUN_TIMEOUT_MS,
        doc: "stop the program with a 'run-timeout' error if it runs longer than this (server wall time); the chip is then reset to a fresh chip of its identity. Default and ceiling: the server's maxRunMs (status_reply)",
      },
    ],
    buffers: ['program: the to-FPGA link words, 64-bit big-endian phywords (docs/protocol.md)'],
    doc: 'run one playback program on one chip',
  },
  {
    msgType: 'run_reply',
    direction: 'reply',
    content: [
      STATUS_FIELD,
      { name: 'chip', type: 'uint', required: true, min: 0, max: 65_535, doc: 'the chip that ran the program' },
      { name: 'executionCycles', type: 'uint', required: true, min: 0, max: Number.MAX_SAFE_INTEGER, doc: 'FPGA cycles (8 ns) the program took on the chip' },
    ],
    buffers: ['response: the from-FPGA byte stream (docs/protocol.md)'],
    doc: 'the result of a run_request',
  },
  {
    msgType: 'status_request',
    direction: 'request',
    reply: 'status_reply',
    content: [],
    buffers: [],
    doc: "the server's chips, queues, uptime and version",
  },
  {
    msgType: 'status_reply',
    direction: 'reply',
    content: [
      STATUS_FIELD,
      { name: 'protocol', type: 'string', required: true, doc: `the protocol identifier, ${PROTOCOL_ID}` },
      { name: 'version', type: 'uint', required: true, doc: 'protocol version' },
      { name: 'serverVersion', type: 'string', required: true, doc: 'version of the @bss2/remote package that serves' },
      { name: 'instance', type: 'string', required: true, doc: 'the server instance id (also in every reply header.session)' },
      { name: 'state', type: 'string', required: true, values: ['serving', 'draining'], doc: "'draining' once a shutdown began" },
      { name: 'uptimeMs', type: 'uint', required: true, doc: 'milliseconds since the server started' },
      { name: 'queueCapacity', type: 'uint', required: true, doc: "requests a chip's queue holds before answering busy" },
      { name: 'maxRunMs', type: 'uint', required: true, doc: `the run-time limit of a program: default and ceiling of content.runTimeoutMs (--max-run-ms, default ${DEFAULT_MAX_RUN_MS}); 0 when chipThreads is false: no limit` },
      { name: 'chipThreads', type: 'bool', required: false, doc: "true: each chip runs in a worker thread of its own (the default; absent from older servers); false: every chip runs on the server's thread (--inline-chips), which answers nothing else while a program runs and cannot stop one, so a run_request with runTimeoutMs is refused" },
      { name: 'sessions', type: 'uint', required: true, doc: 'sessions with queued or running work' },
      { name: 'chips', type: 'array', required: true, doc: 'one map per chip: index, identity, fidelity, queued, running (bool), executed, failed, resets' },
    ],
    buffers: [],
    doc: 'the answer to a status_request',
  },
  {
    msgType: 'error_reply',
    direction: 'reply',
    content: [STATUS_FIELD],
    buffers: [],
    doc: 'the answer to a message whose type could not be determined (malformed envelope, unknown msgType)',
  },
] as const satisfies readonly MessageSpec[];

/** Content of every error reply, whatever its msgType. */
export const ERROR_CONTENT_FIELDS = [
  STATUS_FIELD,
  { name: 'ename', type: 'string', required: true, doc: "an error code: a protocol code (REMOTE_ERROR_CODES), or 'chip/<code>' / 'link/<code>' for a program that failed on the chip" },
  { name: 'evalue', type: 'string', required: true, doc: 'human-readable message naming the bad value and its legal range' },
  { name: 'details', type: 'map', required: true, doc: 'field, value, range, retryAfterMs (busy), offset (chip errors: byte offset in the program), container' },
] as const satisfies readonly FieldSpec[];

/** Metadata of replies (requests send an empty map; both sides ignore unknown keys). */
export const REPLY_METADATA_FIELDS = [
  { name: 'replayed', type: 'bool', required: false, doc: 'true when the server answered a resent request id from its result store instead of running it again' },
  { name: 'queuedMs', type: 'uint', required: false, doc: 'time the request waited in the chip queue' },
  { name: 'executedMs', type: 'uint', required: false, doc: 'wall time the chip took' },
  { name: 'chipResets', type: 'uint', required: false, doc: "times the chip was reset to a fresh chip since the server started (run-timeout, cancelled, a failed worker): a change between two replies means the chip's state was lost in between" },
] as const satisfies readonly FieldSpec[];

export type MessageType = (typeof MESSAGES)[number]['msgType'];
export type RequestType = Extract<(typeof MESSAGES)[number], { direction: 'request' }>['msgType'];

export function messageSpec(msgType: string): MessageSpec | undefined {
  return (MESSAGES as readonly MessageSpec[]).find((m) => m.msgType === msgType);
}

export const REQUEST_TYPES = MESSAGES.filter((m) => m.direction === 'request').map((m) => m.msgType) as readonly RequestType[];
