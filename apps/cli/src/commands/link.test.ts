import { describe, expect, it } from 'vitest';
import { decodeHexToMessageLines, decodeHexToProgram, encodeMessagesToHex, MessageInputError } from './link.js';

describe('bss2 link encode/decode', () => {
  it('encodes JSON lines to one phyword per line and decodes them back', () => {
    const input = [
      '{"type":"timing.setup"}',
      '{"type":"omnibus.address","address":1441792,"byteEnables":15,"isRead":0}',
      '{"type":"omnibus.data","data":3735928559}',
    ].join('\n');
    const hex = encodeMessagesToHex(input, false);
    expect(hex.split('\n')).toHaveLength(3);
    expect(decodeHexToMessageLines(hex, false)).toBe(input);
  });
  it('round-trips from-FPGA messages given as a JSON array', () => {
    const messages = [{ type: 'systime', cycles: 1234 }, { type: 'omnibus.data', data: 7 }];
    const hex = encodeMessagesToHex(JSON.stringify(messages), true);
    expect(decodeHexToMessageLines(hex, true).split('\n').map((l) => JSON.parse(l) as unknown)).toEqual(messages);
  });
  it('reports bad JSON with its line and a bad header with its byte offset', () => {
    expect(() => encodeMessagesToHex('{"type":"timing.setup"}\n{oops', false)).toThrow(MessageInputError);
    expect(() => encodeMessagesToHex('{"type":"timing.setup"}\n{oops', false)).toThrow(/line 2/);
    expect(() => decodeHexToMessageLines('0000000000000000 7f00000000000000', false)).toThrow(expect.objectContaining({ code: expect.any(String), offset: 8 }));
  });
});

describe('bss2 link decode --program', () => {
  it('names the register container each write addresses', () => {
    const input = [
      '{"type":"omnibus.address","address":1245233,"byteEnables":15,"isRead":0}',
      '{"type":"omnibus.data","data":2147499968}',
      '{"type":"timing.waitUntil","cycles":125}',
    ].join('\n');
    const text = decodeHexToProgram(encodeMessagesToHex(input, false));
    expect(text).toContain('write CrossbarNode(CrossbarNodeOnDLS 24) @0x00130031 mask=16320 enableDropCounter=true');
    expect(text).toContain('wait until 125 cycles (1.000 µs)');
  });
});
