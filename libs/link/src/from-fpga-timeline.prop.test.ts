import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fromFpgaMessage } from './dictionary-arbitraries.test-support.js';
import { decodeFromFpga, decodeFromFpgaInto, encodeFromFpga } from './from-fpga-codec.js';
import type { FromFpgaMessage } from './from-fpga-dictionary.js';
import { writeTimedMadcSamples, writeTimedSpikes } from './from-fpga-event-emitter.js';
import { FromFpgaTimeline, readFromFpgaEvents } from './from-fpga-timeline.js';
import { FromFpgaWriter } from './from-fpga-writer.js';
import { FPGA_TIME_MAX } from './host-clock.js';
import { LinkError } from './link-error.js';

/**
 * Independent oracle: fisch PlaybackDecoder [fisch:src/fisch/vx/playback_decoder.cpp] transcribed with
 * BigInt and its own bit operations — `m_time_current + 1` per message, Systime sets, Sysdelta adds, and
 * calculate_chip_time = ((now >> 7) << 7) | (timestamp / 2), minus 2^7 masked to 43 bits if later than now.
 */
function fischEventTimes(messages: readonly FromFpgaMessage[]): { spikes: bigint[]; madc: bigint[] } {
  const max = (1n << 43n) - 1n;
  let now = 0n;
  const spikes: bigint[] = [];
  const madc: bigint[] = [];
  const chipTime = (timestamp: number): bigint => {
    const t = ((now >> 7n) << 7n) | (BigInt(timestamp) / 2n);
    return t > now ? (t - 128n) & max : t;
  };
  for (const m of messages) {
    now += 1n;
    const fields = m as unknown as Record<string, number>;
    if (m.type === 'systime') now = BigInt(m.cycles);
    if (m.type === 'sysdelta') now += BigInt(m.cycles);
    for (let k = 0; `timestamp${k}` in fields; k++) {
      (m.type.startsWith('spike') ? spikes : madc).push(chipTime(fields[`timestamp${k}`]!));
    }
  }
  return { spikes, madc };
}

// Headroom below the 43-bit end: the messages written after an event still advance the host clock.
const LATEST = FPGA_TIME_MAX - 1000;
const time = fc.oneof(fc.integer({ min: 0, max: LATEST }), fc.integer({ min: 0, max: 5000 }), fc.constantFrom(0, 127, 128, LATEST));

describe('event times', () => {
  test('FromFpgaTimeline agrees with the fisch rule on any stream', () => {
    fc.assert(
      fc.property(fc.array(fromFpgaMessage, { maxLength: 40 }), (messages) => {
        // Keep the clock inside 43 bits, as on hardware (the timeline rejects running past it, like fisch).
        fc.pre(!overflows(messages));
        const oracle = fischEventTimes(messages);
        const timeline = new FromFpgaTimeline();
        decodeFromFpgaInto(encodeFromFpga(messages), timeline);
        expect([...timeline.spikeCycles()].map(BigInt)).toEqual(oracle.spikes);
        expect([...timeline.madcCycles()].map(BigInt)).toEqual(oracle.madc);
        // The label and value columns follow the packs in stream order, first event of a pack first.
        const ofPacks = (prefix: string, key: string) =>
          messages.flatMap((m) => {
            const fields = m as unknown as Record<string, number>;
            return m.type.startsWith(prefix) ? [0, 1, 2].map((i) => fields[`${key}${i}`]).filter((v) => v !== undefined) : [];
          });
        expect([...timeline.spikeLabels()]).toEqual(ofPacks('spikePack', 'label'));
        expect([...timeline.madcValues()]).toEqual(ofPacks('madcSamplePack', 'value'));
      }),
    );
  });

  test('events written at absolute times read back at exactly those times, in order, between other messages', () => {
    const events = fc.array(fc.tuple(fc.integer({ min: 0, max: 0xffff }), time), { maxLength: 25 });
    const sortedBurst = fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 25 }).map((gaps) => {
      let t = 1_000_000;
      return gaps.map((g, i) => [i, (t += g)] as [number, number]);
    });
    fc.assert(
      fc.property(fc.oneof(events, sortedBurst), events, fc.nat(50), (spikes, samples, filler) => {
        const writer = new FromFpgaWriter();
        for (let i = 0; i < filler; i++) writer.omnibusData(i); // responses move the host clock too
        writeTimedSpikes(writer, spikes.map(([l]) => l), spikes.map(([, t]) => t));
        writer.loopback(0);
        const madc = samples.map(([v, t]) => [v & 0x3fff, t] as const);
        writeTimedMadcSamples(writer, madc.map(([v]) => v), madc.map(([, t]) => t));
        const read = readFromFpgaEvents(writer.finish());
        expect(read.spikes).toEqual(spikes.map(([label, cycles]) => ({ label, cycles })));
        expect(read.madcSamples).toEqual(madc.map(([value, cycles]) => ({ value, cycles })));
      }),
    );
  });

  test('events in the same 128-cycle window share packs; a sorted dense train needs no systime after the first', () => {
    const writer = new FromFpgaWriter();
    const cycles = Array.from({ length: 30 }, (_, i) => 10_000 + 7 * i);
    writeTimedSpikes(writer, cycles.map((_, i) => i), cycles);
    const messages = decodeFromFpga(writer.finish());
    expect(messages.filter((m) => m.type === 'spikePack3')).toHaveLength(10);
    expect(messages.filter((m) => m.type === 'systime')).toHaveLength(1);
  });

  test('bad times and mismatched arrays are typed errors', () => {
    const writer = new FromFpgaWriter();
    expect(() => writeTimedSpikes(writer, [1], [FPGA_TIME_MAX + 1])).toThrow(expect.objectContaining({ code: 'out-of-range', field: 'cycles' }));
    expect(() => writeTimedSpikes(writer, [1], [0.5])).toThrow(expect.objectContaining({ code: 'not-integer' }));
    expect(() => writeTimedSpikes(writer, [1, 2], [0])).toThrow(expect.objectContaining({ code: 'length-mismatch' }));
    expect(writer.messageCount).toBe(0);
  });

  test('a host clock running past 43 bits is a LinkError, as fisch FPGATime rejects it', () => {
    const wire = encodeFromFpga([
      { type: 'systime', cycles: FPGA_TIME_MAX },
      { type: 'omnibus.data', data: 0 },
    ]);
    expect(() => readFromFpgaEvents(wire)).toThrow(LinkError);
  });
});

function overflows(messages: readonly FromFpgaMessage[]): boolean {
  let now = 0;
  for (const m of messages) {
    now = m.type === 'systime' ? m.cycles : now + 1 + (m.type === 'sysdelta' ? m.cycles : 0);
    if (now > FPGA_TIME_MAX) return true;
  }
  return false;
}
