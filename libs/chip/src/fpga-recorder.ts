import { writeTimedMadcSamples, writeTimedSpikes, type FromFpgaWriter } from '@bss2/link';

/**
 * What the FPGA records during a program (reference §5.7): events leaving the chip on the crossbar's L2
 * outputs and MADC samples, each with its time on the playback timer. They are written into the response
 * stream, in time order, before the next response that follows them (omnibus data, loopback) and at the end.
 */
export class FpgaRecorder {
  private spikeLabels: number[] = [];
  private spikeCycles: number[] = [];
  private madcValues: number[] = [];
  private madcCycles: number[] = [];

  spike(label: number, timerCycle: number): void {
    this.spikeLabels.push(label);
    this.spikeCycles.push(timerCycle);
  }

  madcSamples(values: readonly number[], timerCycles: readonly number[]): void {
    for (let i = 0; i < values.length; i++) {
      this.madcValues.push(values[i] as number);
      this.madcCycles.push(timerCycles[i] as number);
    }
  }

  /** Writes everything recorded so far and forgets it. */
  flush(writer: FromFpgaWriter): void {
    if (this.spikeLabels.length > 0) writeTimedSpikes(writer, this.spikeLabels, this.spikeCycles);
    if (this.madcValues.length > 0) writeTimedMadcSamples(writer, this.madcValues, this.madcCycles);
    this.clear();
  }

  clear(): void {
    this.spikeLabels = [];
    this.spikeCycles = [];
    this.madcValues = [];
    this.madcCycles = [];
  }
}
