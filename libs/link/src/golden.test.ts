import { describe, expect, test } from 'vitest';
import { decodeFromFpga, encodeFromFpga } from './from-fpga-codec.js';
import { readFromFpgaEvents } from './from-fpga-timeline.js';
import { decodeToFpga, encodeToFpga } from './to-fpga-codec.js';

// Golden vectors worked out by hand from bss2-reference §5 and the hxcomm sources cited in the dictionaries.
// Conventions for every comment below: the header is one byte (1 comma bit 0 + index, rounded up to 8 bits,
// §5.1) left-aligned in the message; the payload is right-aligned; bytes are the big-endian bit stream.

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text.replaceAll(' ', ''), 'hex'));

describe('to FPGA (§5.1: 64-bit subword = one 64-bit word per message)', () => {
  const cases = [
    {
      // §5.2 index 11 → header 0x0b in bits 63..56. Payload (§5.2): address[31:0] = 0x0016_0000,
      // byteEnables[35:32] = 0xF, isRead[36] = 0. High half = 0x0b << 24 | 0xF = 0x0b00_000f;
      // low half = 0x0016_0000. Word 0x0b00_000f_0016_0000.
      name: '§5.2/§5.4 omnibus.address(0x00160000, byteEnables 0xF, write)',
      message: { type: 'omnibus.address', address: 0x0016_0000, byteEnables: 0xf, isRead: 0 },
      wire: '0b00000f 00160000',
    },
    {
      // Same, read: isRead is payload bit 36 = bit 4 of the high half: 0x0b00_000f | 0x10 = 0x0b00_001f.
      name: '§5.4 omnibus.address read sets bit 36',
      message: { type: 'omnibus.address', address: 0x0016_0000, byteEnables: 0xf, isRead: 1 },
      wire: '0b00001f 00160000',
    },
    {
      // Index 12 → 0x0c; data[31:0] = 0xdead_beef: 0x0c00_0000_dead_beef.
      name: '§5.2 omnibus.data(0xDEADBEEF)',
      message: { type: 'omnibus.data', data: 0xdead_beef },
      wire: '0c000000 deadbeef',
    },
    {
      // Index 5 → 0x05; cycles[31:0] = 1000 = 0x3e8: 0x0500_0000_0000_03e8.
      name: '§5.2 timing.waitUntil(1000)',
      message: { type: 'timing.waitUntil', cycles: 1000 },
      wire: '05000000 000003e8',
    },
    {
      // Index 7 → 0x07; mask[4:0] = omnibus = 1: 0x0700_0000_0000_0001.
      name: '§5.2 timing.barrier(omnibus)',
      message: { type: 'timing.barrier', mask: 1 },
      wire: '07000000 00000001',
    },
    {
      // Index 14 → 0x0e; 32-bit payload, first spike most significant: label0[31:16] = 0x1234,
      // label1[15:0] = 0xabcd → payload 0x1234_abcd: 0x0e00_0000_1234_abcd.
      name: '§5.2 event.spikePack2(0x1234, 0xABCD)',
      message: { type: 'event.spikePack2', label0: 0x1234, label1: 0xabcd },
      wire: '0e000000 1234abcd',
    },
    {
      // Index 15 → 0x0f; 48-bit payload: label0[47:32] = 0x0001, label1[31:16] = 0x0002, label2[15:0] = 0x0003.
      name: '§5.2 event.spikePack3(1, 2, 3)',
      message: { type: 'event.spikePack3', label0: 1, label1: 2, label2: 3 },
      wire: '0f000001 00020003',
    },
    {
      // Index 3 → 0x03 (hxcomm to_fpga_jtag.h Data): keepResponse at bit 48, numBits[47:40] = 33 = 0x21,
      // payload[32:0] = 0x1_0000_0001 (bit 32 set): high half = 0x0301_2100 | 0x1 = 0x0301_2101, low 0x0000_0001.
      name: '§5.2 jtag.data(payload 0x100000001, 33 bits, keep response)',
      message: { type: 'jtag.data', payload: 0x1_0000_0001, numBits: 33, keepResponse: 1 },
      wire: '03012101 00000001',
    },
    {
      // Index 4, no payload: just the header byte.
      name: '§5.2 timing.setup',
      message: { type: 'timing.setup' },
      wire: '04000000 00000000',
    },
  ] as const;

  for (const { name, message, wire } of cases) {
    test(name, () => {
      expect(hex(encodeToFpga([message]))).toBe(wire.replace(' ', ''));
      expect(decodeToFpga(bytes(wire))).toEqual([message]);
    });
  }
});

