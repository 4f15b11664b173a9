import type { Tensor } from '@bss2/autograd';
import type { SpikeTimes } from './backend/backend.js';
import { SnnError } from './snn-error.js';

/**
 * What a neuron module's call returns (hxtorch's `LIFObservables` / `LIObservables`): empty until `run`, then the
 * population's spikes and its membrane on the dt grid, time-major `[steps, batch, size]`. In mock mode they are
 * the software model's; with a hardware backend they are the chip's observables carrying the model's gradient
 * (reference §6.4). `membraneCadc` keeps hxtorch's name: the CADC-sampled membrane, in model units.
 */
export class NeuronHandle {
  private spikesValue: Tensor | null = null;
  private membraneValue: Tensor | null = null;
  private spikeTimesValue: SpikeTimes | null = null;
  private filled = false;

  constructor(readonly populationId: number, readonly populationName: string, readonly hasSpikes: boolean, readonly hasMembrane: boolean) {}

  get spikes(): Tensor {
    return this.read(this.spikesValue, 'spikes', this.hasSpikes);
  }

  get membraneCadc(): Tensor {
    return this.read(this.membraneValue, 'membraneCadc', this.hasMembrane);
  }

  /**
   * The spikes at the times the chip's event timestamps give, before binning onto dt (a hardware backend that
   * reports them, as the twin does; the mock has only its grid).
   */
  get spikeTimes(): SpikeTimes {
    if (!this.filled) throw new SnnError('invalid-graph', `${this.populationName}: spikeTimes read before run(experiment, steps)`, 'spikeTimes', this.populationName, 'after run');
    if (this.spikeTimesValue === null) {
      throw new SnnError('backend', `${this.populationName}: the backend reported no spike times (the mock has only its dt grid)`, 'spikeTimes', this.populationName, 'a backend with event timestamps (twin)');
    }
    return this.spikeTimesValue;
  }

  /** Whether `run` has filled this handle. */
  get isFilled(): boolean {
    return this.filled;
  }

  /** @internal Set by `run`. */
  fill(spikes: Tensor | null, membrane: Tensor | null, spikeTimes: SpikeTimes | null = null): void {
    this.spikesValue = spikes;
    this.membraneValue = membrane;
    this.spikeTimesValue = spikeTimes;
    this.filled = true;
  }

  private read(value: Tensor | null, what: string, exists: boolean): Tensor {
    if (!exists) throw new SnnError('invalid-graph', `${this.populationName}: has no ${what}`, what, this.populationName, 'an observable this population records');
    if (!this.filled || value === null) {
      throw new SnnError('invalid-graph', `${this.populationName}: ${what} read before run(experiment, steps)`, what, this.populationName, 'after run');
    }
    return value;
  }
}

/** What a `Synapse` call returns (hxtorch's `SynapseHandle`): the synaptic input current `[steps, batch, out]` after `run`. */
export class SynapseHandle {
  private currentValue: Tensor | null = null;

  constructor(readonly projectionId: number, readonly projectionName: string, readonly pre: NeuronHandle) {}

  get current(): Tensor {
    if (this.currentValue === null) {
      throw new SnnError('invalid-graph', `${this.projectionName}: current read before run(experiment, steps)`, 'current', this.projectionName, 'after run');
    }
    return this.currentValue;
  }

  /** @internal Set by `run`. */
  fill(current: Tensor): void {
    this.currentValue = current;
  }
}
