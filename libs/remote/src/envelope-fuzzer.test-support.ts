import fc from 'fast-check';
import { HEADER_FIELDS, MAX_MAP_FRAME_BYTES, MAX_PROGRAM_BYTES, MESSAGES, PROTOCOL_ID, PROTOCOL_VERSION, type FieldSpec } from './protocol.js';
import { isPlainMap } from './field-validator.js';
import { packMap, tryUnpack } from './wire-codec.js';

// Malformed envelopes for the fuzz test, generated from the protocol table (STYLE item 15): for every header
// and content field a missing or wrongly typed or out-of-range value, plus random frames, bad identifiers,
// truncated and oversized frames and programs, and programs whose link words are broken. Each case is
// labelled with its kind so the test can report the mix.

export interface FuzzCase {
  readonly kind: string;
  readonly frames: Uint8Array[];
  /** The request id the reply must echo, when the header is well-formed enough to carry one. */
  readonly msgId?: string;
}

const PROTOCOL = Buffer.from(PROTOCOL_ID, 'ascii');
const EMPTY_MAP = packMap({});
/** A one-word program: timing.setup (header index 4), accepted by the chip in no time. */
const TIMER_SETUP = Uint8Array.from([0x04, 0, 0, 0, 0, 0, 0, 0]);

function decodesToMap(bytes: Uint8Array): boolean {
  const decoded = tryUnpack(bytes);
  return decoded.ok && isPlainMap(decoded.value);
}

const msgIdArbitrary = fc.string({ minLength: 1, maxLength: 24 }).map((s) => `fuzz-${s}`);

function header(msgId: string, msgType: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { msgId, session: 'fuzz-session', msgType, version: PROTOCOL_VERSION, ...overrides };
}

function envelope(head: Record<string, unknown>, content: Record<string, unknown>, buffers: Uint8Array[] = []): Uint8Array[] {
  return [PROTOCOL, packMap(head), EMPTY_MAP, EMPTY_MAP, packMap(content), ...buffers];
}

/** Values that violate a field spec: wrong types for its type, and out-of-range values where it has a range. */
function badValues(field: FieldSpec): fc.Arbitrary<unknown> {
  const wrongType = fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.double({ noInteger: true }),
    fc.constant(-1),
    fc.array(fc.nat(), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 4 }), fc.nat(), { maxKeys: 2 }),
    fc.uint8Array({ maxLength: 8 }),
    fc.string({ maxLength: 8 }),
  );
  const outOfRange: fc.Arbitrary<unknown>[] = [];
  if (field.type === 'uint' && field.max !== undefined) outOfRange.push(fc.integer({ min: field.max + 1, max: field.max + 1_000_000 }));
  if (field.type === 'string' && field.max !== undefined) outOfRange.push(fc.string({ minLength: field.max + 1, maxLength: field.max + 40 }));
  if (field.type === 'string' && field.min !== undefined && field.min > 0) outOfRange.push(fc.constant(''));
  return fc.oneof(wrongType, ...outOfRange).filter((v) => !fitsType(field, v));
}

function fitsType(field: FieldSpec, value: unknown): boolean {
  if (field.type === 'uint') return typeof value === 'number' && Number.isInteger(value) && value >= (field.min ?? 0) && value <= (field.max ?? Number.MAX_SAFE_INTEGER);
  if (field.type === 'string') return typeof value === 'string' && value.length >= (field.min ?? 0) && value.length <= (field.max ?? Infinity) && (field.name !== 'msgType' || MESSAGES.some((m) => m.msgType === value));
  return false;
}

const requestSpecs = MESSAGES.filter((m) => m.direction === 'request');

/** Every header field of a run or status request: missing (if required) or bad. */
const badHeader: fc.Arbitrary<FuzzCase> = fc
  .tuple(fc.constantFrom(...HEADER_FIELDS), fc.constantFrom(...requestSpecs), msgIdArbitrary, fc.boolean())
  .chain(([field, spec, msgId, drop]) =>
    (drop && field.required ? fc.constant(undefined) : badValues(field)).map((value) => {
      const head = header(msgId, spec.msgType);
      if (value === undefined) delete head[field.name];
      else head[field.name] = value;
      const content = spec.msgType === 'run_request' ? { chip: 0 } : {};
      const buffers = spec.msgType === 'run_request' ? [TIMER_SETUP] : [];
      return { kind: `header.${field.name}`, frames: envelope(head, content, buffers) };
    }),
  );

/** Every content field of every request: missing (if required) or bad. */
const badContent: fc.Arbitrary<FuzzCase> = fc
  .tuple(fc.constantFrom(...requestSpecs.flatMap((spec) => (spec.content as readonly FieldSpec[]).map((field) => ({ spec, field })))), msgIdArbitrary, fc.boolean())
  .chain(([{ spec, field }, msgId, drop]) =>
    (drop && field.required ? fc.constant(undefined) : badValues(field)).map((value) => {
      const content: Record<string, unknown> = spec.msgType === 'run_request' ? { chip: 0 } : {};
      if (value === undefined) delete content[field.name];
      else content[field.name] = value;
      return { kind: `content.${field.name}`, frames: envelope(header(msgId, spec.msgType), content, [TIMER_SETUP]), msgId };
    }),
  );

/** Random frames: a random count of random byte strings (never the one empty frame ZeroMQ reserves). */
const randomFrames: fc.Arbitrary<FuzzCase> = fc
  .array(fc.uint8Array({ maxLength: 64 }), { minLength: 1, maxLength: 8 })
  .filter((frames) => !(frames.length === 1 && frames[0]?.length === 0))
  .map((frames) => ({ kind: 'random-frames', frames }));

