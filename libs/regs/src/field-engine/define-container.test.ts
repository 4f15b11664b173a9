import { defineCoord } from '@bss2/coords';
import { describe, expect, it } from 'vitest';
import { RegsError } from '../regs-error.js';
import { defineContainer, type ContainerType, type ContainerValue } from './define-container.js';
import type { FieldSpec } from './field-spec.js';

// The engine on synthetic tables: every table feature once, with hand-computed words.

const TestOnDLS = defineCoord('TestOnDLS', 3);

const Demo = defineContainer({
  name: 'Demo',
  coord: TestOnDLS,
  words: 2,
  kind: 'config',
  readable: true,
  base: (c) => 0x1000 + 0x10 * c,
  addressing: '0x1000 + 0x10 · c',
  wordOffsets: [0, 8],
  writeOrder: [1, 0],
  ref: '§test',
  source: 'synthetic',
  doc: 'Every engine feature once.',
  fields: [
    { name: 'twos', word: 0, lsb: 0, width: 4, encoding: 'twos', access: 'rw', reset: 0, doc: 'two’s complement' },
    { name: 'excess', word: 0, lsb: 4, width: 4, encoding: 'excess', access: 'rw', reset: 0, doc: 'offset binary' },
    { name: 'inverted', word: 0, lsb: 8, width: 4, invert: true, access: 'rw', reset: 0, doc: 'stored complemented' },
    { name: 'mode', word: 0, lsb: 12, width: 2, enum: { off: 0, slow: 1, fast: 3 }, access: 'rw', reset: 'off', doc: 'sparse enum' },
    { name: 'hot', word: 0, lsb: 16, width: 4, encoding: 'one-hot', permutation: [3, 2, 1, 0], access: 'rw', reset: -1, doc: 'reversed one-hot' },
    { name: 'split', bits: [{ word: 1, lsb: 28, width: 2 }, { word: 0, lsb: 30, width: 2 }], access: 'rw', reset: 0, doc: 'split over two words' },
    { name: 'pairs', word: 1, lsb: 0, width: 3, count: 3, stride: 4, max: 5, access: 'rw', reset: 1, doc: 'per-entry array' },
    { name: 'status', word: 1, lsb: 16, width: 1, type: 'bool', access: 'ro', reset: false, doc: 'read-only' },
    { name: 'clear', word: 1, lsb: 17, width: 1, type: 'bool', access: 'w1c', reset: false, doc: 'write 1 to clear' },
  ],
});

const value = {
  twos: -1,
  excess: -8,
  inverted: 0b0011,
  mode: 'fast',
  hot: 0,
  split: 0b1110,
  pairs: [5, 0, 3],
  status: false,
  clear: true,
} as const;

