import { Module, Tensor } from '@bss2/autograd';
import type { AtomicNeuronOnDLS } from '@bss2/coords';
import type { InputPopulationDescription, TimeMajorArray } from '../backend/backend.js';
import type { Experiment } from '../experiment.js';
import { NeuronHandle } from '../handles.js';
import { checkInteger, SnnError } from '../snn-error.js';

export interface InputNeuronOptions {
  readonly name?: string;
  readonly placement?: readonly AtomicNeuronOnDLS[];
}

/**
 * hxtorch's `InputNeuron`: a population of spike sources fed from the host (on the chip: events from the FPGA).
 * Its call takes the spikes `[steps, batch, size]`, 0/1 on the dt grid (libs/datasets' encoders produce them).
 */
export class InputNeuron extends Module {
  readonly kind = 'input';
  readonly id: number;
  readonly name: string;
  readonly placement: readonly AtomicNeuronOnDLS[] | null;

  constructor(readonly size: number, readonly experiment: Experiment, options: InputNeuronOptions = {}) {
    super();
    checkInteger('InputNeuron', 'size', size, 1);
    this.id = experiment.register(this);
    this.name = options.name ?? `InputNeuron${this.id}`;
    this.placement = options.placement ?? null;
  }

  forward(spikes: Tensor | TimeMajorArray): NeuronHandle {
    const tensor = spikes instanceof Tensor ? spikes : new Tensor(spikes.data, spikes.shape);
    if (tensor.rank !== 3 || tensor.shape[2] !== this.size) {
      throw new SnnError('shape-mismatch', `${this.name}: input spikes [${tensor.shape.join(', ')}] must be [steps, batch, ${this.size}]`, 'spikes', tensor.shape, `[steps, batch, ${this.size}]`);
    }
    const output = new NeuronHandle(this.id, this.name, true, false);
    this.experiment.record({ kind: 'input', module: this, spikes: tensor, output });
    return output;
  }

  /** @internal */
  describe(): InputPopulationDescription {
    return { kind: 'input', id: this.id, name: this.name, size: this.size, placement: this.placement };
  }
}
