// Whether split windows pay on this machine right now (analog-core.ts, "Split windows"): a second thread helps
// only when it gets a core of its own; where the cores are busy with other work the two threads wait on each
// other and lose to one. So windows run either on both threads or on the calling thread alone (the same results
// either way); the wall time per simulated cycle of each way is followed as an exponential average, the faster
// way is used, and every `probeEvery`-th window takes the other way once to notice a change.

/** One window in this many takes the slower way (at most 1/8 of the difference is lost to probing). */
const probeEvery = 8;
/** Weight of the newest window in the averages. */
const newest = 0.25;

export class ThreadChoice {
  /** Wall ms per simulated cycle: [one thread, two threads] (NaN: not measured yet). */
  private readonly msPerCycle = [NaN, NaN];
  private windows = 0;

  /** Whether the next window should use the second thread. */
  next(): boolean {
    this.windows++;
    const [one, two] = this.msPerCycle as [number, number];
    // Untried ways first (a window whose time is not recorded leaves its way untried).
    if (Number.isNaN(two)) return true;
    if (Number.isNaN(one)) return false;
    const twoFaster = two <= one;
    return this.windows % probeEvery === 0 ? !twoFaster : twoFaster;
  }

  /** A window of `cycles` took `ms` of wall time on two threads or on one. */
  record(twoThreads: boolean, ms: number, cycles: number): void {
    if (!(cycles > 0)) return;
    const i = twoThreads ? 1 : 0;
    const x = ms / cycles;
    const old = this.msPerCycle[i] as number;
    this.msPerCycle[i] = Number.isNaN(old) ? x : old + newest * (x - old);
  }
}
