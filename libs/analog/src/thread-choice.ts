// Whether split windows pay on this machine right now (analog-core.ts, "Split windows"): a second thread helps
// only when it gets a core of its own; where the cores are busy with other work the two threads wait on each
// other and lose to one. So batches of windows run either on both threads or on the calling thread alone (the
// same results either way); the wall time per simulated cycle of each way (the calling thread's serial share
// included) is followed as an exponential average, the faster way is used, and every `probeEvery`-th batch takes
// the other way once to notice a change. A probe replaces the slower way's average outright: it is the only recent
// measure of that way (measured 2026-11-24: averaging probes into a slow first measure of two threads — the
// worker's code not yet optimised, the other core busy — kept a full-chip run on one thread for 16 batches while
// two threads were 1.4× faster).

/** One batch in this many takes the slower way (at most 1/8 of the difference is lost to probing). */
const probeEvery = 8;
/** Weight of the newest batch in the averages. */
const newest = 0.25;

export class ThreadChoice {
  /** Wall ms per simulated cycle: [one thread, two threads] (NaN: not measured yet). */
  private readonly msPerCycle = [NaN, NaN];
  private batches = 0;
  /** The way of a batch that gave no measure: the next batch takes it again. */
  private retry: boolean | undefined;

  /** Whether the next batch should use the second thread. */
  next(): boolean {
    this.batches++;
    const retry = this.retry;
    this.retry = undefined;
    if (retry !== undefined) return retry;
    const [one, two] = this.msPerCycle as [number, number];
    // Untried ways first (a batch whose time is not recorded leaves its way untried).
    if (Number.isNaN(two)) return true;
    if (Number.isNaN(one)) return false;
    const twoFaster = two <= one;
    return this.batches % probeEvery === 0 ? !twoFaster : twoFaster;
  }

  /** The batch just run on two threads or on one is no measure (e.g. the worker re-prepared): repeat its way once. */
  skip(twoThreads: boolean): void {
    this.retry = twoThreads;
  }

  /** A batch of `cycles` took `ms` of wall time on two threads or on one. */
  record(twoThreads: boolean, ms: number, cycles: number): void {
    if (!(cycles > 0)) return;
    const i = twoThreads ? 1 : 0;
    const x = ms / cycles;
    const old = this.msPerCycle[i] as number;
    const other = this.msPerCycle[1 - i] as number;
    // The slower way's batches are the probes.
    this.msPerCycle[i] = Number.isNaN(old) || old > other ? x : old + newest * (x - old);
  }
}
