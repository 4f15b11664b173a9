import { extractField, fieldError, MESSAGE_LIMBS, type CompiledField } from './field-engine.js';
import { assert, LinkError } from './link-error.js';
import { loadLimbs, PHYWORD_BYTES, type CompiledDictionary, type CompiledMessage } from './ut-framing.js';

type Handler = (a: number, b: number, c: number, d: number, e: number, f: number) => void;

/**
 * Walks a byte stream of one direction and calls the visitor's handler for each message with its field
 * values, allocating nothing per message: the shared core of every decoder in this lib.
 *
 * Layout rules, after hxcomm's `Decoder` [hxcomm:include/hxcomm/common/decoder.tcc]:
 * - messages follow each other in the bit stream; each starts with its one-byte header (comma bit 0, index);
 * - a header byte with the comma bit set right after a message means "rest of this phyword is padding";
 *   hxcomm drops the rest of the word, we additionally require it to be exactly 0x80 then zero bytes;
 * - a message longer than the rest of its phyword continues in the next phyword.
 * Stricter than hxcomm (which skips them as idle words), a phyword that starts with the comma bit is an
 * error: no encoder emits one, so it can only be corruption.
 *
 * Everything that is not a well-formed message raises a `LinkError` with the byte offset; the visitor has
 * then seen the messages before that offset.
 */
export function decodeStream(dictionary: CompiledDictionary, bytes: Uint8Array, visitor: object): void {
  assert(dictionary.headerWidth === 8, 'the stream decoder reads one-byte headers');
  const name = dictionary.framing.name;
  const length = bytes.length;
  if (length % PHYWORD_BYTES !== 0) {
    const offset = length - (length % PHYWORD_BYTES);
    throw new LinkError('trailing-bytes', `${name}: ${length % PHYWORD_BYTES} byte(s) after the last whole 8-byte phyword`, {
      offset,
      value: length,
    });
  }
  const messages = dictionary.messages;
  const handlers = messages.map((m): Handler | undefined => {
    const h = (visitor as Readonly<Record<string, unknown>>)[m.name];
    return typeof h === 'function' ? (h as Handler) : undefined;
  });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const limbs = new Uint32Array(MESSAGE_LIMBS);
  let p = 0;
  while (p < length) {
    const header = bytes[p]!;
    if (header >= 0x80) {
      p = skipPadding(bytes, p, name);
      continue;
    }
    const m = messages[header];
    if (m === undefined) {
      throw new LinkError('unknown-header', `${name}: unknown header index ${header} at byte ${p}`, {
        offset: p,
        value: header,
        range: { min: 0, max: messages.length - 1 },
      });
    }
    if (p + m.byteLength > length) {
      throw new LinkError('truncated', `${name}: ${m.name} at byte ${p} needs ${m.byteLength} bytes, ${length - p} left`, {
        offset: p,
        messageType: m.name,
        value: length - p,
        range: { min: m.byteLength, max: m.byteLength },
      });
    }
    loadLimbs(view, p, m.byteLength, limbs);
    checkReserved(limbs, m, p);
    const fields = m.fields;
    const n = fields.length;
    const a = n > 0 ? field(limbs, m, fields[0]!, p) : 0;
    const b = n > 1 ? field(limbs, m, fields[1]!, p) : 0;
    const c = n > 2 ? field(limbs, m, fields[2]!, p) : 0;
    const d = n > 3 ? field(limbs, m, fields[3]!, p) : 0;
    const e = n > 4 ? field(limbs, m, fields[4]!, p) : 0;
    const f = n > 5 ? field(limbs, m, fields[5]!, p) : 0;
    const handler = handlers[header];
    if (handler !== undefined) handler.call(visitor, a, b, c, d, e, f);
    p += m.byteLength;
  }
}

/** Checks the end-of-phyword padding that starts at `p` (a comma byte) and returns the next phyword's offset. */
function skipPadding(bytes: Uint8Array, p: number, name: string): number {
  if (p % PHYWORD_BYTES === 0) {
    throw new LinkError('comma-set', `${name}: phyword at byte ${p} starts with the comma bit (0x${hex(bytes[p]!)})`, {
      offset: p,
      value: bytes[p],
    });
  }
  const end = p - (p % PHYWORD_BYTES) + PHYWORD_BYTES;
  for (let q = p; q < end; q++) {
    const expected = q === p ? 0x80 : 0;
    if (bytes[q] !== expected) {
      throw new LinkError('nonzero-padding', `${name}: padding byte ${q} is 0x${hex(bytes[q]!)}, expected 0x${hex(expected)}`, {
        offset: q,
        value: bytes[q],
        range: { min: expected, max: expected },
      });
    }
  }
  return end;
}

/** Rejects a message with a 1 outside its header and fields, pointing at the byte that holds it. */
function checkReserved(limbs: Uint32Array, m: CompiledMessage, p: number): void {
  const reserved = m.reserved;
  if (((limbs[0]! & reserved[0]!) | (limbs[1]! & reserved[1]!) | (limbs[2]! & reserved[2]!)) === 0) return;
  for (let i = MESSAGE_LIMBS - 1; i >= 0; i--) {
    const stray = (limbs[i]! & m.reserved[i]!) >>> 0;
    if (stray !== 0) {
      const bit = 32 * i + 31 - Math.clz32(stray);
      const offset = p + ((m.wordWidth - 1 - bit) >> 3);
      throw new LinkError('nonzero-padding', `${m.name} at byte ${p}: reserved bit ${bit} is 1`, {
        offset,
        messageType: m.name,
        value: bit,
      });
    }
  }
}

function field(limbs: Uint32Array, m: CompiledMessage, f: CompiledField, p: number): number {
  const value = extractField(limbs, f);
  if (f.narrowed && (value < f.min || value > f.max)) throw fieldError(f, value, m.name, p);
  return value;
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
