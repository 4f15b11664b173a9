import type { Coord, CoordType } from '@bss2/coords';

// The vocabulary of a register table (STYLE item 3, after tock-registers' `register_bitfields!` and svd2rust):
// a container is a const table of fields, and everything else (encode, decode, validate, modify, docs,
// contract tests) is derived from it by the engine in `define-container.ts`.

/**
 * Who may touch a field: `rw` read/write, `ro` read-only (status), `wo` write-only (a trigger that reads back
 * as nothing), `w1c` write-1-to-clear (reads a flag, writing 1 clears it; `modify` never carries it over).
 */
export type Access = 'rw' | 'ro' | 'wo' | 'w1c';

/**
 * How an integer is stored in its bits:
 * - `unsigned`: the value itself.
 * - `twos`: two's complement, range −2^(w−1)..2^(w−1)−1.
 * - `excess`: offset binary, stored = value + 2^(w−1) (haldls cadc.cpp CADCChannelConfig offset).
 * - `one-hot`: −1 stores no bit, k ≥ 0 stores bit k (haldls capmem.cpp debug row select).
 */
export type Encoding = 'unsigned' | 'twos' | 'excess' | 'one-hot';

/** A run of bits in one word: bits lsb..lsb+width−1 of layout word `word`. */
export interface Slice {
  readonly word: number;
  readonly lsb: number;
  readonly width: number;
}

/**
 * One field of a container table. A field sits either at one slice (`word`, `lsb`, `width`) or, when the chip
 * splits it, at several (`bits`, listed from the value's least significant part upwards).
 */
export interface FieldSpec {
  /** The key in the container value (camelCase). */
  readonly name: string;
  readonly word?: number;
  readonly lsb?: number;
  readonly width?: number;
  readonly bits?: readonly Slice[];
  /** `bool` for single-bit flags; omitted for integers and enums. */
  readonly type?: 'bool';
  /** Enum fields are set by name; the record maps each name to its stored code. */
  readonly enum?: Readonly<Record<string, number>>;
  readonly encoding?: Encoding;
  /** Narrower legal range than the bits allow (e.g. CapMem values 0..1023 in 10 bits, prescale 0..6). */
  readonly min?: number;
  readonly max?: number;
  /** The chip stores the bitwise complement (haldls neuron.tcc address_out, refractory_time). */
  readonly invert?: boolean;
  /** Bit wiring: stored bit i is bit `permutation[i]` of the (encoded, inverted) value (§1.5 weights). */
  readonly permutation?: readonly number[];
  /** Per-entry array: `count` entries, entry i shifted by i·`stride` bits and i·`wordStride` words. */
  readonly count?: number;
  readonly stride?: number;
  readonly wordStride?: number;
  readonly access: Access;
  /** Reset (default) value of the field, or of every entry of an array field. */
  readonly reset: boolean | number | string;
  readonly doc: string;
}

/**
 * What a container is for, which decides where it lives: `config` is static configuration held by `Chip`;
 * `control` is written at run time (PPU run control); `trigger` is a write-only action (fires an event,
 * resets a counter); `status` is read-only state reported by the chip.
 */
export type ContainerKind = 'config' | 'control' | 'trigger' | 'status';

/** A container table: identity, addressing and fields, declared once as data. */
export interface ContainerSpec<N extends string = string, Fs extends readonly FieldSpec[] = readonly FieldSpec[]> {
  readonly name: string;
  /** The coordinate type the container is addressed by. */
  readonly coord: CoordType<N>;
  /** Number of 32-bit words. */
  readonly words: number;
  readonly fields: Fs;
  readonly kind: ContainerKind;
  /** False where the chip cannot read the container back (reference §5.6, haldls `unsupported_read_targets`). */
  readonly readable: boolean;
  /** Omnibus address of layout word 0 of an instance (composed from `omnibus-address-map.ts`). */
  readonly base: (coord: Coord<N>) => number;
  /** How `base` is composed, for the docs. */
  readonly addressing: string;
  /** Address offset of each layout word from `base`; default 0, 1, 2, … */
  readonly wordOffsets?: readonly number[];
  /** Layout word indices in the order they must be written; default 0, 1, 2, … (haldls background.cpp). */
  readonly writeOrder?: readonly number[];
  /** Reference section, e.g. `§1.2`. */
  readonly ref: string;
  /** Upstream file the bit layout was taken from. */
  readonly source: string;
  readonly doc: string;
}

type ScalarOf<F> = F extends { readonly type: 'bool' }
  ? boolean
  : F extends { readonly enum: infer E }
    ? keyof E & string
    : number;

/** The JavaScript value of one field: a scalar, or a readonly array for per-entry fields. */
export type FieldValue<F> = F extends { readonly count: number } ? readonly ScalarOf<F>[] : ScalarOf<F>;

/** The value of a whole container, derived from its field table. */
export type ValueOf<Fs extends readonly FieldSpec[]> = {
  readonly [F in Fs[number] as F['name']]: FieldValue<F>;
};

/** The fields `modify` may change: every field except read-only ones (STYLE item 4: no setter for `ro`). */
export type WritableOf<Fs extends readonly FieldSpec[]> = {
  readonly [F in Fs[number] as F['access'] extends 'ro' ? never : F['name']]?: FieldValue<F>;
};
