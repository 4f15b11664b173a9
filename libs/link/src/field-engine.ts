import { assert, LinkError } from './link-error.js';

/**
 * The one field engine (STYLE item 3): puts a field value into a UT message and takes it out again. Every
 * encoder and decoder of this lib — object codec, fast writers, visitor decoders, both directions — goes
 * through `packFields` / `extractField`; nothing else shifts bits.
 *
 * A message (≤ 96 bits; the longest is 80) is held as three 32-bit limbs, least significant first:
 * limbs[0] = bits 31..0, limbs[1] = bits 63..32, limbs[2] = bits 95..64. A field is compiled once, when
 * the dictionary loads, into at most two limb segments, so the hot path is two shifts and a mask with no
 * BigInt and no allocation. Values are plain numbers: fields are at most 53 bits wide.
 */

/** Number of 32-bit limbs a message occupies at most. */
export const MESSAGE_LIMBS = 3;

/** Widest field a JavaScript number holds exactly. */
export const MAX_FIELD_WIDTH = 53;

/** A field compiled to limb segments. */
export interface CompiledField {
  readonly name: string;
  /** Bit position of the field's LSB in the message (= in the right-aligned payload). */
  readonly lsb: number;
  readonly width: number;
  readonly min: number;
  readonly max: number;
  /** True when the legal range is narrower than the bits (decode must check it too). */
  readonly narrowed: boolean;
  /** Limb holding the field's LSB, the bit offset in it, and how many of the field's bits it holds. */
  readonly limb: number;
  readonly shift: number;
  readonly lowBits: number;
  /** 2^lowBits: splits a value into the low segment and the part for the next limb. */
  readonly lowScale: number;
  /** Mask of the low segment after shifting down (unsigned). */
  readonly lowMask: number;
  /** Mask of the high segment in limb + 1; 0 when the field fits one limb. */
  readonly highMask: number;
}

function ones(bits: number): number {
  return bits >= 32 ? 0xffffffff : 2 ** bits - 1;
}

/** Compiles a field at `lsb` of `width` bits with legal range min..max (default: all values of its bits). */
export function compileField(name: string, lsb: number, width: number, min = 0, max = 2 ** width - 1): CompiledField {
  assert(width >= 1 && width <= MAX_FIELD_WIDTH, `${name}: width ${width} not in 1..${MAX_FIELD_WIDTH}`);
  assert(lsb >= 0 && lsb + width <= 32 * MESSAGE_LIMBS, `${name}: bits ${lsb}+${width} exceed the message`);
  assert(min >= 0 && min <= max && max <= 2 ** width - 1, `${name}: range ${min}..${max} does not fit ${width} bits`);
  const limb = lsb >>> 5;
  const shift = lsb & 31;
  const lowBits = Math.min(width, 32 - shift);
  const highBits = width - lowBits;
  assert(highBits <= 32, `${name}: a field may span at most two limbs`);
  return {
    name,
    lsb,
    width,
    min,
    max,
    narrowed: min !== 0 || max !== 2 ** width - 1,
    limb,
    shift,
    lowBits,
    lowScale: 2 ** lowBits,
    lowMask: ones(lowBits),
    highMask: highBits === 0 ? 0 : ones(highBits),
  };
}

/** The typed error for a value the field cannot carry; `value` may be anything a caller passed. */
export function fieldError(field: CompiledField, value: unknown, messageType: string, offset?: number): LinkError {
  const range = { min: field.min, max: field.max };
  const where = `${messageType}.${field.name}`;
  const details = { messageType, field: field.name, value, range, ...(offset === undefined ? {} : { offset }) };
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    return new LinkError('not-integer', `${where} must be an integer in ${field.min}..${field.max}, got ${String(value)}`, details);
  }
  return new LinkError('out-of-range', `${where} = ${value} is out of range ${field.min}..${field.max}`, details);
}

/** True when `value` is an integer the field may carry. Written to reject NaN, strings and undefined. */
export function fieldAccepts(field: CompiledField, value: number): boolean {
  return value >= field.min && value <= field.max && Math.floor(value) === value;
}

/** What the engine needs of a message to pack it: its name (for errors), header-only limbs and fields. */
export interface FieldLayout {
  readonly name: string;
  readonly base: Uint32Array;
  readonly fields: readonly CompiledField[];
}

/**
 * Checks the field values (table order; unused trailing arguments are ignored) and packs them with the
 * header into `limbs`. A rejected value throws before `limbs` is written, so it never reaches a stream.
 * Works in locals and stores the three limbs once (measured faster than updating the limbs per field).
 */
export function packFields(
  layout: FieldLayout,
  a: number,
  b: number,
  c: number,
  d: number,
  e: number,
  f: number,
  limbs: Uint32Array,
): void {
  const base = layout.base;
  let l0 = base[0]!;
  let l1 = base[1]!;
  let l2 = base[2]!;
  const fields = layout.fields;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    const value = i === 0 ? a : i === 1 ? b : i === 2 ? c : i === 3 ? d : i === 4 ? e : f;
    if (!fieldAccepts(field, value)) throw fieldError(field, value, layout.name);
    // Split into the segment for the field's first limb and the rest for the next limb (0 if it fits one).
    let high = 0;
    let low = value;
    if (field.highMask !== 0) {
      high = Math.floor(value / field.lowScale);
      low = value - high * field.lowScale;
    }
    // `<<` works on the low 32 bits and the Uint32Array store keeps 32 bits: exactly the segment.
    low <<= field.shift;
    if (field.limb === 0) {
      l0 |= low;
      l1 |= high;
    } else if (field.limb === 1) {
      l1 |= low;
      l2 |= high;
    } else {
      l2 |= low;
    }
  }
  limbs[0] = l0;
  limbs[1] = l1;
  limbs[2] = l2;
}

/** Reads a field's value out of the limbs. */
export function extractField(limbs: Uint32Array, field: CompiledField): number {
  const low = ((limbs[field.limb]! >>> field.shift) & field.lowMask) >>> 0;
  if (field.highMask === 0) return low;
  return low + ((limbs[field.limb + 1]! & field.highMask) >>> 0) * field.lowScale;
}

/** Limb masks of the bits a set of fields covers; the engine checks all other bits of a message are 0. */
export function coverage(fields: readonly CompiledField[]): Uint32Array {
  const covered = new Uint32Array(MESSAGE_LIMBS);
  const probe = new Uint32Array(MESSAGE_LIMBS);
  const none = new Uint32Array(MESSAGE_LIMBS);
  for (const field of fields) {
    const allOnes = 2 ** field.width - 1;
    packFields({ name: field.name, base: none, fields: [{ ...field, min: 0, max: allOnes }] }, allOnes, 0, 0, 0, 0, 0, probe);
    for (let i = 0; i < MESSAGE_LIMBS; i++) {
      assert((covered[i]! & probe[i]!) === 0, `field ${field.name} overlaps another field`);
      covered[i]! |= probe[i]!;
    }
  }
  return covered;
}
