import { describe, expect, it } from 'vitest';
import { FromFpgaTimeline, FromFpgaWriter, decodeFromFpgaInto, writeTimedMadcSamples, writeTimedSpikes } from '@bss2/link';
import { FpgaRecorder } from './fpga-recorder.js';

// The recorder keeps its columns across programs (reference §5.7: events in time order, written before the next
// response): what it writes must be exactly what the link's writer makes of the same events, however many there
// are, and a flush must leave nothing behind for the next program.

/** A deterministic event train: `n` events, 0..40 cycles apart, ids from a small LCG. */
function train(n: number, seed: number, idBits: number): { ids: number[]; cycles: number[] } {
  let state = seed >>> 0;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
  const ids: number[] = [];
  const cycles: number[] = [];
  let t = 1000;
  for (let i = 0; i < n; i++) {
    t += next() % 41;
    ids.push(next() >>> (32 - idBits));
    cycles.push(t);
  }
  return { ids, cycles };
}

describe('FpgaRecorder', () => {
  it('writes the same bytes as the link writer for the same spikes and MADC samples, past its initial capacity', () => {
    for (const n of [1, 2, 3, 1023, 1024, 1025, 5000]) {
      const spikes = train(n, n, 16);
      const madc = train(Math.ceil(n / 7), n + 1, 14);
      const recorder = new FpgaRecorder();
      for (let i = 0; i < n; i++) recorder.spike(spikes.ids[i]!, spikes.cycles[i]!);
      recorder.madcSamples(madc.ids, madc.cycles);
      const recorded = new FromFpgaWriter();
      recorder.flush(recorded);

      const direct = new FromFpgaWriter();
      writeTimedSpikes(direct, spikes.ids, spikes.cycles);
      writeTimedMadcSamples(direct, madc.ids, madc.cycles);
      expect(recorded.finish(), `${n} events`).toEqual(direct.finish());
    }
  });

  it('a flush forgets what it wrote: the next program starts empty', () => {
    const recorder = new FpgaRecorder();
    for (let i = 0; i < 2000; i++) recorder.spike(i & 0xffff, 10 * i);
    recorder.flush(new FromFpgaWriter());
    recorder.spike(0x1234, 77);
    const writer = new FromFpgaWriter();
    recorder.flush(writer);
    const timeline = new FromFpgaTimeline();
    decodeFromFpgaInto(writer.finish(), timeline);
    expect(timeline.spikes).toEqual([{ label: 0x1234, cycles: 77 }]);
  });

  it('a label the link cannot carry is rejected with a LinkError naming it, not wrapped, and the stream stays unchanged', () => {
    const recorder = new FpgaRecorder();
    recorder.spike(5, 10);
    recorder.spike(0x1_0000, 20);
    const writer = new FromFpgaWriter();
    expect(() => recorder.flush(writer)).toThrow(expect.objectContaining({ code: 'out-of-range', value: 0x1_0000 }));
    expect(writer.messageCount).toBe(0);
    // The executor clears the recorder after a failed program; then nothing is left to write.
    recorder.clear();
    recorder.flush(writer);
    expect(writer.messageCount).toBe(0);
  });
});
