import { SynapseDriverConfig, SynapseQuad, type ChangeSet, type Chip, type ContainerValue, type PADIEvent } from '@bss2/regs';
import { BackgroundSources } from './background-source.js';
import { Crossbar, crossbarInputs, crossbarOutputs } from './crossbar.js';
import { NeuronBackends } from './neuron-backend.js';
import { PADIBusses } from './padi-bus.js';
import { checkCycle, checkIndex } from './router-error.js';
import type { RouterSink } from './router-sink.js';
import { PLAN_FIELDS, RowEventPlans } from './row-event-plan.js';
import { SynapseDrivers } from './synapse-driver.js';
import { SynapseLabelIndex } from './synapse-label-index.js';

// The digital event path of reference §1.2–§1.6, composed: neuron backend → crossbar → PADI bus → synapse
// driver → synapse label match, plus the FPGA (L2) and background inputs and the PADIEvent trigger. Every
// event is handled with plain integer arithmetic on typed arrays; nothing is allocated per event (a PADI
// event replays the row-event plan of its bus and label, row-event-plan.ts).

const neurons = 512;
const maxLabel = 0xffff;
const neuronLabelMask = 0x3fff;
const padiLabelMask = 0x7ff;
const l2Input = 8;
const backgroundInput = 12;
const padiOutputs = 8;
const spl1Shift = 14;
const rowSelectShift = 6;
const rowsPerSynram = 256;
const bussesPerBlock = 4;

/** The chip's event router; delivers to a `RouterSink`. Starts in the register reset state. */
export class EventRouter {
  private readonly crossbar = new Crossbar();
  private readonly busses = new PADIBusses();
  private readonly drivers = new SynapseDrivers();
  private readonly labels = new SynapseLabelIndex();
  private readonly backends = new NeuronBackends();
  private readonly background = new BackgroundSources();
  private readonly plans = new RowEventPlans(this.drivers, this.labels);

  constructor(private readonly sink: RouterSink) {}

  /**
   * Re-reads the router's registers that `changed` names from `chip` (CrossbarNode, CrossbarOutputConfig,
   * CommonPADIBusConfig, SynapseDriverConfig, SynapseQuad labels, NeuronBackendConfig, BackgroundSpikeSource);
   * `cycle` (an integer) is when the writes took effect, which times background enable edges (§1.6).
   */
  configure(chip: Chip, changed: ChangeSet, cycle: number): void {
    checkCycle('cycle', cycle, true);
    this.crossbar.configure(chip, changed);
    this.busses.configure(chip, changed);
    this.drivers.configure(chip, changed);
    this.labels.configure(chip, changed);
    if (changed.has(SynapseDriverConfig) || changed.has(SynapseQuad)) this.plans.clear();
    this.backends.configure(chip, changed);
    this.background.configure(chip, changed, cycle);
  }

  /** Neuron `neuron` (AtomicNeuronOnDLS, 0..511) fired at `cycle` (§1.4 step 1). */
  neuronSpike(neuron: number, cycle: number): void {
    checkIndex('neuron', neuron, neurons - 1);
    const label = this.backends.labelOf(neuron);
    if (label >= 0) this.inject(NeuronBackends.eventOutputOf(neuron), label, cycle);
  }

  /** A spike from the FPGA: enters crossbar input 8 + SPL1 address (label bits 14–15) with its NeuronLabel. */
  fpgaSpike(label: number, cycle: number): void {
    checkIndex('label', label, maxLabel);
    this.inject(l2Input + (label >>> spl1Shift), label & neuronLabelMask, cycle);
  }

  /**
   * A PADIEvent trigger write on `block` (0..1, §1.5): address (rowSelectAddress << 6) | eventAddress on each
   * bus i with fireBus[i], straight onto the bus (no crossbar, no enableSpl1 gate).
   */
  padiEvent(block: number, value: ContainerValue<typeof PADIEvent>, cycle: number): void {
    checkIndex('block', block, 1);
    const label = (value.rowSelectAddress << rowSelectShift) | value.eventAddress;
    for (let bus = 0; bus < bussesPerBlock; bus++) {
      if (value.fireBus[bus] === true) this.deliver(block * bussesPerBlock + bus, label, cycle);
    }
  }

  /** Earliest pending background spike time (Infinity if none). */
  nextBackgroundCycle(): number {
    const b = this.background.earliest();
    return b < 0 ? Infinity : this.background.nextCycle(b);
  }

  /** Routes every background spike with time ≤ `cycle`, in time order (ties: by source index). */
  emitBackgroundUntil(cycle: number): void {
    checkCycle('cycle', cycle, false);
    const background = this.background;
    for (;;) {
      const b = background.earliest();
      if (b < 0) return;
      const at = background.nextCycle(b);
      if (at > cycle) return;
      this.inject(backgroundInput + b, background.fire(b), at);
    }
  }

  /** Drop counter of crossbar input `input` (0..19): 16 bit, wraps (§1.2). */
  dropCounter(input: number): number {
    return this.crossbar.dropCounter(checkIndex('input', input, crossbarInputs - 1));
  }

  /** Event counter of crossbar output `output` (0..11): 24 bit, wraps (§1.2). */
  eventCounter(output: number): number {
    return this.crossbar.eventCounter(checkIndex('output', output, crossbarOutputs - 1));
  }

  resetCounters(): void {
    this.crossbar.resetCounters();
  }

  /** An event with NeuronLabel `label` on crossbar `input`: fan out to every passed output (§1.2). */
  private inject(input: number, label: number, cycle: number): void {
    let passed = this.crossbar.route(input, label);
    while (passed !== 0) {
      const bit = passed & -passed;
      passed ^= bit;
      const output = 31 - Math.clz32(bit);
      if (output < padiOutputs) {
        if (this.busses.spl1Enabled[output] === 1) this.deliver(output, label & padiLabelMask, cycle);
      } else {
        this.sink.l2Event(((output - padiOutputs) << spl1Shift) | label, cycle);
      }
    }
  }

  /** An 11-bit PADI label on chip-wide bus `bus` (0..7): every accepting driver, both rows (§1.4 steps 3–5). */
  private deliver(bus: number, label: number, cycle: number): void {
    const plans = this.plans;
    const from = plans.startOf(bus, label);
    const to = plans.endOf(bus, label);
    const e = plans.entries;
    for (let i = from; i < to; i += PLAN_FIELDS) {
      const row = e[i] as number;
      const columns = this.labels.matches(row, e[i + 2] as number);
      this.sink.synapseRowEvent(Math.floor(row / rowsPerSynram), row % rowsPerSynram, columns, columns.length, e[i + 1] as number, e[i + 3] as number, cycle);
    }
  }
}
