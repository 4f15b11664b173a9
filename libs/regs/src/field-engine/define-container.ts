import type { Coord, CoordType } from '@bss2/coords';
import { RegsError, tryRegs, type RegsResult } from '../regs-error.js';
import { checkTable } from './check-table.js';
import { placeStored, readStored, type CompiledField, type Scalar } from './field-codec.js';
import type { ContainerKind, ContainerSpec, FieldSpec, ValueOf, WritableOf } from './field-spec.js';
import { describeFields, type FieldDoc } from './describe-fields.js';

// The engine, written once (STYLE item 3): every container's encode, decode, validate, modify and docs come
// from its table. Word arrays are always in the container's transfer order (`writeOrder`), the order haldls'
// `addresses()`/`encode()` use, so `addresses(c)[i]` is where `encode(v)[i]` goes.

/** A register container type: its table plus the operations derived from it. */
export interface ContainerType<V = unknown, C extends number = number, W = Partial<V>> {
  readonly name: string;
  readonly coord: CoordType<string>;
  readonly words: number;
  readonly fields: readonly FieldSpec[];
  readonly kind: ContainerKind;
  readonly readable: boolean;
  readonly ref: string;
  readonly source: string;
  readonly doc: string;
  readonly addressing: string;
  /** Layout word indices in transfer (write) order. */
  readonly writeOrder: readonly number[];
  /** Bits covered by fields, per word in transfer order; the rest is reserved and written as 0. */
  readonly mask: readonly number[];
  /** Omnibus word addresses of an instance, in transfer order. */
  addresses(coord: C): readonly number[];
  /** The reset value. */
  defaults(): V;
  /** Validates and encodes to words in transfer order; never masks silently. */
  encode(value: V): Uint32Array;
  /** `encode` into `target` at `offset` (used by `Chip`). */
  encodeInto(value: V, target: Uint32Array, offset: number): void;
  tryEncode(value: V): RegsResult<Uint32Array>;
  /** Decodes words in transfer order; reserved bits are ignored, illegal stored patterns rejected. */
  decode(words: ArrayLike<number>): V;
  tryDecode(words: ArrayLike<number>): RegsResult<V>;
  /** Checks a complete value and returns it typed; throws `RegsError` naming the field and its range. */
  validate(value: unknown): V;
  /** A copy of `value` with `changes` applied; write-1-to-clear fields are not carried over. */
  modify(value: V, changes: W): V;
  /** One docs row per field. */
  describe(): readonly FieldDoc[];
}

/** Any container, seen through its table and word-level operations (what generic code like `Chip` handles). */
export type AnyContainer = ContainerType<unknown, number, unknown>;

/** The value type of a container: `ContainerValue<typeof SynapseQuad>`. */
export type ContainerValue<T> = T extends ContainerType<infer V, infer _C, infer _W> ? V : never;

/** The coordinate type of a container's instances. */
export type ContainerCoord<T> = T extends ContainerType<infer _V, infer C, infer _W> ? C : never;

type Mutable = Record<string, Scalar | readonly Scalar[]>;

