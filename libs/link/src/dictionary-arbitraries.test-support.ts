import fc from 'fast-check';
import { FROM_FPGA_COMPILED, type FromFpgaMessage } from './from-fpga-dictionary.js';
import { TO_FPGA_COMPILED, type ToFpgaMessage } from './to-fpga-dictionary.js';
import type { CompiledDictionary, CompiledMessage } from './ut-framing.js';

/**
 * Test generators derived from the dictionaries (STYLE item 12): every row, every field, its exact legal
 * range — so a new row is covered by every property test without touching a test.
 */

/** A legal value of a field, biased to the range ends (where off-by-one errors live). */
const fieldValue = (min: number, max: number): fc.Arbitrary<number> =>
  fc.oneof(fc.constantFrom(min, max), fc.integer({ min, max: Math.min(max, 0x7fffffff) }), fc.maxSafeNat().map((v) => min + (v % (max - min + 1))));

/** Any legal message of one row. */
export function messageOf(m: CompiledMessage): fc.Arbitrary<Record<string, unknown> & { type: string }> {
  const fields = Object.fromEntries(m.fields.map((f) => [f.name, fieldValue(f.min, f.max)]));
  return fc.record(fields).map((values) => ({ type: m.name, ...values }));
}

const anyMessage = (dictionary: CompiledDictionary) => fc.oneof(...dictionary.messages.map(messageOf));

export const toFpgaMessage = anyMessage(TO_FPGA_COMPILED) as fc.Arbitrary<ToFpgaMessage>;
export const fromFpgaMessage = anyMessage(FROM_FPGA_COMPILED) as fc.Arbitrary<FromFpgaMessage>;

/** A row, one of its fields and a value that field must reject (out of range, fractional, NaN, …). */
export function illegalField(dictionary: CompiledDictionary) {
  const rows = dictionary.messages.filter((m) => m.fields.length > 0);
  return fc
    .constantFrom(...rows)
    .chain((m) => fc.tuple(messageOf(m), fc.constantFrom(...m.fields)))
    .chain(([message, field]) =>
      fc
        .oneof(
          fc.integer({ min: field.max + 1, max: Number.MAX_SAFE_INTEGER }),
          fc.integer({ min: Number.MIN_SAFE_INTEGER, max: field.min - 1 }),
          fc.double({ min: field.min, max: field.max, noInteger: true, noNaN: true }),
          fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0.5, field.max + 0.5),
        )
        .map((bad) => ({ message: { ...message, [field.name]: bad }, field, bad })),
    );
}
