/**
 * The shape of a dictionary row. Both dictionaries (`to-fpga-dictionary.ts`, `from-fpga-dictionary.ts`) are
 * `as const` lists of these rows; the field engine, the codecs, the writers, the visitors, the docs page and
 * the test generators all iterate them (STYLE items 2, 3, 15). The TypeScript message and visitor types below
 * are derived from the same rows, so adding an instruction means adding one row.
 */

/** One payload field. Bit positions count from the payload's least-significant bit (payload is right-aligned). */
export interface FieldSpec {
  /** Property name on the message object, e.g. `address`. */
  readonly name: string;
  /** Position of the field's least-significant bit inside the payload. */
  readonly lsb: number;
  /** Width in bits (at most 53, so every field is an exact JavaScript number). */
  readonly width: number;
  /** Legal range when narrower than 0..2^width-1 (hxcomm's `rant` ranges), e.g. JTAG `numBits` 3..33. */
  readonly min?: number;
  readonly max?: number;
  /** Named values of a flag or enum field (e.g. barrier mask bits); they appear in the docs. */
  readonly values?: Readonly<Record<string, number>>;
  readonly doc: string;
}

/** One instruction of a dictionary. */
export interface MessageSpec {
  /** Position in the dictionary = header value on the wire (bss2-reference §5.1); checked when the table loads. */
  readonly index: number;
  /** Unique name, `group.instruction` to the FPGA (`omnibus.address`) and plain from it (`systime`). */
  readonly name: string;
  /** Payload width in bits (hxcomm `Instruction::size`). */
  readonly payloadWidth: number;
  readonly fields: readonly FieldSpec[];
  readonly doc: string;
  /** Upstream file the row's facts come from. */
  readonly source: string;
}

type Prettify<T> = { [K in keyof T]: T[K] } & {};

/** The message object of one row: `{ type, ...fields }`, every field a plain number. */
export type MessageOf<Row> = Row extends {
  readonly name: infer Name;
  readonly fields: readonly (infer F)[];
}
  ? Prettify<{ readonly type: Name } & { readonly [K in F extends { readonly name: infer N extends string } ? N : never]: number }>
  : never;

/** The union of message objects of a dictionary. */
export type MessageUnion<Dictionary extends readonly MessageSpec[]> = MessageOf<Dictionary[number]>;

/** The field values of one row as a positional tuple, in table order. */
export type FieldTuple<Row> = Row extends { readonly fields: infer F extends readonly unknown[] }
  ? { -readonly [I in keyof F]: number }
  : never;

/**
 * A visitor over a dictionary: one optional handler per row, named after the row and called with the
 * row's field values in table order, e.g. `'omnibus.address'(address, byteEnables, isRead)`. Decoding
 * with a visitor allocates no message objects (the fast path).
 */
export type VisitorOf<Dictionary extends readonly MessageSpec[]> = {
  readonly [Row in Dictionary[number] as Row['name']]?: (...fields: FieldTuple<Row>) => void;
};
