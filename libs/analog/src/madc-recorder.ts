import { MADC_SAMPLE_PERIOD_CYCLES } from './madc.js';

// An MADC recording (reference §3.2, twin choice §10.7): `count` samples, one every 4 cycles from the start
// cycle on (the first sample at the start). The facade takes each sample when simulated time reaches it; the
// samples wait here until drained.

export class MadcRecorder {
  private next = Infinity;
  private remaining = 0;
  private readonly values: number[] = [];
  private readonly cycles: number[] = [];

  /** Cycle of the next sample (Infinity when not recording). */
  get nextSampleCycle(): number {
    return this.next;
  }

  start(count: number, cycle: number): void {
    this.remaining = count;
    this.next = count > 0 ? cycle : Infinity;
  }

  stop(): void {
    this.remaining = 0;
    this.next = Infinity;
  }

  /** Stores the sample due now (`cycle` = nextSampleCycle) and schedules the next one. */
  record(code: number, cycle: number): void {
    this.values.push(code);
    this.cycles.push(cycle);
    this.remaining--;
    this.next = this.remaining > 0 ? cycle + MADC_SAMPLE_PERIOD_CYCLES : Infinity;
  }

  /** Moves every stored sample (all taken at cycles ≤ now) into the arrays, in time order. */
  drain(values: number[], cycles: number[]): void {
    for (let i = 0; i < this.values.length; i++) {
      values.push(this.values[i] as number);
      cycles.push(this.cycles[i] as number);
    }
    this.values.length = 0;
    this.cycles.length = 0;
  }
}
