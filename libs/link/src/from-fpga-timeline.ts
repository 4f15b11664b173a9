import { decodeFromFpgaInto } from './from-fpga-codec.js';
import type { FromFpgaVisitor } from './from-fpga-dictionary.js';
import { advanceHostClock, eventCycles, FPGA_TIME_MAX, SYSDELTA_INDEX, SYSTIME_INDEX } from './host-clock.js';
import { LinkError } from './link-error.js';

/** A spike recorded by the FPGA, at its absolute FPGA time (125 MHz cycles since the program's time base). */
export interface TimedSpike {
  readonly label: number;
  readonly cycles: number;
}

/** A MADC sample at its absolute FPGA time. */
export interface TimedMadcSample {
  readonly value: number;
  readonly cycles: number;
}

const OTHER = -1;

/** A growable column pair (16-bit id, time in cycles): events are stored without one object each. */
class EventColumns {
  ids = new Uint16Array(1024);
  cycles = new Float64Array(1024);
  count = 0;

  push(id: number, cycles: number): void {
    if (this.count === this.ids.length) {
      const ids = new Uint16Array(this.count * 2);
      const times = new Float64Array(this.count * 2);
      ids.set(this.ids);
      times.set(this.cycles);
      this.ids = ids;
      this.cycles = times;
    }
    this.ids[this.count] = id;
    this.cycles[this.count++] = cycles;
  }
}

/**
 * Turns a decoded from-FPGA stream into spikes and MADC samples with absolute FPGA-cycle times, by the
 * fisch rule in `host-clock.ts` (bss2-reference §5.3, §5.5). It is a `FromFpgaVisitor`, so it runs on the
 * allocation-free decoder: `decodeFromFpgaInto(bytes, timeline)`. Every message moves the host clock, so the
 * timeline has a handler for every row. Events are kept in stream order in typed-array columns (the hot
 * path of a training loop); `spikes` / `madcSamples` present them as objects when those are wanted.
 */
export class FromFpgaTimeline implements Required<FromFpgaVisitor> {
  private readonly spikeColumns = new EventColumns();
  private readonly madcColumns = new EventColumns();
  private readonly spikeObjects: TimedSpike[] = [];
  private readonly madcObjects: TimedMadcSample[] = [];
  private clock = 0;

  /** The host clock after the messages seen so far (FPGA cycles). */
  get hostClock(): number {
    return this.clock;
  }

  get spikeCount(): number {
    return this.spikeColumns.count;
  }

  get madcSampleCount(): number {
    return this.madcColumns.count;
  }

  /** Labels of the spikes so far (a view; valid until more spikes arrive). */
  spikeLabels(): Uint16Array {
    return this.spikeColumns.ids.subarray(0, this.spikeColumns.count);
  }

  /** FPGA times of the spikes so far, parallel to `spikeLabels()`. */
  spikeCycles(): Float64Array {
    return this.spikeColumns.cycles.subarray(0, this.spikeColumns.count);
  }

  madcValues(): Uint16Array {
    return this.madcColumns.ids.subarray(0, this.madcColumns.count);
  }

  madcCycles(): Float64Array {
    return this.madcColumns.cycles.subarray(0, this.madcColumns.count);
  }

  /** The spikes so far as objects, in stream order (built from the columns on first access, then extended). */
  get spikes(): readonly TimedSpike[] {
    const { ids, cycles, count } = this.spikeColumns;
    for (let i = this.spikeObjects.length; i < count; i++) this.spikeObjects.push({ label: ids[i]!, cycles: cycles[i]! });
    return this.spikeObjects;
  }

  /** The MADC samples so far as objects, in stream order. */
  get madcSamples(): readonly TimedMadcSample[] {
    const { ids, cycles, count } = this.madcColumns;
    for (let i = this.madcObjects.length; i < count; i++) this.madcObjects.push({ value: ids[i]!, cycles: cycles[i]! });
    return this.madcObjects;
  }

  'jtag.data'(): void {
    this.advance(OTHER, 0);
  }

  'omnibus.data'(): void {
    this.advance(OTHER, 0);
  }

  loopback(): void {
    this.advance(OTHER, 0);
  }

  highspeedLinkNotification(): void {
    this.advance(OTHER, 0);
  }

  timeoutNotification(): void {
    this.advance(OTHER, 0);
  }

  systime(cycles: number): void {
    this.advance(SYSTIME_INDEX, cycles);
  }

  sysdelta(cycles: number): void {
    this.advance(SYSDELTA_INDEX, cycles);
  }

  madcSamplePack1(value0: number, timestamp0: number): void {
    this.advance(OTHER, 0);
    this.madcColumns.push(value0, eventCycles(this.clock, timestamp0));
  }

  madcSamplePack2(value0: number, timestamp0: number, value1: number, timestamp1: number): void {
    this.madcSamplePack1(value0, timestamp0);
    this.madcColumns.push(value1, eventCycles(this.clock, timestamp1));
  }

  madcSamplePack3(value0: number, timestamp0: number, value1: number, timestamp1: number, value2: number, timestamp2: number): void {
    this.madcSamplePack2(value0, timestamp0, value1, timestamp1);
    this.madcColumns.push(value2, eventCycles(this.clock, timestamp2));
  }

  spikePack1(label0: number, timestamp0: number): void {
    this.advance(OTHER, 0);
    this.spikeColumns.push(label0, eventCycles(this.clock, timestamp0));
  }

  spikePack2(label0: number, timestamp0: number, label1: number, timestamp1: number): void {
    this.spikePack1(label0, timestamp0);
    this.spikeColumns.push(label1, eventCycles(this.clock, timestamp1));
  }

  spikePack3(label0: number, timestamp0: number, label1: number, timestamp1: number, label2: number, timestamp2: number): void {
    this.spikePack2(label0, timestamp0, label1, timestamp1);
    this.spikeColumns.push(label2, eventCycles(this.clock, timestamp2));
  }

  private advance(index: number, firstField: number): void {
    const next = advanceHostClock(this.clock, index, firstField);
    // fisch's FPGATime is a 43-bit ranged integer: running past it is an error there too.
    if (next > FPGA_TIME_MAX) {
      throw new LinkError('out-of-range', `host clock ${next} passed the 43-bit FPGA time ${FPGA_TIME_MAX}`, {
        field: 'cycles',
        value: next,
        range: { min: 0, max: FPGA_TIME_MAX },
      });
    }
    this.clock = next;
  }
}

/** Decodes a from-FPGA stream and returns its spikes and MADC samples at absolute FPGA times (as objects). */
export function readFromFpgaEvents(bytes: Uint8Array): { spikes: readonly TimedSpike[]; madcSamples: readonly TimedMadcSample[] } {
  const timeline = new FromFpgaTimeline();
  decodeFromFpgaInto(bytes, timeline);
  return { spikes: timeline.spikes, madcSamples: timeline.madcSamples };
}
