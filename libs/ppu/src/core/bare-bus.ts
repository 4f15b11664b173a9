import type { PpuBus } from './ppu-bus.js';
import { EXTERNAL_SRAM_BYTES, EXTERNAL_SRAM_OMNIBUS } from './memory-map.js';
import { MEMORY_WORDS } from './decode-cache.js';
import { hex32 } from './ppu-fault.js';

/**
 * A PPU without a chip around it (the bare runner, `bss2 ppu run`): internal memory and the 128 KiB external
 * SRAM (§4.6), nothing else. Every synapse, CADC, counter or register access throws, which the core turns into
 * a `bus-error` fault naming the access.
 */
export class BareBus implements PpuBus {
  readonly ppu = 0;
  /** FPGA time the bare PPU starts at; the bare runner leaves it at 0. */
  now = 0;
  readonly memory = new Uint32Array(MEMORY_WORDS);
  readonly externalMemory = new Uint32Array(EXTERNAL_SRAM_BYTES / 4);

  readSynapseWeights(_row: number, _out: Uint8Array): void {
    throw noChip('synapse weights');
  }
  writeSynapseWeights(_row: number, _values: Uint8Array, _mask?: Uint8Array): void {
    throw noChip('synapse weights');
  }
  readSynapseLabels(_row: number, _out: Uint8Array): void {
    throw noChip('synapse labels');
  }
  writeSynapseLabels(_row: number, _values: Uint8Array, _mask?: Uint8Array): void {
    throw noChip('synapse labels');
  }
  readCadcRow(_type: number, _row: number, _out: Uint8Array): void {
    throw noChip('the CADC');
  }
  resetCorrelation(_row: number): void {
    throw noChip('correlation reset');
  }
  spikeCounter(_column: number): number {
    throw noChip('spike counters');
  }
  resetSpikeCounter(_column: number): void {
    throw noChip('spike counters');
  }

  omnibusRead(address: number): number {
    return this.externalMemory[this.externalIndex(address)]!;
  }

  omnibusWrite(address: number, value: number): void {
    this.externalMemory[this.externalIndex(address)] = value;
  }

  private externalIndex(address: number): number {
    const index = address - EXTERNAL_SRAM_OMNIBUS;
    if (index < 0 || index >= this.externalMemory.length) throw noChip(`omnibus address ${hex32(address)}`);
    return index;
  }
}

function noChip(what: string): Error {
  return new Error(`a bare PPU has no chip: ${what} cannot be reached`);
}
