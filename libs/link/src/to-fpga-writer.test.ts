import fc from 'fast-check';
import { describe, expect, it, test } from 'vitest';
import { BARRIER_MASK } from './constants.js';
import { decodeToFpga, encodeToFpga } from './to-fpga-codec.js';
import { ToFpgaWriter } from './to-fpga-writer.js';

describe('ToFpgaWriter', () => {
  test('spikes() uses packs of 3, then one pack for the remaining 2 or 1', () => {
    const types = (n: number): string[] =>
      decodeToFpga(new ToFpgaWriter().spikes(Array.from({ length: n }, (_, i) => i)).finish()).map((m) => m.type);
    expect(types(0)).toEqual([]);
    expect(types(5)).toEqual(['event.spikePack3', 'event.spikePack2']);
    expect(types(7)).toEqual(['event.spikePack3', 'event.spikePack3', 'event.spikePack1']);
    expect(decodeToFpga(new ToFpgaWriter().spikes([9, 8, 7, 6], 1, 3).finish())).toEqual([
      { type: 'event.spikePack2', label0: 8, label1: 7 },
    ]);
  });

  test('a typical timed program, written fluently', () => {
    const wire = new ToFpgaWriter()
      .timerSetup()
      .waitUntil(125)
      .spikes([0x10, 0x11])
      .barrier(BARRIER_MASK.omnibus)
      .loopback(0)
      .finish();
    expect(decodeToFpga(wire)).toEqual([
      { type: 'timing.setup' },
      { type: 'timing.waitUntil', cycles: 125 },
      { type: 'event.spikePack2', label0: 0x10, label1: 0x11 },
      { type: 'timing.barrier', mask: 1 },
      { type: 'system.loopback', tick: 0 },
    ]);
  });

  test('the buffer grows past its initial size, and finish() starts a fresh stream', () => {
    const writer = new ToFpgaWriter(16);
    for (let i = 0; i < 10_000; i++) writer.omnibusWrite(i, i * 3);
    expect(writer.messageCount).toBe(20_000);
    const first = writer.finish();
    expect(first.length).toBe(160_000);
    expect(decodeToFpga(first)[19_999]).toEqual({ type: 'omnibus.data', data: 29_997 });
    expect(writer.messageCount).toBe(0);
    expect(writer.omnibusData(5).finish()).toEqual(encodeToFpga([{ type: 'omnibus.data', data: 5 }]));
  });
});

describe('ToFpgaWriter.omnibusWrites (bulk path)', () => {
  it('writes exactly what one omnibusWrite per word writes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: 0xffffffff }), fc.nat({ max: 0xffffffff })), { maxLength: 50 }), (pairs) => {
        const single = new ToFpgaWriter();
        for (const [a, w] of pairs) single.omnibusWrite(a, w);
        const bulk = new ToFpgaWriter().timerSetup();
        bulk.omnibusWrites(Uint32Array.from(pairs, (p) => p[0]), Uint32Array.from(pairs, (p) => p[1])).timerSetup();
        const expected = new ToFpgaWriter().timerSetup();
        for (const [a, w] of pairs) expected.omnibusWrite(a, w);
        expected.timerSetup();
        expect(bulk.messageCount).toBe(expected.messageCount);
        expect(bulk.finish()).toEqual(expected.finish());
        expect(single.messageCount).toBe(2 * pairs.length);
      }),
    );
  });

  it('rejects arrays of different lengths without writing anything', () => {
    const writer = new ToFpgaWriter();
    expect(() => writer.omnibusWrites(new Uint32Array(2), new Uint32Array(1))).toThrow(expect.objectContaining({ code: 'length-mismatch' }));
    expect(writer.messageCount).toBe(0);
  });
});