describe('from FPGA (§5.1: 8-bit subwords, each message at least one 64-bit phyword)', () => {
  const cases = [
    {
      // §5.3 index 1 → 0x01; data[31:0]: 0x0100_0000_dead_beef.
      name: '§5.3 omnibus.data(0xDEADBEEF)',
      messages: [{ type: 'omnibus.data', data: 0xdead_beef }],
      wire: '01000000deadbeef',
    },
    {
      // Index 5 → 0x05; cycles[42:0] = 0x123_4567_89ab (43 bit): 0x0500_0123_4567_89ab.
      name: '§5.3 systime(0x123456789AB)',
      messages: [{ type: 'systime', cycles: 0x123_4567_89ab }],
      wire: '05000123456789ab',
    },
    {
      // Index 11 → 0x0b; header 8 + payload 48 = 56 bits, padded to the 64-bit phyword (§5.1), so bits 55..48
      // are 0. Each spike is timestamp[23:16] above label[15:0] (hxcomm event_from_fpga.h Spike::encode);
      // spike 0 (ts 0x56, label 0x1234) = 0x56_1234 in payload bits 47..24, spike 1 (ts 0xef, label 0xabcd) =
      // 0xef_abcd in bits 23..0: 0x0b00_5612_34ef_abcd.
      name: '§5.3 spikePack2 (first spike most significant, timestamp above label)',
      messages: [{ type: 'spikePack2', label0: 0x1234, timestamp0: 0x56, label1: 0xabcd, timestamp1: 0xef }],
      wire: '0b00561234efabcd',
    },
    {
      // Index 7 → 0x07; value[13:0] = 0x3ff, bits 15..14 reserved 0, timestamp[23:16] = 0x20: payload 0x20_03ff.
      name: '§5.3 madcSamplePack1 (14-bit value in a 16-bit slot, timestamp above)',
      messages: [{ type: 'madcSamplePack1', value0: 0x3ff, timestamp0: 0x20 }],
      wire: '07000000002003ff',
    },
    {
      // Index 12 → 0x0c; 8 + 72 = 80 bits = 10 bytes (a multiple of the 8-bit subword, above one phyword), so
      // it spans two phywords. Spikes 0x10_0001, 0x20_0002, 0x30_0003. The stream ends 6 bytes into the second
      // phyword: the encoder pads with a comma bit then zeros (hxcomm Encoder::flush) → 0x80 00 00 00 00 00.
      name: '§5.1 spikePack3 spans two phywords, stream end padded with a comma',
      messages: [{ type: 'spikePack3', label0: 1, timestamp0: 0x10, label1: 2, timestamp1: 0x20, label2: 3, timestamp2: 0x30 }],
      wire: '0c100001200002300003 800000000000',
    },
    {
      // The next message starts right after the 80-bit pack, inside the second phyword (hxcomm Decoder packs
      // messages back to back): systime(1) occupies bytes 10..17, then 6 bytes of padding fill phyword 3.
      name: '§5.1 a message after an 80-bit pack starts mid-phyword',
      messages: [
        { type: 'spikePack3', label0: 1, timestamp0: 0x10, label1: 2, timestamp1: 0x20, label2: 3, timestamp2: 0x30 },
        { type: 'systime', cycles: 1 },
      ],
      wire: '0c100001200002300003 0500000000000001 800000000000',
    },
  ] as const;

  for (const { name, messages, wire } of cases) {
    test(name, () => {
      expect(hex(encodeFromFpga(messages))).toBe(wire.replaceAll(' ', ''));
      expect(decodeFromFpga(bytes(wire))).toEqual(messages);
    });
  }
});

describe('§5.5 event times (fisch PlaybackDecoder rule, host-clock.ts)', () => {
  test('systime(1000) then a spike with timestamp 0xD0 is at cycle 1000', () => {
    // systime sets the host clock to 1000; the spike pack message advances it to 1001. Timestamp 0xd0 = 208:
    // bits 7..1 = 104 = the cycle mod 128. 1001 with its low 7 bits replaced: 896 + 104 = 1000 ≤ 1001.
    const wire = encodeFromFpga([
      { type: 'systime', cycles: 1000 },
      { type: 'spikePack1', label0: 7, timestamp0: 0xd0 },
    ]);
    expect(readFromFpgaEvents(wire).spikes).toEqual([{ label: 7, cycles: 1000 }]);
  });

  test('a timestamp above the clock refers to the previous 128-cycle period', () => {
    // Clock 1001 again; timestamp 0xfe → 127: 896 + 127 = 1023 > 1001, so the time is 1023 − 128 = 895.
    const wire = encodeFromFpga([
      { type: 'systime', cycles: 1000 },
      { type: 'spikePack1', label0: 7, timestamp0: 0xfe },
    ]);
    expect(readFromFpgaEvents(wire).spikes).toEqual([{ label: 7, cycles: 895 }]);
  });

  test('each message advances the clock by one; sysdelta by its value plus one', () => {
    // omnibus.data: clock 1. sysdelta(9): 1 + 1 + 9 = 11. MADC pack: 12. Timestamp 0x18 → 12: 0 + 12 = 12.
    const wire = encodeFromFpga([
      { type: 'omnibus.data', data: 0 },
      { type: 'sysdelta', cycles: 9 },
      { type: 'madcSamplePack1', value0: 5, timestamp0: 0x18 },
    ]);
    expect(readFromFpgaEvents(wire).madcSamples).toEqual([{ value: 5, cycles: 12 }]);
  });
});