/** A well-formed envelope with random bytes in place of one frame. */
const randomFrame: fc.Arbitrary<FuzzCase> = fc
  .tuple(fc.integer({ min: 0, max: 4 }), fc.uint8Array({ maxLength: 48 }), msgIdArbitrary)
  .filter(([index, bytes]) => index === 0 || !decodesToMap(bytes))
  .map(([index, bytes, msgId]) => {
  const frames = envelope(header(msgId, 'run_request'), { chip: 0 }, [TIMER_SETUP]);
  frames[index] = bytes;
  return { kind: `random-${['protocol', 'header', 'parentHeader', 'metadata', 'content'][index]}`, frames };
});

/** msgpack values that are not maps where a map belongs. */
const notAMap: fc.Arbitrary<FuzzCase> = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.oneof(fc.nat(), fc.string(), fc.array(fc.nat()), fc.constant(null), fc.boolean()), msgIdArbitrary).map(([index, value, msgId]) => {
  const frames = envelope(header(msgId, 'status_request'), {});
  frames[index] = Buffer.from(packMap({ v: value })).subarray(1); // drop the map header: the value alone
  return { kind: 'not-a-map', frames };
});

/** A well-formed envelope cut short: frames missing, or one frame truncated. */
const truncated: fc.Arbitrary<FuzzCase> = fc.tuple(fc.integer({ min: 1, max: 5 }), fc.nat(), fc.boolean(), msgIdArbitrary).map(([index, cut, dropFrames, msgId]) => {
  const frames = envelope(header(msgId, 'run_request'), { chip: 0 }, [TIMER_SETUP]);
  if (dropFrames || index === 5) return { kind: 'truncated-frames', frames: frames.slice(0, index) };
  const frame = frames[index] as Uint8Array;
  frames[index] = frame.subarray(0, cut % Math.max(1, frame.length));
  return { kind: 'truncated-frame', frames };
});

/** Oversized map frames (beyond MAX_MAP_FRAME_BYTES). */
const oversizedFrame: fc.Arbitrary<FuzzCase> = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4096 }), msgIdArbitrary).map(([index, extra, msgId]) => {
  const frames = envelope(header(msgId, 'run_request'), { chip: 0 }, [TIMER_SETUP]);
  frames[index] = packMap({ padding: 'x'.repeat(MAX_MAP_FRAME_BYTES + extra) });
  return { kind: 'oversized-frame', frames };
});

/** Programs that are not link words: a length off the 8-byte grid, an unknown header index, set reserved bits. */
const badProgram: fc.Arbitrary<FuzzCase> = fc
  .tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 1, max: 64 }), fc.nat(), fc.uint8Array({ minLength: 8, maxLength: 256 }), msgIdArbitrary)
  .map(([flavour, words, at, random, msgId]) => {
    let program: Uint8Array;
    if (flavour === 0) program = random.length % 8 === 0 ? random.subarray(0, random.length - 1) : random;
    else {
      program = new Uint8Array(words * 8);
      for (let w = 0; w < words; w++) program.set(TIMER_SETUP, w * 8);
      const word = (at % words) * 8;
      if (flavour === 1) program[word] = 16 + (at % 100); // header index beyond the 16-row dictionary
      else program[word + 7] = 1 + (at % 255); // timing.setup has no payload: a set bit is corruption
    }
    return { kind: ['program-length', 'program-header', 'program-reserved-bits'][flavour] as string, frames: envelope(header(msgId, 'run_request'), { chip: 0 }, [program]), msgId };
  });

/** Wrong buffer counts: a run without its program, extra buffers. */
const badBuffers: fc.Arbitrary<FuzzCase> = fc.tuple(fc.integer({ min: 0, max: 4 }), fc.constantFrom('run_request', 'status_request'), msgIdArbitrary).filter(([n, type]) => (type === 'run_request' ? n !== 1 : n !== 0)).map(([n, type, msgId]) => ({
  kind: `buffers-${type}`,
  frames: envelope(header(msgId, type), type === 'run_request' ? { chip: 0 } : {}, Array.from({ length: n }, () => TIMER_SETUP)),
  msgId,
}));

/** Well-formed envelopes with a wrong chip, a reply type as request, an unknown type, a future version. */
const wrongTarget: fc.Arbitrary<FuzzCase> = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 100, max: 65_535 }), msgIdArbitrary).map(([flavour, value, msgId]) => {
  if (flavour === 0) return { kind: 'unknown-chip', frames: envelope(header(msgId, 'run_request'), { chip: value }, [TIMER_SETUP]), msgId };
  if (flavour === 1) return { kind: 'reply-as-request', frames: envelope(header(msgId, 'run_reply'), { chip: 0 }, [TIMER_SETUP]), msgId };
  if (flavour === 2) return { kind: 'unknown-type', frames: envelope(header(msgId, `x_${value}_request`), {}), msgId };
  return { kind: 'future-version', frames: envelope(header(msgId, 'status_request', { version: PROTOCOL_VERSION + 1 + (value % 10) }), {}), msgId };
});

export const malformedEnvelopeArbitrary: fc.Arbitrary<FuzzCase> = fc.oneof(badHeader, badContent, randomFrames, randomFrame, notAMap, truncated, oversizedFrame, badProgram, badBuffers, wrongTarget);

/** A program beyond the FPGA playback memory: the oversized case, built once (it is 32 MiB). */
export function oversizedProgramCase(msgId: string): FuzzCase {
  return { kind: 'program-too-large', frames: envelope(header(msgId, 'run_request'), { chip: 0 }, [new Uint8Array(MAX_PROGRAM_BYTES + 8)]), msgId };
}
