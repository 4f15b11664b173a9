import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressToContainer, allAddresses } from './address-lookup.js';
import { containers } from './containers.js';
import type { AnyContainer } from './field-engine/define-container.js';
import type { FieldDoc } from './field-engine/describe-fields.js';
import { RegsError } from './regs-error.js';
import { valueArbitrary } from '../test-support/value-arbitrary.js';

// The contract suite, generated from the registry (STYLE items 2 and 12): every container gets the same
// properties, so a new table row is tested the moment it is added.

type Value = Record<string, unknown>;

/** Illegal scalars of a field, each with the error code it must raise. */
function illegalScalars(f: FieldDoc): readonly (readonly [unknown, string])[] {
  if (f.kind === 'bool') return [[1, 'wrong-type']];
  if ('names' in f.legal) return [['no_such_member', 'unknown-enum'], [0, 'wrong-type']];
  const { min, max } = f.legal;
  return [
    [max + 1, 'out-of-range'],
    [min - 1, 'out-of-range'],
    [min + 0.5, 'not-integer'],
  ];
}

const withEntry = (v: Value, f: FieldDoc, bad: unknown): Value => {
  const isArray = Array.isArray(v[f.name]);
  return { ...v, [f.name]: isArray ? [bad, ...(v[f.name] as unknown[]).slice(1)] : bad };
};

describe.each(containers.map((c) => [c.name, c as AnyContainer] as const))('%s', (_, c) => {
  it('round-trips random in-range values: decode(encode(v)) = v', () => {
    fc.assert(
      fc.property(valueArbitrary(c), (v) => {
        expect(c.decode(c.encode(v))).toEqual(v);
      }),
    );
  });

  it('round-trips words restricted to the defined fields: encode(decode(w)) = w, or names the illegal field', () => {
    const wordsArb = fc.array(fc.nat({ max: 0xffff_ffff }), { minLength: c.words, maxLength: c.words });
    fc.assert(
      fc.property(wordsArb, (raw) => {
        const words = raw.map((w, i) => (w & (c.mask[i] as number)) >>> 0);
        const decoded = c.tryDecode(words);
        if (decoded.ok) expect(Array.from(c.encode(decoded.value))).toEqual(words);
        else expect(decoded.error).toMatchObject({ code: 'invalid-encoding', container: c.name });
      }),
    );
  });

  it('ignores reserved bits when decoding and writes them as 0', () => {
    const reserved = c.mask.map((m) => ~m >>> 0);
    const words = c.encode(c.defaults());
    expect(c.decode(words.map((w, i) => (w | (reserved[i] as number)) >>> 0))).toEqual(c.defaults());
    words.forEach((w, i) => expect(w & (reserved[i] as number)).toBe(0));
  });

  it.each(c.describe().map((f) => [f.name, f] as const))('rejects illegal %s values, naming the field and its range', (_, f) => {
    const base = c.defaults() as Value;
    for (const [bad, code] of illegalScalars(f)) {
      const value = withEntry(base, f, bad);
      expect(() => c.encode(value)).toThrow(RegsError);
      const result = c.tryEncode(value);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error).toMatchObject({ code, container: c.name, value: bad, range: f.legal });
        expect(result.error.field).toMatch(new RegExp(`^${f.name}(\\[0\\])?$`));
      }
    }
  });

  it('rejects unknown and missing fields', () => {
    expect(() => c.validate({ ...(c.defaults() as Value), noSuchField: 1 })).toThrow(expect.objectContaining({ code: 'unknown-field' }));
    for (const f of c.describe()) {
      const { [f.name]: _omitted, ...rest } = c.defaults() as Value;
      expect(() => c.validate(rest)).toThrow(expect.objectContaining({ code: 'missing-field', field: f.name }));
    }
  });

  it('has reset values that validate and survive encoding', () => {
    expect(c.decode(c.encode(c.defaults()))).toEqual(c.defaults());
  });

  it('addresses every instance with distinct 32-bit addresses that map back to it', () => {
    const coordArb = fc.integer({ min: 0, max: c.coord.size - 1 });
    fc.assert(
      fc.property(coordArb, (coord) => {
        const addresses = c.addresses(coord);
        expect(addresses).toHaveLength(c.words);
        addresses.forEach((a, word) => {
          expect(Number.isInteger(a) && a >= 0 && a <= 0xffff_ffff).toBe(true);
          expect(addressToContainer(a)).toEqual({ container: c, coord, word });
        });
      }),
    );
  });
});

describe('the registry', () => {
  it('has unique names', () => {
    expect(new Set(containers.map((c) => c.name)).size).toBe(containers.length);
  });

  it('gives every word of every instance of every container its own address', () => {
    const addresses = allAddresses();
    expect(addresses.length).toBe(containers.reduce((n, c) => n + c.coord.size * c.words, 0));
    const repeated = addresses.filter((a, i) => i > 0 && a <= (addresses[i - 1] as number));
    expect(Array.from(repeated)).toEqual([]);
  });

  it('does not resolve addresses no container lives at', () => {
    // The first two words of each 8-word neuron SRAM slot are unused (haldls v3/neuron.cpp).
    expect(addressToContainer(0x0016_0000)).toBeUndefined();
    expect(addressToContainer(0x0016_0001)).toBeUndefined();
    expect(addressToContainer(0x0016_0002)).toMatchObject({ container: { name: 'NeuronConfig' }, coord: 0, word: 0 });
    expect(addressToContainer(0x7fff_ffff)).toBeUndefined();
  });
});
