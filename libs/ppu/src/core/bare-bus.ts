import type { PpuBus } from './ppu-bus.js';
import { EXTERNAL_DRAM_BYTES, EXTERNAL_DRAM_OMNIBUS, EXTERNAL_SRAM_BYTES, EXTERNAL_SRAM_OMNIBUS } from './memory-map.js';
import { MEMORY_WORDS } from './decode-cache.js';
import { hex32 } from './ppu-fault.js';

/** Omnibus words of the external DRAM (§4.6, 256 MiB). */
const DRAM_WORDS = EXTERNAL_DRAM_BYTES / 4;
/** Words per DRAM page; a page is allocated when a nonzero word is first written into it. */
const DRAM_PAGE_WORDS = 16 * 1024;

/**
 * A PPU without a chip around it (the bare runner, `bss2 ppu run`): internal memory, the 128 KiB external SRAM
 * and the 256 MiB external DRAM (§4.6) at the FPGA-side omnibus words where the chip serves them (0x8000_0000,
 * 0x8400_0000, §1.7), nothing else. The DRAM is sparse, as in libs/chip's register file: untouched words read
 * 0. Every synapse, CADC, counter or register access throws, which the core turns into a `bus-error` fault
 * naming the access.
 */
export class BareBus implements PpuBus {
  readonly ppu = 0;
  /** FPGA time the bare PPU starts at; the bare runner leaves it at 0. */
  now = 0;
  readonly memory = new Uint32Array(MEMORY_WORDS);
  readonly externalMemory = new Uint32Array(EXTERNAL_SRAM_BYTES / 4);
  /** DRAM pages by page number; absent pages read 0. */
  readonly dramPages = new Map<number, Uint32Array>();

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
    const dram = address - EXTERNAL_DRAM_OMNIBUS;
    if (dram >= 0 && dram < DRAM_WORDS) return this.dramPages.get(Math.floor(dram / DRAM_PAGE_WORDS))?.[dram % DRAM_PAGE_WORDS] ?? 0;
    return this.externalMemory[this.externalIndex(address)]!;
  }

  omnibusWrite(address: number, value: number): void {
    const dram = address - EXTERNAL_DRAM_OMNIBUS;
    if (dram >= 0 && dram < DRAM_WORDS) return this.writeDram(dram, value);
    this.externalMemory[this.externalIndex(address)] = value;
  }

  private writeDram(index: number, value: number): void {
    const pageNumber = Math.floor(index / DRAM_PAGE_WORDS);
    let page = this.dramPages.get(pageNumber);
    if (page === undefined) {
      if (value === 0) return;
      page = new Uint32Array(DRAM_PAGE_WORDS);
      this.dramPages.set(pageNumber, page);
    }
    page[index % DRAM_PAGE_WORDS] = value;
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
