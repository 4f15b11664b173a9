import { compileField, coverage, MESSAGE_LIMBS, packFields, type CompiledField } from './field-engine.js';
import { assert } from './link-error.js';
import type { MessageSpec } from './message-spec.js';

/**
 * UT message framing (bss2-reference §5.1), the parameters of hxcomm `UTMessage`
 * [hxcomm:include/hxcomm/vx/utmessage_fwd.h, common/utmessage.h, common/utmessage_header_width.h]:
 *
 * - header width = round_up(1 comma bit + num_bits(dictionary size − 1), header alignment);
 * - message width = subword width · ceil((header + payload) / subword width), but at least one phyword,
 *   "because the UT can process at most one UT message per PHY word";
 * - the header (comma bit 0, then the index) is left-aligned, the payload right-aligned, zeros between.
 *
 * Byte order (a twin choice; hxcomm hands 64-bit words to the transport): the message stream is a bit stream,
 * most significant bit first, so each 64-bit phyword travels as 8 big-endian bytes.
 */
export interface Framing {
  readonly name: string;
  readonly headerAlignment: number;
  readonly subwordWidth: number;
  readonly phywordWidth: number;
}

/** To the FPGA: 64-bit subwords, so every message is exactly one phyword here. */
export const TO_FPGA_FRAMING: Framing = { name: 'to-FPGA', headerAlignment: 8, subwordWidth: 64, phywordWidth: 64 };

/** From the FPGA: 8-bit subwords, so a message can end inside a phyword and the next one start there. */
export const FROM_FPGA_FRAMING: Framing = { name: 'from-FPGA', headerAlignment: 8, subwordWidth: 8, phywordWidth: 64 };

/** Bytes per phyword in both directions. */
export const PHYWORD_BYTES = 8;

/** A dictionary row compiled for the field engine. */
export interface CompiledMessage {
  readonly index: number;
  readonly name: string;
  readonly spec: MessageSpec;
  /** Bits the message occupies on the wire (hxcomm `UTMessage::word_width`). */
  readonly wordWidth: number;
  readonly byteLength: number;
  readonly header: CompiledField;
  readonly fields: readonly CompiledField[];
  /** Limbs with the header set and all fields 0: the starting point of every encode. */
  readonly base: Uint32Array;
  /** Limb masks of the bits that are neither header nor field; they must be 0. */
  readonly reserved: Uint32Array;
}

/** A dictionary compiled for one direction. */
export interface CompiledDictionary {
  readonly framing: Framing;
  readonly headerWidth: number;
  readonly messages: readonly CompiledMessage[];
  readonly byName: ReadonlyMap<string, CompiledMessage>;
}

const roundUp = (value: number, multiple: number): number => Math.ceil(value / multiple) * multiple;
const numBits = (value: number): number => 32 - Math.clz32(value);

/** Compiles and checks a dictionary table when its module loads (STYLE item 5: every bit accounted for). */
export function compileDictionary(rows: readonly MessageSpec[], framing: Framing): CompiledDictionary {
  const headerWidth = roundUp(1 + numBits(rows.length - 1), framing.headerAlignment);
  const messages = rows.map((spec, position): CompiledMessage => {
    assert(spec.index === position, `${framing.name} ${spec.name}: index ${spec.index} is not its position ${position}`);
    const minimal = framing.subwordWidth * Math.ceil((headerWidth + spec.payloadWidth) / framing.subwordWidth);
    const wordWidth = Math.max(minimal, framing.phywordWidth);
    assert(wordWidth <= 32 * MESSAGE_LIMBS, `${spec.name}: ${wordWidth} bits exceed ${32 * MESSAGE_LIMBS}`);
    const header = compileField('header', wordWidth - headerWidth, headerWidth);
    const fields = spec.fields.map((f) => {
      assert(f.lsb + f.width <= spec.payloadWidth, `${spec.name}.${f.name} lies outside the ${spec.payloadWidth}-bit payload`);
      return compileField(f.name, f.lsb, f.width, f.min, f.max);
    });
    const base = new Uint32Array(MESSAGE_LIMBS);
    packFields({ name: spec.name, base, fields: [header] }, spec.index, 0, 0, 0, 0, 0, base);
    const covered = coverage([header, ...fields]);
    const reserved = new Uint32Array(MESSAGE_LIMBS);
    for (let i = 0; i < MESSAGE_LIMBS; i++) {
      const inMessage = Math.min(32, Math.max(0, wordWidth - 32 * i));
      reserved[i] = (inMessage === 32 ? 0xffffffff : 2 ** inMessage - 1) & ~covered[i]!;
    }
    return { index: spec.index, name: spec.name, spec, wordWidth, byteLength: wordWidth / 8, header, fields, base, reserved };
  });
  const byName = new Map(messages.map((m) => [m.name, m]));
  assert(byName.size === messages.length, `${framing.name}: message names are not unique`);
  return { framing, headerWidth, messages, byName };
}

/** Reads a message of `byteLength` bytes at byte `offset` (big-endian bit stream) into limbs. */
export function loadLimbs(view: DataView, offset: number, byteLength: number, limbs: Uint32Array): void {
  if (byteLength === PHYWORD_BYTES) {
    // The common case (every to-FPGA message, most from-FPGA ones): one phyword, two big-endian halves.
    limbs[0] = view.getUint32(offset + 4);
    limbs[1] = view.getUint32(offset);
    limbs[2] = 0;
    return;
  }
  let end = offset + byteLength;
  for (let i = 0; i < MESSAGE_LIMBS; i++) {
    if (end - offset >= 4) {
      end -= 4;
      limbs[i] = view.getUint32(end);
    } else {
      let top = 0;
      for (let p = offset; p < end; p++) top = top * 256 + view.getUint8(p);
      limbs[i] = top;
      end = offset;
    }
  }
}

/** Writes the low `byteLength` bytes of a message from limbs at byte `offset`, most significant byte first. */
export function storeLimbs(view: DataView, offset: number, byteLength: number, limbs: Uint32Array): void {
  if (byteLength === PHYWORD_BYTES) {
    view.setUint32(offset, limbs[1]!);
    view.setUint32(offset + 4, limbs[0]!);
    return;
  }
  let end = offset + byteLength;
  for (let i = 0; end > offset; i++) {
    const limb = limbs[i]!;
    if (end - offset >= 4) {
      end -= 4;
      view.setUint32(end, limb);
    } else {
      for (let p = end - 1, v = limb; p >= offset; p--, v >>>= 8) view.setUint8(p, v & 0xff);
      end = offset;
    }
  }
}

/** The compiled row called `name`; a missing name is a bug in this lib, not bad input. */
export function messageNamed(dictionary: CompiledDictionary, name: string): CompiledMessage {
  const m = dictionary.byName.get(name);
  assert(m !== undefined, `${dictionary.framing.name} dictionary lacks ${name}`);
  return m;
}
