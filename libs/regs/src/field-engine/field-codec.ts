import { RegsError, type RegsRange } from '../regs-error.js';
import type { Encoding, FieldSpec, Slice } from './field-spec.js';

// One field of a table compiled into what the engine needs at run time: where each entry's bits sit, its legal
// range, and the two conversions value ⇄ stored bits. All bit arithmetic of the library lives here and in
// `define-container.ts`; container files only declare tables.

/** A field scalar as seen by the engine before the table's types narrow it. */
export type Scalar = boolean | number | string;

export interface CompiledField {
  readonly spec: FieldSpec;
  readonly name: string;
  readonly kind: 'bool' | 'enum' | 'int';
  /** Entries of a per-entry array field; `undefined` for a scalar field. */
  readonly count: number | undefined;
  /** Stored bits per entry. */
  readonly width: number;
  readonly encoding: Encoding;
  /** Legal values of one entry. */
  readonly range: RegsRange;
  /** Absolute slices of each entry, least significant part first. */
  readonly entries: readonly (readonly Slice[])[];
  /** Throws `RegsError` unless `value` is a legal scalar of this field. */
  check(container: string, value: unknown, label: string): void;
  /** The stored bit pattern of a legal scalar (encoding, inversion and permutation applied). */
  toStored(value: Scalar): number;
  /** The scalar a stored pattern means, or `undefined` if no legal value encodes to it. */
  fromStored(stored: number): Scalar | undefined;
}

// Stored patterns are at most 32 bits, so `>>>` (which works on uint32) is exact for them; powers of two come
// from a table because `2 ** n` dominates the encode profile otherwise.
const powers = Float64Array.from({ length: 33 }, (_, i) => 2 ** i);
const pow2 = (n: number): number => powers[n] as number;
const bit = (value: number, index: number): number => (value >>> index) & 1;

/** Bits lsb..lsb+width−1 of a 32-bit word. */
function extractBits(word: number, lsb: number, width: number): number {
  return width === 32 ? word >>> 0 : (word >>> lsb) & (pow2(width) - 1);
}

/** `word` with `part` (already < 2^width) placed at lsb; the target bits must be zero. */
function insertBits(word: number, lsb: number, part: number): number {
  return (word | (part << lsb)) >>> 0;
}

function encodingRange(encoding: Encoding, width: number): { min: number; max: number } {
  switch (encoding) {
    case 'unsigned':
      return { min: 0, max: pow2(width) - 1 };
    case 'twos':
    case 'excess':
      return { min: -pow2(width - 1), max: pow2(width - 1) - 1 };
    case 'one-hot':
      return { min: -1, max: width - 1 };
  }
}

function encodeInt(encoding: Encoding, width: number, value: number): number {
  switch (encoding) {
    case 'unsigned':
      return value;
    case 'twos':
      return value < 0 ? value + pow2(width) : value;
    case 'excess':
      return value + pow2(width - 1);
    case 'one-hot':
      return value < 0 ? 0 : pow2(value);
  }
}

function decodeInt(encoding: Encoding, width: number, stored: number): number | undefined {
  switch (encoding) {
    case 'unsigned':
      return stored;
    case 'twos':
      return stored >= pow2(width - 1) ? stored - pow2(width) : stored;
    case 'excess':
      return stored - pow2(width - 1);
    case 'one-hot': {
      if (stored === 0) return -1;
      const k = Math.log2(stored);
      return Number.isInteger(k) ? k : undefined;
    }
  }
}

function slicesOf(spec: FieldSpec): readonly Slice[] {
  if (spec.bits !== undefined) return spec.bits;
  return [{ word: spec.word ?? -1, lsb: spec.lsb ?? -1, width: spec.width ?? 0 }];
}

