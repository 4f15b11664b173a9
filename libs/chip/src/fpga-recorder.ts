import { writeTimedMadcSamples, writeTimedSpikes, type FromFpgaWriter } from '@bss2/link';
import { EventColumns } from './event-columns.js';

/**
 * What the FPGA records during a program (reference §5.7): events leaving the chip on the crossbar's L2
 * outputs and MADC samples, each with its time on the playback timer. They are written into the response
 * stream, in time order, before the next response that follows them (omnibus data, loopback) and at the end.
 */
export class FpgaRecorder {
  private readonly spikes = new EventColumns();
  private readonly madc = new EventColumns();

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
