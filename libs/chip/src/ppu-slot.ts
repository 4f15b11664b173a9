import { AtomicNeuronOnDLS, PPUMemoryWordOnDLS } from '@bss2/coords';
import { faultNumber, PpuCore, type PpuFault } from '@bss2/ppu';
import { PPUControlRegister, PPUMemoryWord, PPUStatusRegister, type ContainerValue } from '@bss2/regs';
import type { ChipTwin } from './chip-twin.js';
import type { PlasticityPort, PlasticityProcessor } from './plasticity-port.js';
import { readSynapseRow, writeSynapseRow } from './synapse-rows.js';

type Control = ContainerValue<typeof PPUControlRegister>;
type Status = ContainerValue<typeof PPUStatusRegister>;

const PPU_MEMORY_WORDS = 4096;

/**
 * One PPU of the chip (reference §4.8): its control register, the processor (libs/ppu's instruction-set
 * simulator unless a test attaches another) and the port through which the processor reaches its hemisphere.
 * Setting PPUControlRegister.inhibitReset starts the program at address 0, clearing it holds the core in reset;
 * PPUStatusRegister reports the end of the program and, as a twin extension, why a core halted.
 */
export class PpuSlot implements PlasticityPort {
  private processor: PlasticityProcessor = new PpuCore();
  control: Control = PPUControlRegister.defaults();

  constructor(
    private readonly twin: ChipTwin,
    readonly ppu: 0 | 1,
  ) {}

  /** Replaces the processor (a test double, or a core with an instruction budget). */
  attach(processor: PlasticityProcessor): void {
    this.processor.reset();
    this.processor = processor;
    if (this.control.inhibitReset) processor.start(this);
  }

  /** The attached processor, for inspection (registers, fault message) in tools and tests. */
  get core(): PlasticityProcessor {
    return this.processor;
  }

  get running(): boolean {
    return this.processor.running;
  }

  /**
   * PPUStatusRegister: a faulted core stopped too, so `sleep` is set with the fault (regs README item 7): a
   * host that polls only `sleep` sees the end of the program and never waits forever.
   */
  get status(): Status {
    const fault: PpuFault | undefined = this.processor.fault;
    return { sleep: this.processor.sleeping || fault !== undefined, fault: faultNumber(fault) };
  }

  setControl(value: Control): void {
    const starting = value.inhibitReset && !this.control.inhibitReset;
    const stopping = !value.inhibitReset && this.control.inhibitReset;
    this.control = value;
    if (starting) this.processor.start(this);
    if (stopping) this.processor.reset();
  }

  resetCore(): void {
    this.control = PPUControlRegister.defaults();
    this.processor.reset();
  }

  runUntil(cycle: number): void {
    if (this.processor.running) this.processor.runUntil(cycle, this);
  }

  /** Brings the chip up to the processor's time before an access that sees the analog core or the registers. */
  private catchUp(): void {
    this.twin.catchUp(this.processor.fpgaCycle);
  }

  // PlasticityPort
  get now(): number {
    return this.twin.now;
  }

  get memory(): Uint32Array {
    const first = PPUMemoryWordOnDLS(this.ppu * PPU_MEMORY_WORDS);
    return this.twin.registers.chip.typeWords(PPUMemoryWord).subarray(first, first + PPU_MEMORY_WORDS);
  }

  readSynapseWeights(row: number, out: Uint8Array): void {
    readSynapseRow(this.twin.registers.chip, this.ppu, row, 'weights', out);
  }

  writeSynapseWeights(row: number, values: Uint8Array, mask?: Uint8Array): void {
    writeSynapseRow(this.twin.registers.chip, this.twin.registers.changes, this.ppu, row, 'weights', values, mask);
  }

  readSynapseLabels(row: number, out: Uint8Array): void {
    readSynapseRow(this.twin.registers.chip, this.ppu, row, 'labels', out);
  }

  writeSynapseLabels(row: number, values: Uint8Array, mask?: Uint8Array): void {
    writeSynapseRow(this.twin.registers.chip, this.twin.registers.changes, this.ppu, row, 'labels', values, mask);
  }

  readCadcRow(type: number, row: number, out: Uint8Array): void {
    this.catchUp();
    this.twin.analog.cadcSampleRow(this.ppu, type, row, out);
  }

  resetCorrelation(row: number, mask?: Uint8Array): void {
    this.catchUp();
    if (mask === undefined) this.twin.analog.resetCorrelation(this.ppu, row);
    else this.twin.analog.resetCorrelationColumns(this.ppu, row, mask);
  }

  spikeCounter(column: number): number {
    this.catchUp();
    return this.twin.analog.spikeCounter(AtomicNeuronOnDLS(this.ppu * 256 + column));
  }

  resetSpikeCounter(column: number): void {
    this.catchUp();
    this.twin.analog.resetSpikeCounter(AtomicNeuronOnDLS(this.ppu * 256 + column));
  }

  omnibusRead(address: number): number {
    this.catchUp();
    return this.twin.registers.read(address);
  }

  omnibusWrite(address: number, value: number): void {
    this.catchUp();
    this.twin.registers.write(address, value);
  }
}
