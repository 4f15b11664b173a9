import { writeTimedMadcSamples, writeTimedSpikes, type FromFpgaWriter } from '@bss2/link';

/**
 * What the FPGA records during a program (reference §5.7): events leaving the chip on the crossbar's L2
 * outputs and MADC samples, each with its time on the playback timer. They are written into the response
 * stream, in time order, before the next response that follows them (omnibus data, loopback) and at the end.
 */
export class FpgaRecorder {
  private readonly spikes = new RecordedEvents();
  private readonly madc = new RecordedEvents();

  spike(label: number, timerCycle: number): void {
    this.spikes.push(label, timerCycle);
  }

  madcSamples(values: ArrayLike<number>, timerCycles: ArrayLike<number>): void {
    for (let i = 0; i < values.length; i++) this.madc.push(values[i] as number, timerCycles[i] as number);
  }

  /** Writes everything recorded so far and forgets it. */
  flush(writer: FromFpgaWriter): void {
    if (this.spikes.count > 0) writeTimedSpikes(writer, this.spikes.idView(), this.spikes.cycleView());
    if (this.madc.count > 0) writeTimedMadcSamples(writer, this.madc.idView(), this.madc.cycleView());
    this.clear();
  }

  clear(): void {
    this.spikes.count = 0;
    this.madc.count = 0;
  }
}

/**
 * A growable column pair (event id, timer cycle) kept across programs, so recording ~5,000 events per hardware ms
 * allocates nothing once grown. Float64 columns hold whatever the chip reported, so the writer's range checks
 * still see (and reject) a bad value instead of a typed array's silent wrap.
 */
class RecordedEvents {
  private ids = new Float64Array(1024);
  private cycles = new Float64Array(1024);
  count = 0;

  push(id: number, cycle: number): void {
    if (this.count === this.ids.length) this.grow();
    this.ids[this.count] = id;
    this.cycles[this.count++] = cycle;
  }

  idView(): Float64Array {
    return this.ids.subarray(0, this.count);
  }

  cycleView(): Float64Array {
    return this.cycles.subarray(0, this.count);
  }

  private grow(): void {
    const ids = new Float64Array(2 * this.ids.length);
    const cycles = new Float64Array(2 * this.cycles.length);
    ids.set(this.ids);
    cycles.set(this.cycles);
    this.ids = ids;
    this.cycles = cycles;
  }
}
