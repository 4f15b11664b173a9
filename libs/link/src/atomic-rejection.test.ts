import { describe, expect, it } from 'vitest';
import { LinkError } from './link-error.js';
import { encodeToFpga } from './to-fpga-codec.js';
import { ToFpgaWriter } from './to-fpga-writer.js';
import { FromFpgaWriter } from './from-fpga-writer.js';
import { writeTimedMadcSamples, writeTimedSpikes } from './from-fpga-event-emitter.js';

// A rejected call must leave the stream exactly as it was (docs/protocol.md §8): a half-written omnibus write or
// a partly emitted event list would be executed by the FPGA as something the caller never asked for.
describe('rejected input leaves the stream unchanged', () => {
  it('omnibusWrite with an out-of-range data word writes no orphan address message', () => {
    const writer = new ToFpgaWriter();
    expect(() => writer.omnibusWrite(0x10, 2 ** 32)).toThrow(expect.objectContaining({ code: 'out-of-range', field: 'data', range: { min: 0, max: 0xffffffff } }));
    expect(writer.messageCount).toBe(0);
    expect(writer.byteLength).toBe(0);
  });

  it('spikes with a slice that is not inside the labels is an error, not a silent drop', () => {
    const writer = new ToFpgaWriter();
    expect(() => writer.spikes([1, 2, 3], 0.5, 3)).toThrow(LinkError);
    expect(() => writer.spikes([1, 2, 3], 2, 1)).toThrow(LinkError);
    expect(() => writer.spikes([1, 2, 3], 0, 4)).toThrow(/not a slice of 3 labels/);
    expect(writer.messageCount).toBe(0);
  });

  it('timed events check every label and value before the first message', () => {
    const writer = new FromFpgaWriter();
    expect(() => writeTimedSpikes(writer, [1, 70_000], [5, 500])).toThrow(expect.objectContaining({ code: 'out-of-range', value: 70_000 }));
    expect(() => writeTimedMadcSamples(writer, [1, 2 ** 14], [5, 6])).toThrow(expect.objectContaining({ code: 'out-of-range', range: { min: 0, max: 2 ** 14 - 1 } }));
    expect(writer.byteLength).toBe(0);
  });

  it('a message that is not an object is a typed error', () => {
    expect(() => encodeToFpga([null as never])).toThrow(expect.objectContaining({ code: 'unknown-type' }));
    expect(() => encodeToFpga([42 as never])).toThrow(LinkError);
  });
});
