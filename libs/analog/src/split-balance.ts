// Where split windows cut the neurons (analog-core.ts, "Split windows"): after every batch on two threads the split
// point moves halfway towards equal busy times per window — the calling thread's stepping of its neurons plus its
// serial share (handing out spikes, routing the next window) against the worker's stepping of the others — with
// per-neuron costs from that batch, so a thread on a busier core gets fewer neurons. Each of the three times is
// the median over the batch's windows (of equal length): one window's hiccup (a garbage collection, a function
// re-optimised, the process descheduled) says nothing about the next batch. Measured 2026-11-25 on the full
// benchmark chip: a single 30 ms pause between two windows, taken from the batch's sums, moved the split from 244
// to 84 neurons, and the next 5–6 batches took 20–28 instead of ~15.5 ms per hardware ms while it crept back.

/** Range of the split point: each thread keeps at least an eighth of the neurons. */
export const MIN_SPLIT_NEURON = 64;
export const MAX_SPLIT_NEURON = 448;
const neuronCount = 512;

export class SplitBalance {
  private readonly ownMs: number[] = [];
  private readonly serialMs: number[] = [];
  private readonly workerMs: number[] = [];

  /** Forgets the last batch's windows. */
  startBatch(): void {
    this.ownMs.length = 0;
    this.serialMs.length = 0;
    this.workerMs.length = 0;
  }

  /**
   * One window of the batch: this thread's stepping, its serial share since the window before (none for the
   * first), the worker's stepping (ms).
   */
  window(ownMs: number, serialMs: number | undefined, workerMs: number): void {
    this.ownMs.push(ownMs);
    if (serialMs !== undefined) this.serialMs.push(serialMs);
    this.workerMs.push(workerMs);
  }

  /** The split point for the next batch, from `split` (the batch's) and the batch's windows. */
  next(split: number): number {
    const ownPerNeuron = median(this.ownMs) / split;
    const workerPerNeuron = median(this.workerMs) / (neuronCount - split);
    if (!(ownPerNeuron > 0 && workerPerNeuron > 0)) return split;
    const serial = this.serialMs.length > 0 ? median(this.serialMs) : 0;
    // Equal busy times: own · target + serial = worker · (512 − target).
    const target = (neuronCount * workerPerNeuron - serial) / (ownPerNeuron + workerPerNeuron);
    const halfway = 4 * Math.round((split + target) / 8);
    return Math.min(MAX_SPLIT_NEURON, Math.max(MIN_SPLIT_NEURON, halfway));
  }
}

/** Median of a non-empty list (sorts it). */
function median(values: number[]): number {
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 === 1 ? (values[mid] as number) : ((values[mid - 1] as number) + (values[mid] as number)) / 2;
}
