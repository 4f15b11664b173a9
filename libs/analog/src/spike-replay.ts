import type { FiredList } from './neuron-state.js';

// The spikes of split windows (hemisphere-thread.ts), merged from both hemispheres in (cycle, neuron) order
// and handed to the facade one cycle at a time, exactly as the engine's spike buffer would have handed them
// out had it stepped the window itself: the facade reports them, and the chip routes them, in the same order.

export class SpikeReplay {
  private readonly neurons: number[] = [];
  private readonly cycles: number[] = [];
  private position = 0;

  /**
   * Appends a window's spikes, merging two lists, each in (cycle, neuron) order, where every neuron of `low` lies
   * below those of `high`; all of them come after the spikes appended before (a window starts where the last
   * one's steps ended).
   */
  append(low: { readonly neurons: readonly number[]; readonly cycles: readonly number[] }, high: { readonly neurons: readonly number[]; readonly cycles: readonly number[] }): void {
    if (this.exhausted) {
      this.neurons.length = 0;
      this.cycles.length = 0;
      this.position = 0;
    }
    let i = 0;
    let j = 0;
    while (i < low.cycles.length || j < high.cycles.length) {
      const fromLow = j >= high.cycles.length || (i < low.cycles.length && (low.cycles[i] as number) <= (high.cycles[j] as number));
      this.neurons.push(fromLow ? (low.neurons[i] as number) : (high.neurons[j] as number));
      this.cycles.push(fromLow ? (low.cycles[i++] as number) : (high.cycles[j++] as number));
    }
  }

  get exhausted(): boolean {
    return this.position >= this.cycles.length;
  }

  /** Engine.advance on the recorded spikes: the next spike cycle up to `target` (its neurons into `fired`), else `target`. */
  advance(target: number, fired: FiredList): number {
    const cycle = this.cycles[this.position] as number;
    if (this.exhausted || cycle > target) return target;
    while (this.position < this.cycles.length && this.cycles[this.position] === cycle) fired.add(this.neurons[this.position++] as number);
    return cycle;
  }
}