describe('defineContainer', () => {
  it('encodes every feature as the table says', () => {
    // w0: twos −1 → 0xF; excess −8 → 0; inverted 3 → 0xC << 8; mode fast → 3 << 12; hot 0 → bit 0 of the
    // one-hot, reversed to bit 3 → 0x8 << 16; split 0b1110: low part 0b10 → w1[29:28], high 0b11 → w0[31:30].
    // w1: pairs 5 | 0 << 4 | 3 << 8 = 0x305; split low part 2 << 28; clear bit 17.
    const w0 = (0xf | (0xc << 8) | (3 << 12) | (0x8 << 16) | (0b11 << 30)) >>> 0;
    const w1 = (0x305 | (1 << 17) | (0b10 << 28)) >>> 0;
    expect(Array.from(Demo.encode(value))).toEqual([w1, w0]);
    expect(Demo.decode([w1, w0])).toEqual(value);
  });

  it('addresses words through wordOffsets, in write order', () => {
    expect(Demo.addresses(TestOnDLS(2))).toEqual([0x1028, 0x1020]);
    expect(() => Demo.addresses(7 as never)).toThrow(/out of range/);
  });

  it('rejects stored patterns that encode no legal value', () => {
    const good = Demo.encode(value);
    const badEnum = Uint32Array.from(good);
    badEnum[1] = ((badEnum[1] as number) & ~(3 << 12)) | (2 << 12);
    expect(() => Demo.decode(badEnum)).toThrow(expect.objectContaining({ code: 'invalid-encoding', field: 'mode' }));
    const twoHot = Uint32Array.from(good);
    twoHot[1] = (twoHot[1] as number) | (0x3 << 16);
    expect(() => Demo.decode(twoHot)).toThrow(expect.objectContaining({ code: 'invalid-encoding', field: 'hot' }));
    const tooBig = Uint32Array.from(good);
    tooBig[0] = (tooBig[0] as number) | 0x7;
    expect(Demo.tryDecode(tooBig)).toMatchObject({ ok: false, error: { code: 'invalid-encoding', field: 'pairs[0]', value: 7, range: { min: 0, max: 5 } } });
    expect(() => Demo.decode([0])).toThrow(expect.objectContaining({ code: 'wrong-word-count' }));
    expect(() => Demo.decode([1.5, 0])).toThrow(expect.objectContaining({ code: 'out-of-range' }));
  });

  it('rejects bad values with the field and the range, never masking', () => {
    const attempt = (changes: object) => Demo.tryEncode({ ...value, ...changes } as never);
    expect(attempt({ twos: 8 })).toMatchObject({ ok: false, error: { code: 'out-of-range', field: 'twos', range: { min: -8, max: 7 } } });
    expect(attempt({ mode: 'medium' })).toMatchObject({ ok: false, error: { code: 'unknown-enum', range: { names: ['off', 'slow', 'fast'] } } });
    expect(attempt({ pairs: [1, 2] })).toMatchObject({ ok: false, error: { code: 'wrong-length', field: 'pairs' } });
    expect(attempt({ pairs: [1, 6, 2] })).toMatchObject({ ok: false, error: { code: 'out-of-range', field: 'pairs[1]' } });
    expect(attempt({ hot: -2 })).toMatchObject({ ok: false, error: { code: 'out-of-range', range: { min: -1, max: 3 } } });
    expect(() => Demo.validate(null)).toThrow(RegsError);
  });

  it('modify keeps other fields, refuses read-only ones and never carries write-1-to-clear bits over', () => {
    const next = Demo.modify(value, { twos: 3 });
    expect(next).toEqual({ ...value, twos: 3, clear: false });
    expect(() => Demo.modify(value, { status: true } as never)).toThrow(expect.objectContaining({ code: 'read-only', field: 'status' }));
    expect(() => Demo.modify(value, { nope: 1 } as never)).toThrow(expect.objectContaining({ code: 'unknown-field' }));
  });

  it('starts from the reset values and documents every field', () => {
    expect(Demo.defaults()).toEqual({ twos: 0, excess: 0, inverted: 0, mode: 'off', hot: -1, split: 0, pairs: [1, 1, 1], status: false, clear: false });
    const split = Demo.describe().find((f) => f.name === 'split');
    expect(split).toMatchObject({ location: 'w1[29:28] + w0[31:30]', width: 4, encoding: 'unsigned', range: '0..15' });
    expect(Demo.describe().find((f) => f.name === 'pairs')).toMatchObject({ location: 'w1[2:0], w1[6:4], w1[10:8]', count: 3 });
  });
});

describe('the derived types', () => {
  it('type values from the table and fit generic ContainerType<V> code', () => {
    const v: ContainerValue<typeof Demo> = Demo.defaults();
    const mode: 'off' | 'slow' | 'fast' = v.mode;
    const pairs: readonly number[] = v.pairs;
    // @ts-expect-error read-only fields have no setter in modify
    expect(() => Demo.modify(v, { status: true })).toThrow(RegsError);
    const firstAddress = <V>(type: ContainerType<V>, coord: number, value: V): number => {
      type.encode(value);
      return type.addresses(coord)[0] as number;
    };
    expect([mode, pairs.length, firstAddress(Demo, 2, v)]).toEqual(['off', 3, 0x1028]);
  });
});

describe('table checks', () => {
  const table = (fields: readonly FieldSpec[], extra: object = {}) => () =>
    defineContainer({ name: 'Bad', coord: TestOnDLS, words: 1, kind: 'config', readable: true, base: () => 0, addressing: '0', ref: '', source: '', doc: '', fields, ...extra });
  const a = { name: 'a', word: 0, lsb: 0, width: 4, access: 'rw', reset: 0, doc: '' } as const;

  it('accepts a sound table', () => {
    expect(table([a])).not.toThrow();
  });

  it.each([
    ['overlapping fields', [a, { ...a, name: 'b', lsb: 3 }], {}, /claimed by a and b/],
    ['a field past bit 31', [{ ...a, lsb: 30 }], {}, /outside the word/],
    ['a field in a missing word', [{ ...a, word: 1 }], {}, /outside 0..0/],
    ['a bad permutation', [{ ...a, permutation: [0, 1, 1, 2] }], {}, /permutation/],
    ['an illegal reset', [{ ...a, reset: 16 }], {}, /out of range/],
    ['a range the bits cannot hold', [{ ...a, max: 20 }], {}, /not representable/],
    ['a bad write order', [a], { writeOrder: [1] }, /writeOrder/],
    ['duplicate names', [a, { ...a, lsb: 8 }], {}, /duplicate/],
  ] as const)('rejects %s', (_, fields, extra, message) => {
    expect(table(fields, extra)).toThrow(message);
  });
});
