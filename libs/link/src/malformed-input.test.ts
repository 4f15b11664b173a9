import { describe, expect, test } from 'vitest';
import { tryDecodeFromFpga } from './from-fpga-codec.js';
import { LinkError, type LinkErrorCode } from './link-error.js';
import { encodeToFpga, toFpgaSpikePack, tryDecodeToFpga } from './to-fpga-codec.js';
import { ToFpgaWriter } from './to-fpga-writer.js';

const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text.replaceAll(' ', ''), 'hex'));

function expectError(f: () => unknown, code: LinkErrorCode, details: Partial<LinkError> = {}): void {
  let error: unknown;
  try {
    f();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(LinkError);
  expect(error).toMatchObject({ code, ...details });
}

describe('malformed to-FPGA input', () => {
  const cases: [string, string, LinkErrorCode, Partial<LinkError>][] = [
    ['header index 16 is past the 16-row dictionary', '0c000000deadbeef 1000000000000000', 'unknown-header', { offset: 8, value: 16 }],
    ['comma bit set', '8c000000deadbeef', 'comma-set', { offset: 0 }],
    ['length not a multiple of 8', '0c000000deadbeef 0c00', 'trailing-bytes', { offset: 8 }],
    ['a 1 between header and omnibus.data payload (bit 32 → byte 3)', '0c000001deadbeef', 'nonzero-padding', { offset: 3, value: 32 }],
    ['jtag.data padding bit 33 (byte 3)', '0301210200000000', 'nonzero-padding', { offset: 3, value: 33 }],
    ['jtag.data numBits 2 < 3', '0300020000000000', 'out-of-range', { offset: 0, field: 'numBits', value: 2 }],
  ];
  for (const [name, wire, code, details] of cases) {
    test(name, () => {
      const result = tryDecodeToFpga(bytes(wire));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatchObject({ code, ...details });
    });
  }
});

describe('malformed from-FPGA input', () => {
  const cases: [string, string, LinkErrorCode, Partial<LinkError>][] = [
    ['header index 13 is past the 13-row dictionary', '0d00000000000000', 'unknown-header', { offset: 0, value: 13 }],
    ['a phyword starting with the comma bit', '8000000000000000', 'comma-set', { offset: 0 }],
    ['an 80-bit spikePack3 cut off after its first phyword', '0c10000120000230', 'truncated', { offset: 0, messageType: 'spikePack3' }],
    ['a message starting in the last 6 bytes of a phyword cut off', '0c100001200002300003 010000000000', 'truncated', { offset: 10 }],
    ['padding after the comma is not zero', '0c100001200002300003 800000000100', 'nonzero-padding', { offset: 14 }],
    ['padding comma byte with extra bits', '0c100001200002300003 c00000000000', 'nonzero-padding', { offset: 10 }],
    ['MADC reserved bit 15 set (byte 6)', '0700000000208000', 'nonzero-padding', { offset: 6, value: 15 }],
    ['length not a multiple of 8', '01000000deadbeef 01', 'trailing-bytes', { offset: 8 }],
  ];
  for (const [name, wire, code, details] of cases) {
    test(name, () => {
      const result = tryDecodeFromFpga(bytes(wire));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatchObject({ code, ...details });
    });
  }
});

describe('values the encoders reject', () => {
  test('a 33-bit omnibus address', () => {
    expectError(() => new ToFpgaWriter().omnibusWrite(2 ** 32, 0), 'out-of-range', {
      messageType: 'omnibus.address',
      field: 'address',
      value: 2 ** 32,
      range: { min: 0, max: 0xffffffff },
    });
  });

  test('a spike label above 0xFFFF', () => {
    expectError(() => new ToFpgaWriter().spikes([1, 2, 0x1_0000]), 'out-of-range', { field: 'label2', range: { min: 0, max: 0xffff } });
  });

  test('spike packs of 0 or 4 labels', () => {
    expectError(() => toFpgaSpikePack([]), 'out-of-range', { field: 'count', value: 0, range: { min: 1, max: 3 } });
    expectError(() => toFpgaSpikePack([1, 2, 3, 4]), 'out-of-range', { value: 4 });
    expectError(() => new ToFpgaWriter().spikePack([1, 2, 3, 4]), 'out-of-range', { value: 4 });
  });

  test('a missing field and an unknown type', () => {
    expectError(() => encodeToFpga([{ type: 'omnibus.data' } as never]), 'not-integer', { field: 'data', value: undefined });
    expectError(() => encodeToFpga([{ type: 'omnibus.dat', data: 1 } as never]), 'unknown-type', { value: 'omnibus.dat' });
  });

  test('a rejected message leaves the stream as it was', () => {
    const writer = new ToFpgaWriter().omnibusData(1);
    expect(() => writer.omnibusAddress(0, 16, 0)).toThrow(LinkError);
    expect(writer.messageCount).toBe(1);
    expect(writer.finish()).toEqual(encodeToFpga([{ type: 'omnibus.data', data: 1 }]));
  });
});
