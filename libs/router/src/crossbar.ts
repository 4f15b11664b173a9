import { CrossbarInputOnDLS, CrossbarNodeOnDLS, CrossbarOutputConfigOnDLS, CrossbarOutputOnDLS } from '@bss2/coords';
import { CrossbarNode, CrossbarOutputConfig, type ChangeSet, type Chip, type ContainerValue } from '@bss2/regs';

// Reference §1.2: 20 inputs, 12 outputs, and only the 76 nodes halco lists (node sparsity). An event with
// NeuronLabel L on input i passes node (i, o) when (L & mask) == target and then goes to output o. Counters:
// a 16-bit drop counter per input, a 24-bit event counter per output; both wrap.

/** Crossbar inputs (§1.2: 0–7 neuron event outputs, 8–11 L2, 12–19 background sources). */
export const crossbarInputs = CrossbarInputOnDLS.size;
/** Crossbar outputs (§1.2: 0–7 PADI busses, 8–11 L2). */
export const crossbarOutputs = CrossbarOutputOnDLS.size;

const nodes = CrossbarNodeOnDLS.size;
const eventCounterMask = 0xff_ffff;

// The node table, grouped by input (CSR): the nodes of input i are inputNodes[inputStart[i] .. inputStart[i+1]),
// outputs ascending. Built once from the coordinate conversions, so only existing nodes can ever pass.
const inputStart = new Uint8Array(crossbarInputs + 1);
const inputNodes = new Uint8Array(nodes);
const nodeOutput = new Uint8Array(nodes);
{
  const byInput = CrossbarInputOnDLS.all().map((i) => CrossbarNodeOnDLS.allOfInput(i));
  let at = 0;
  byInput.forEach((list, i) => {
    inputStart[i] = at;
    for (const n of list) {
      inputNodes[at++] = n;
      nodeOutput[n] = CrossbarNodeOnDLS.toCrossbarOutputOnDLS(n);
    }
  });
  inputStart[crossbarInputs] = at;
}

/** Node registers, the out-mux event counter enables, and the counters. */
export class Crossbar {
  private readonly mask = new Uint16Array(nodes);
  private readonly target = new Uint16Array(nodes);
  private readonly dropEnabled = new Uint8Array(nodes);
  private readonly counterEnabled = new Uint8Array(crossbarOutputs);
  // Typed-array widths do the 16-bit wrap; the 24-bit one is masked.
  private readonly drops = new Uint16Array(crossbarInputs);
  private readonly events = new Uint32Array(crossbarOutputs);

  /** Starts in the register reset state (the container defaults). */
  constructor() {
    const node = CrossbarNode.defaults();
    for (let n = 0; n < nodes; n++) this.setNode(n, node);
    this.setOutputConfig(CrossbarOutputConfig.defaults());
  }

  configure(chip: Chip, changed: ChangeSet): void {
    changed.forEachInstance(CrossbarNode, (n) => this.setNode(n, chip.get(CrossbarNode, CrossbarNodeOnDLS(n))));
    changed.forEachInstance(CrossbarOutputConfig, (c) =>
      this.setOutputConfig(chip.get(CrossbarOutputConfig, CrossbarOutputConfigOnDLS(c))),
    );
  }

  /**
   * Routes NeuronLabel `label` (14 bit) arriving on `input` through that input's nodes, counting as it goes.
   * Returns the passed outputs as a bit set (bit o = output o), so the caller fans out without allocating.
   */
  route(input: number, label: number): number {
    let passed = 0;
    const end = inputStart[input + 1] as number;
    for (let k = inputStart[input] as number; k < end; k++) {
      const n = inputNodes[k] as number;
      if ((label & (this.mask[n] as number)) === this.target[n]) {
        const output = nodeOutput[n] as number;
        passed |= 1 << output;
        if (this.counterEnabled[output] === 1) this.events[output] = ((this.events[output] as number) + 1) & eventCounterMask;
      } else if (this.dropEnabled[n] === 1) {
        this.drops[input] = (this.drops[input] as number) + 1;
      }
    }
    return passed;
  }

  /** The 16-bit drop counter of `input` (0..19). */
  dropCounter(input: number): number {
    return this.drops[input] as number;
  }

  /** The 24-bit event counter of `output` (0..11). */
  eventCounter(output: number): number {
    return this.events[output] as number;
  }

  resetCounters(): void {
    this.drops.fill(0);
    this.events.fill(0);
  }

  private setNode(n: number, value: ContainerValue<typeof CrossbarNode>): void {
    this.mask[n] = value.mask;
    this.target[n] = value.target;
    this.dropEnabled[n] = value.enableDropCounter ? 1 : 0;
  }

  private setOutputConfig(value: ContainerValue<typeof CrossbarOutputConfig>): void {
    value.enableEventCounter.forEach((on, o) => (this.counterEnabled[o] = on ? 1 : 0));
  }
}