/** Compiles a table row; the table checks in `check-table.ts` have already vetted its shape. */
export function compileField(spec: FieldSpec): CompiledField {
  const base = slicesOf(spec);
  const width = base.reduce((sum, s) => sum + s.width, 0);
  const kind = spec.type === 'bool' ? 'bool' : spec.enum !== undefined ? 'enum' : 'int';
  const encoding = spec.encoding ?? 'unsigned';
  const natural = encodingRange(encoding, width);
  const intRange = { min: spec.min ?? natural.min, max: spec.max ?? natural.max };
  const names = spec.enum === undefined ? [] : Object.keys(spec.enum);
  const byCode = new Map(names.map((n) => [spec.enum?.[n] as number, n]));
  const range: RegsRange = kind === 'enum' ? { names } : kind === 'bool' ? { min: 0, max: 1 } : intRange;
  const mask = pow2(width) - 1;
  const perm = spec.permutation;
  const count = spec.count;
  const entries = Array.from({ length: count ?? 1 }, (_, i) =>
    base.map((s) => ({ word: s.word + i * (spec.wordStride ?? 0), lsb: s.lsb + i * (spec.stride ?? 0), width: s.width })),
  );

  const permute = (v: number): number => (perm === undefined ? v : perm.reduce((out, from, i) => (out | (bit(v, from) << i)) >>> 0, 0));
  const unpermute = (s: number): number => (perm === undefined ? s : perm.reduce((out, from, i) => (out | (bit(s, i) << from)) >>> 0, 0));
  const invert = (v: number): number => (spec.invert === true ? mask - v : v);

  const check = (container: string, value: unknown, label: string): void => {
    const fail = (code: 'wrong-type' | 'unknown-enum' | 'not-integer' | 'out-of-range', what: string): never => {
      throw new RegsError(code, container, label, value, range, `${container}.${label}: ${what}`);
    };
    if (kind === 'bool') {
      if (typeof value !== 'boolean') fail('wrong-type', `expected a boolean, got ${typeof value}`);
    } else if (kind === 'enum') {
      if (typeof value !== 'string') fail('wrong-type', `expected one of ${names.join(', ')}, got ${typeof value}`);
      if (!names.includes(value as string)) fail('unknown-enum', `'${String(value)}' is not one of ${names.join(', ')}`);
    } else {
      if (typeof value !== 'number') fail('wrong-type', `expected a number, got ${typeof value}`);
      if (!Number.isInteger(value)) fail('not-integer', `${String(value)} is not an integer in ${intRange.min}..${intRange.max}`);
      const n = value as number;
      if (n < intRange.min || n > intRange.max) fail('out-of-range', `${n} is out of range ${intRange.min}..${intRange.max}`);
    }
  };

  const toStored = (value: Scalar): number => {
    const raw = kind === 'bool' ? (value ? 1 : 0) : kind === 'enum' ? (spec.enum?.[value as string] as number) : encodeInt(encoding, width, value as number);
    return permute(invert(raw));
  };

  const fromStored = (stored: number): Scalar | undefined => {
    const raw = invert(unpermute(stored));
    if (kind === 'bool') return raw === 1;
    if (kind === 'enum') return byCode.get(raw);
    const v = decodeInt(encoding, width, raw);
    return v === undefined || v < intRange.min || v > intRange.max ? undefined : v;
  };

  return { spec, name: spec.name, kind, count, width, encoding, range, entries, check, toStored, fromStored };
}

/** Writes the stored pattern of one entry into layout words (the target bits must be zero). */
export function placeStored(layout: Uint32Array, slices: readonly Slice[], stored: number): void {
  let offset = 0;
  for (const s of slices) {
    const part = s.width === 32 ? stored : (stored >>> offset) & (pow2(s.width) - 1);
    layout[s.word] = insertBits(layout[s.word] as number, s.lsb, part);
    offset += s.width;
  }
}

/** Reads the stored pattern of one entry from layout words. */
export function readStored(layout: ArrayLike<number>, slices: readonly Slice[]): number {
  let stored = 0;
  let offset = 0;
  for (const s of slices) {
    stored += extractBits(layout[s.word] as number, s.lsb, s.width) * pow2(offset);
    offset += s.width;
  }
  return stored;
}
