// Whether split windows pay on this machine right now (analog-core.ts, "Split windows"): a second thread helps
// only when it gets a core of its own; where the cores are busy with other work the two threads wait on each
// other and lose to one. So batches of windows run either on both threads or on the calling thread alone (the
// same results either way); the wall time per simulated cycle of each way (the calling thread's serial share
// included) is followed as an exponential average, the faster way is used, and now and then a batch takes the
// other way once (a probe) to notice a change. A probe replaces the slower way's average outright: it is the only
// recent measure of that way (measured 2026-11-24: averaging probes into a slow first measure of two threads — the
// worker's code not yet optimised, the other core busy — kept a full-chip run on one thread for 16 batches while
// two threads were 1.4× faster). Probes start one batch in 8 and are spaced out, up to one in 64, while each
// finds the other way clearly slower: on a free machine a probe of one thread cost the full-chip benchmark ~11 ms
// (27 against 16 ms per hardware ms, measured 2026-11-25), ~1.4 ms per batch on average at one in 8. A change
// of the machine still shows: the used way's average rises above the other's last measure, the next batch takes
// the other way, and probes start again at one in 8 (the change may have been one slow batch).

/** Probe intervals in batches: the first, and the longest the spacing grows to. */
const firstProbeInterval = 8;
const longestProbeInterval = 64;
/** A probe this many times slower than the used way's average is clearly slower: the next probe comes later. */
const clearlySlower = 1.25;
/** Weight of the newest batch in the averages. */
const newest = 0.25;

export class ThreadChoice {
  /** Wall ms per simulated cycle: [one thread, two threads] (NaN: not measured yet). */
  private readonly msPerCycle = [NaN, NaN];
  /** Batches since the last probe, and the present spacing of probes. */
  private sinceProbe = 0;
  private probeInterval = firstProbeInterval;
  /** Whether the batch chosen last is a probe. */
  private probing = false;
  /** The way used when not probing (undefined: not both measured yet). */
  private twoPreferred: boolean | undefined;
  /** The way of a batch that gave no measure: the next batch takes it again. */
  private retry: boolean | undefined;

  /** Whether the next batch should use the second thread. */
  next(): boolean {
    const retry = this.retry;
    this.retry = undefined;
    if (retry !== undefined) return retry;
    const [one, two] = this.msPerCycle as [number, number];
    // Untried ways first (a batch whose time is not recorded leaves its way untried).
    if (Number.isNaN(two)) return true;
    if (Number.isNaN(one)) return false;
    const twoFaster = two <= one;
    if (twoFaster !== this.twoPreferred) {
      this.twoPreferred = twoFaster;
      this.probeInterval = firstProbeInterval;
      this.sinceProbe = 0;
    }
    this.probing = ++this.sinceProbe >= this.probeInterval;
    if (this.probing) this.sinceProbe = 0;
    return this.probing ? !twoFaster : twoFaster;
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
    if (this.probing) {
      this.probing = false;
      this.probeInterval = x >= clearlySlower * other ? Math.min(longestProbeInterval, 2 * this.probeInterval) : firstProbeInterval;
    }
    // The slower way's batches are the probes.
    this.msPerCycle[i] = Number.isNaN(old) || old > other ? x : old + newest * (x - old);
  }
}
