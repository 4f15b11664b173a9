import { AtomicNeuronOnDLS, PPUMemoryWordOnDLS } from '@bss2/coords';
import { PPUControlRegister, PPUMemoryWord, type ContainerValue } from '@bss2/regs';
import type { ChipTwin } from './chip-twin.js';
import type { PlasticityPort, PlasticityProcessor } from './plasticity-port.js';
import { readSynapseRow, writeSynapseRow } from './synapse-rows.js';

type Control = ContainerValue<typeof PPUControlRegister>;

const PPU_MEMORY_WORDS = 4096;

/**
 * One PPU position of the chip: its control register, the attached processor (if any) and the port through
 * which the processor reaches its hemisphere. Without a processor the control register is stored and the
 * status reads "not asleep", as a PPU whose program never finishes.
 */
export class PpuSlot implements PlasticityPort {
  private processor: PlasticityProcessor | undefined;
  control: Control = PPUControlRegister.defaults();

  constructor(
    private readonly twin: ChipTwin,
    readonly ppu: 0 | 1,
  ) {}

  attach(processor: PlasticityProcessor): void {
    this.processor = processor;
    if (this.control.inhibitReset) processor.start(this);
  }

  get running(): boolean {
    return this.processor?.running ?? false;
  }

  get sleeping(): boolean {
    return this.processor?.sleeping ?? false;
  }

  setControl(value: Control): void {
    const starting = value.inhibitReset && !this.control.inhibitReset;
    const stopping = !value.inhibitReset && this.control.inhibitReset;
    this.control = value;
    if (starting) this.processor?.start(this);
    if (stopping) this.processor?.reset();
  }

  resetCore(): void {
    this.control = PPUControlRegister.defaults();
    this.processor?.reset();
  }

  runUntil(cycle: number): void {
    if (this.processor?.running === true) this.processor.runUntil(cycle, this);
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
    this.twin.syncConfiguration();
    this.twin.analog.cadcSampleRow(this.ppu, type, row, out);
  }

  resetCorrelation(row: number): void {
    this.twin.analog.resetCorrelation(this.ppu, row);
  }

  spikeCounter(column: number): number {
    return this.twin.analog.spikeCounter(AtomicNeuronOnDLS(this.ppu * 256 + column));
  }

  resetSpikeCounter(column: number): void {
    this.twin.analog.resetSpikeCounter(AtomicNeuronOnDLS(this.ppu * 256 + column));
  }

  omnibusRead(address: number): number {
    return this.twin.registers.read(address);
  }

  omnibusWrite(address: number, value: number): void {
    this.twin.registers.write(address, value);
  }
}
