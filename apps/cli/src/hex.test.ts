import { describe, expect, it } from 'vitest';
import { bytesToHexLines, HexFormatError, hexToBytes } from './hex.js';

describe('hex trace format', () => {
  it('round-trips phyword lines', () => {
    const bytes = Uint8Array.from({ length: 24 }, (_, i) => i * 11);
    const text = bytesToHexLines(bytes);
    expect(text.split('\n')).toHaveLength(3);
    expect(hexToBytes(text)).toEqual(bytes);
  });
  it('accepts 0x prefixes, whitespace and comments', () => {
    expect(hexToBytes('0x0b 00  # header\n  ff')).toEqual(Uint8Array.of(0x0b, 0x00, 0xff));
  });
  it('names the offending character', () => {
    expect(() => hexToBytes('0b0z')).toThrow(HexFormatError);
    expect(() => hexToBytes('0b0z')).toThrow(/"z" at character 3/);
    expect(() => hexToBytes('abc')).toThrow(/odd number/);
    expect(() => hexToBytes('0x1 x1')).toThrow(/"x" at character 4/);
    expect(() => hexToBytes('00\n0x0g')).toThrow(/"g" at character 6/);
  });
});