/** Builds a container type from its table (checked on load). */
export function defineContainer<const Fs extends readonly FieldSpec[], N extends string, const Name extends string>(
  spec: ContainerSpec<N, Fs> & { readonly name: Name },
): ContainerType<ValueOf<Fs>, Coord<N>, WritableOf<Fs>> & { readonly name: Name; readonly fields: Fs } {
  type V = ValueOf<Fs>;
  const name = spec.name;
  const compiled = checkTable(spec);
  const byName = new Map(compiled.map((c) => [c.name, c]));
  const writeOrder = spec.writeOrder ?? Array.from({ length: spec.words }, (_, i) => i);
  const offsets = spec.wordOffsets ?? Array.from({ length: spec.words }, (_, i) => i);

  const entriesOf = (c: CompiledField, value: unknown): readonly unknown[] => {
    if (c.count === undefined) return [value];
    if (!Array.isArray(value)) {
      throw new RegsError('wrong-type', name, c.name, value, c.range, `${name}.${c.name}: expected an array of ${c.count} entries`);
    }
    if (value.length !== c.count) {
      throw new RegsError('wrong-length', name, c.name, value, c.range, `${name}.${c.name}: expected ${c.count} entries, got ${value.length}`);
    }
    return value;
  };

  const validate = (value: unknown): V => {
    if (typeof value !== 'object' || value === null) {
      throw new RegsError('wrong-type', name, undefined, value, undefined, `${name}: expected an object of fields`);
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!byName.has(key)) throw new RegsError('unknown-field', name, key, record[key], undefined, `${name} has no field '${key}'`);
    }
    for (const c of compiled) {
      if (!(c.name in record)) throw new RegsError('missing-field', name, c.name, undefined, c.range, `${name}.${c.name} is missing`);
      entriesOf(c, record[c.name]).forEach((e, i) => c.check(name, e, c.count === undefined ? c.name : `${c.name}[${i}]`));
    }
    return value as V;
  };

  const encodeInto = (value: V, target: Uint32Array, offset: number): void => {
    validate(value);
    const layout = new Uint32Array(spec.words);
    const record = value as unknown as Mutable;
    for (const c of compiled) {
      entriesOf(c, record[c.name]).forEach((e, i) => placeStored(layout, c.entries[i] ?? [], c.toStored(e as Scalar)));
    }
    writeOrder.forEach((w, i) => (target[offset + i] = layout[w] as number));
  };

  const encode = (value: V): Uint32Array => {
    const out = new Uint32Array(spec.words);
    encodeInto(value, out, 0);
    return out;
  };

  const decode = (words: ArrayLike<number>): V => {
    if (words.length !== spec.words) {
      throw new RegsError('wrong-word-count', name, undefined, words.length, { min: spec.words, max: spec.words }, `${name} has ${spec.words} words, got ${words.length}`);
    }
    const layout = new Uint32Array(spec.words);
    writeOrder.forEach((w, i) => {
      const word = words[i] as number;
      if (!Number.isInteger(word) || word < 0 || word > 0xffff_ffff) {
        throw new RegsError('out-of-range', name, undefined, word, { min: 0, max: 0xffff_ffff }, `${name}: word ${i} is not a 32-bit unsigned integer`);
      }
      layout[w] = word;
    });
    const out: Mutable = {};
    for (const c of compiled) {
      const values = c.entries.map((slices, i) => {
        const stored = readStored(layout, slices);
        const v = c.fromStored(stored);
        if (v === undefined) {
          const label = c.count === undefined ? c.name : `${c.name}[${i}]`;
          throw new RegsError('invalid-encoding', name, label, stored, c.range, `${name}.${label}: stored pattern ${stored} encodes no legal value`);
        }
        return v;
      });
      out[c.name] = c.count === undefined ? (values[0] as Scalar) : values;
    }
    return out as unknown as V;
  };

  const defaults = (): V => {
    const out: Mutable = {};
    for (const c of compiled) out[c.name] = c.count === undefined ? c.spec.reset : Array.from({ length: c.count }, () => c.spec.reset);
    return out as unknown as V;
  };

  const modify = (value: V, changes: WritableOf<Fs>): V => {
    const next: Mutable = { ...(value as unknown as Mutable) };
    const reset = defaults() as unknown as Mutable;
    for (const c of compiled) if (c.spec.access === 'w1c') next[c.name] = reset[c.name] as Scalar;
    for (const [key, v] of Object.entries(changes as Record<string, Scalar>)) {
      const c = byName.get(key);
      if (c === undefined) throw new RegsError('unknown-field', name, key, v, undefined, `${name} has no field '${key}'`);
      if (c.spec.access === 'ro') throw new RegsError('read-only', name, key, v, c.range, `${name}.${key} is read-only`);
      next[key] = v;
    }
    return validate(next);
  };

  const maskLayout = new Uint32Array(spec.words);
  compiled.forEach((c) => c.entries.forEach((slices) => placeStored(maskLayout, slices, 2 ** c.width - 1)));
  const mask = writeOrder.map((w) => maskLayout[w] as number);

  return {
    name,
    coord: spec.coord,
    words: spec.words,
    fields: spec.fields,
    kind: spec.kind,
    readable: spec.readable,
    ref: spec.ref,
    source: spec.source,
    doc: spec.doc,
    addressing: spec.addressing,
    writeOrder,
    mask,
    addresses: (coord: Coord<N>) => {
      const base = spec.base(spec.coord(coord));
      return writeOrder.map((w) => base + (offsets[w] as number));
    },
    defaults,
    encode,
    encodeInto,
    tryEncode: (value: V) => tryRegs(() => encode(value)),
    decode,
    tryDecode: (words: ArrayLike<number>) => tryRegs(() => decode(words)),
    validate,
    modify,
    describe: () => describeFields(compiled),
  };
}
