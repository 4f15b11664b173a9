import { AtomicNeuronOnDLS } from '@bss2/coords';
import { NeuronBackendConfig, type ChangeSet, type Chip, type ContainerValue } from '@bss2/regs';

// Reference §1.3, §1.4 step 1, §1.8: a firing neuron's backend emits label (event_output << 8) | address_out
// into crossbar input event_output = column / 32, but only with en_spike_out.

const neurons = AtomicNeuronOnDLS.size;
const columns = 256;
const columnsPerEventOutput = 32;

/** Per-neuron address_out and en_spike_out. */
export class NeuronBackends {
  private readonly addressOut = new Uint8Array(neurons);
  private readonly spikeOut = new Uint8Array(neurons);

  /** Starts in the register reset state. */
  constructor() {
    const reset = NeuronBackendConfig.defaults();
    for (let n = 0; n < neurons; n++) this.setNeuron(n, reset);
  }

  configure(chip: Chip, changed: ChangeSet): void {
    changed.forEachInstance(NeuronBackendConfig, (n) => this.setNeuron(n, chip.get(NeuronBackendConfig, AtomicNeuronOnDLS(n))));
  }

  /** The crossbar input (= event output) of neuron `n` (§1.1: both rows of a column share it). */
  static eventOutputOf(n: number): number {
    return Math.floor((n % columns) / columnsPerEventOutput);
  }

  /** The 11-bit label neuron `n` sends, or −1 when its en_spike_out is off. */
  labelOf(n: number): number {
    if (this.spikeOut[n] !== 1) return -1;
    return (NeuronBackends.eventOutputOf(n) << 8) | (this.addressOut[n] as number);
  }

  private setNeuron(n: number, value: ContainerValue<typeof NeuronBackendConfig>): void {
    this.addressOut[n] = value.addressOut;
    this.spikeOut[n] = value.enSpikeOut ? 1 : 0;
  }
}
