import type { CompartmentGraph } from './compartments.js';
import type { FiredList } from './neuron-state.js';

// The spikes of one analog step, in (cycle, neuron) order. A step of the analog engine covers several cycles;
// the facade hands its spikes to the chip one cycle at a time (each advanceTo returns at a spike cycle), so the
// step's spikes wait here until their cycle is reached.

const neuronCount = 512;

export class SpikeBuffer {
  private readonly neurons = new Int32Array(neuronCount);
  private readonly cycles = new Float64Array(neuronCount);
  private readonly keys = new Float64Array(neuronCount);
  private readonly member = new Uint8Array(neuronCount);
  private count = 0;
  private position = 0;

  get isEmpty(): boolean {
    return this.position >= this.count;
  }

  /** Cycle of the next spike to hand out (only when not empty). */
  get nextCycle(): number {
    return this.cycles[this.position] as number;
  }

  get size(): number {
    return this.count;
  }

  neuron(i: number): number {
    return this.neurons[i] as number;
  }

  cycle(i: number): number {
    return this.cycles[i] as number;
  }

  /** Starts collecting the spikes of a new step (the previous step's are all handed out). */
  clear(): void {
    for (let i = 0; i < this.count; i++) this.member[this.neurons[i] as number] = 0;
    this.count = 0;
    this.position = 0;
  }

  /** Neuron n fires at `cycle` in this step (ignored if it already fires in it). */
  add(n: number, cycle: number): void {
    if (this.member[n] === 1) return;
    this.member[n] = 1;
    this.neurons[this.count] = n;
    this.cycles[this.count++] = cycle;
  }

  /**
   * Adds the fire-group partners (§2.4) of every collected spike at that spike's cycle (earliest first), then
   * sorts everything by (cycle, neuron). `base` is the step start (keys are cycle offsets within the step).
   */
  finish(graph: CompartmentGraph, base: number): void {
    if (graph.fireGroups.length > 0) {
      this.sortByCycle();
      const initial = this.count;
      for (let i = 0; i < initial; i++) {
        const group = graph.fireGroupOf[this.neurons[i] as number] as number;
        if (group < 0) continue;
        for (const partner of graph.fireGroups[group] as Int32Array) this.add(partner, this.cycles[i] as number);
      }
    }
    this.sortByCycle(base);
  }

  /** Insertion sort by (cycle, neuron) (a step has few spikes; no allocation). */
  private sortByCycle(base = 0): void {
    const keys = this.keys;
    for (let i = 0; i < this.count; i++) keys[i] = ((this.cycles[i] as number) - base) * neuronCount + (this.neurons[i] as number);
    for (let i = 1; i < this.count; i++) {
      const x = keys[i] as number;
      let j = i - 1;
      while (j >= 0 && (keys[j] as number) > x) {
        keys[j + 1] = keys[j] as number;
        j--;
      }
      keys[j + 1] = x;
    }
    for (let i = 0; i < this.count; i++) {
      const key = keys[i] as number;
      const n = key % neuronCount;
      this.neurons[i] = n;
      this.cycles[i] = base + (key - n) / neuronCount;
    }
  }

  /** Appends every spike not yet handed out to `neurons`/`cycles`, in (cycle, neuron) order, and hands them out. */
  drain(neurons: number[], cycles: number[]): void {
    for (; this.position < this.count; this.position++) {
      neurons.push(this.neurons[this.position] as number);
      cycles.push(this.cycles[this.position] as number);
    }
  }

  /** Moves every spike of the next cycle into `fired` and returns that cycle. */
  popCycle(fired: FiredList): number {
    const cycle = this.cycles[this.position] as number;
    while (this.position < this.count && this.cycles[this.position] === cycle) fired.add(this.neurons[this.position++] as number);
    return cycle;
  }
}
