import { describe, expect, test } from 'vitest';
import { decodeFromFpga } from './from-fpga-codec.js';
import { FromFpgaWriter } from './from-fpga-writer.js';

describe('FromFpgaWriter', () => {
  test('hostClock follows the fisch rule: +1 per message, systime sets, sysdelta adds', () => {
    const writer = new FromFpgaWriter();
    expect(writer.hostClock).toBe(0);
    writer.omnibusData(1).loopback(1);
    expect(writer.hostClock).toBe(2);
    writer.systime(1000);
    expect(writer.hostClock).toBe(1000);
    writer.sysdelta(10).spikePack1(1, 0);
    expect(writer.hostClock).toBe(1012);
    writer.finish();
    expect(writer.hostClock).toBe(0);
  });

  test('the stream ends on a phyword boundary, padded after an 80-bit pack', () => {
    const writer = new FromFpgaWriter(8);
    for (let i = 0; i < 5; i++) writer.spikePack3(i, 0, i, 0, i, 0);
    expect(writer.byteLength).toBe(50);
    const wire = writer.finish();
    expect(wire.length).toBe(56);
    expect([...wire.subarray(50)]).toEqual([0x80, 0, 0, 0, 0, 0]);
    expect(decodeFromFpga(wire)).toHaveLength(5);
  });
});
