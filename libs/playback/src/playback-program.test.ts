import { describe, expect, it } from 'vitest';
import { FromFpgaWriter, readFromFpgaEvents, writeTimedMadcSamples, writeTimedSpikes } from '@bss2/link';
import { AtomicNeuronOnDLS } from '@bss2/coords';
import { SpikeCounterRead } from '@bss2/regs';
import { PlaybackProgramBuilder } from './index.js';

// decodeResponse builds spike and MADC sample objects only when they are read: the result must still carry
// exactly the events of the stream, in stream order, next to the filled tickets, and hand out the same arrays on
// every read.

const timing = { executionCycles: 1234, wallMs: 0.5 };

function response(): Uint8Array {
  const writer = new FromFpgaWriter();
  writeTimedSpikes(writer, [0x0101, 0x4202, 0xc3ff, 7], [100, 130, 131, 5000]);
  writer.omnibusData(0x8000_0003);
  writeTimedMadcSamples(writer, [0x3fff, 12], [5100, 5101]);
  return writer.finish();
}

describe('PlaybackProgram.decodeResponse', () => {
  it('returns the stream’s spikes and MADC samples at their FPGA times, with the tickets filled', () => {
    const builder = new PlaybackProgramBuilder();
    const ticket = builder.read(SpikeCounterRead, AtomicNeuronOnDLS(3));
    const bytes = response();
    const result = builder.done().decodeResponse(bytes, timing);
    const expected = readFromFpgaEvents(bytes);
    expect(ticket.get()).toEqual(SpikeCounterRead.decode([0x8000_0003]));
    expect(result.spikes).toEqual([
      { label: 0x0101, cycles: 100 },
      { label: 0x4202, cycles: 130 },
      { label: 0xc3ff, cycles: 131 },
      { label: 7, cycles: 5000 },
    ]);
    expect(result.spikes).toEqual(expected.spikes);
    expect(result.madcSamples).toEqual(expected.madcSamples);
    expect(result.madcSamples.map((s) => s.value)).toEqual([0x3fff, 12]);
    expect(result.timing).toBe(timing);
  });

  it('reading the events twice gives the same arrays; a spread copy sees them too', () => {
    const builder = new PlaybackProgramBuilder();
    builder.read(SpikeCounterRead, AtomicNeuronOnDLS(0));
    const result = builder.done().decodeResponse(response(), timing);
    expect(result.spikes).toBe(result.spikes);
    expect(result.madcSamples).toBe(result.madcSamples);
    const copy = { ...result };
    expect(copy.spikes).toBe(result.spikes);
    expect(copy.madcSamples).toHaveLength(2);
  });
});
