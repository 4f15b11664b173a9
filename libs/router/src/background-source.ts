import { BackgroundSpikeSourceOnDLS } from '@bss2/coords';
import { BackgroundSpikeSource, type ChangeSet, type Chip, type ContainerValue } from '@bss2/regs';

// Reference §1.6 (haldls background.h). Source b feeds crossbar input 12 + b (§1.2). On the enable edge the
// seed is loaded and the first spike comes one full period later. Regular mode: a spike every `period`
// cycles. Poisson mode: each period one draw r, a spike when r ≤ rate (mean ISI = period · 255 / rate).
// `mask`: the set bits of the label's lower 8 bits are replaced by random bits on each spike.
//
// Twin choices (README): periods count FPGA cycles (125 MHz, matching the 8 × 125 MEvent/s of §1.1); period 0
// and Poisson rate 0 are silent; the generator is Marsaglia's xorshift32 (13, 17, 5), one step per draw, of
// which the lower 16 bits are used (§1.6); seed 0 loads `zeroSeedState` (xorshift32 stays 0 from 0); the
// Poisson r is the draw's low byte with 0 redrawn (r uniform on 1..255, so P = rate / 255 exactly); every spike
// makes one more draw for the mask, even when the mask is 0, so spike times never depend on the mask.
//
// Only the next spike of each source is computed (lazily, when the previous one is emitted); empty Poisson bins
// are skipped in a tight loop of draws with the generator state in a local, O(1) per bin, allocating nothing. The
// earliest pending source is kept up to date on every change, because the chip asks for it several times per
// event (what is due next, what to emit) and only fire and configure move it.

const sources = BackgroundSpikeSourceOnDLS.size;
/** xorshift32 state loaded for seed 0 (any nonzero constant; this is the 32-bit golden ratio). */
export const zeroSeedState = 0x9e37_79b9;

/** The 8 background generators: their registers, generator states and next spike times. */
export class BackgroundSources {
  private readonly enabled = new Uint8Array(sources);
  private readonly random = new Uint8Array(sources);
  private readonly period = new Uint16Array(sources);
  private readonly rate = new Uint8Array(sources);
  private readonly mask = new Uint8Array(sources);
  private readonly label = new Uint16Array(sources);
  private readonly state = new Uint32Array(sources);
  /** Time of the next spike, Infinity when silent. */
  private readonly pending = new Float64Array(sources).fill(Infinity);
  /** The source with the earliest pending spike, −1 when all are silent (`findEarliest`). */
  private first = -1;

  /**
   * Applies changed BackgroundSpikeSource registers written at `cycle`. Enable edge false → true: load the
   * seed, first spike one period later. Disable: silent. A rewrite of an enabled source (twin choice) keeps
   * the generator state; a changed period, rate or mode drops the pending spike and restarts the schedule
   * at `cycle` (next spike one period — or the first successful Poisson bin — later); a changed label or
   * mask applies from the next emitted spike on, keeping the phase; the seed only matters at an enable edge.
   */
  configure(chip: Chip, changed: ChangeSet, cycle: number): void {
    changed.forEachInstance(BackgroundSpikeSource, (b) =>
      this.setSource(b, chip.get(BackgroundSpikeSource, BackgroundSpikeSourceOnDLS(b)), cycle),
    );
    this.findEarliest();
  }

  /** The source with the earliest pending spike (ties: lowest index), −1 when all are silent. */
  earliest(): number {
    return this.first;
  }

  /** Time of source `b`'s next spike (Infinity when silent). */
  nextCycle(b: number): number {
    return this.pending[b] as number;
  }

  /** Emits source `b`'s pending spike: returns its 14-bit NeuronLabel and schedules the following one. */
  fire(b: number): number {
    const mask = this.mask[b] as number;
    const label = ((this.label[b] as number) & ~mask) | (this.draw(b) & mask);
    this.schedule(b, this.pending[b] as number);
    this.findEarliest();
    return label;
  }

  private findEarliest(): void {
    let best = -1;
    let at = Infinity;
    for (let b = 0; b < sources; b++) {
      const t = this.pending[b] as number;
      if (t < at) {
        at = t;
        best = b;
      }
    }
    this.first = best;
  }

  private setSource(b: number, value: ContainerValue<typeof BackgroundSpikeSource>, cycle: number): void {
    const edge = value.enable && this.enabled[b] === 0;
    const timingChanged =
      (value.enableRandom ? 1 : 0) !== this.random[b] || value.period !== this.period[b] || value.rate !== this.rate[b];
    this.enabled[b] = value.enable ? 1 : 0;
    this.random[b] = value.enableRandom ? 1 : 0;
    this.period[b] = value.period;
    this.rate[b] = value.rate;
    this.mask[b] = value.mask;
    this.label[b] = value.neuronLabel;
    if (!value.enable) {
      this.pending[b] = Infinity;
    } else if (edge) {
      this.state[b] = value.seed === 0 ? zeroSeedState : value.seed;
      this.schedule(b, cycle);
    } else if (timingChanged) {
      this.schedule(b, cycle);
    }
  }

  /** Sets the next spike of `b` after the spike (or enable edge, or restart) at `from`. */
  private schedule(b: number, from: number): void {
    const period = this.period[b] as number;
    if (period === 0) {
      this.pending[b] = Infinity;
    } else if (this.random[b] === 0) {
      this.pending[b] = from + period;
    } else {
      const rate = this.rate[b] as number;
      if (rate === 0) {
        this.pending[b] = Infinity;
        return;
      }
      // One draw per bin until r ≤ rate; r is the draw's low byte, 0 redrawn (r uniform on 1..255).
      let x = (this.state[b] as number) | 0; // int32 from the start: the loop keeps it in one integer register
      let bins = 0;
      let r = 0;
      do {
        bins++;
        do {
          x = xorshift32(x);
          r = x & 0xff;
        } while (r === 0);
      } while (r > rate);
      this.state[b] = x;
      this.pending[b] = from + bins * period;
    }
  }

  /** One generator step of source `b`, returning the lower 16 bits of the new state (§1.6). */
  private draw(b: number): number {
    const x = xorshift32(this.state[b] as number);
    this.state[b] = x;
    return x & 0xffff;
  }
}

/** Marsaglia's xorshift32 (13, 17, 5): the next state after `x` (as a 32-bit integer; stored, it is the unsigned one). */
function xorshift32(x: number): number {
  x ^= x << 13;
  x ^= x >>> 17;
  return x ^ (x << 5);
}
