import { addressToContainer, ChangeSet, Chip, type AnyContainer } from '@bss2/regs';
import { ChipError, hex } from './chip-error.js';

// The chip's omnibus target (reference §1.7, §5.4): decodes each word written into the regs container it
// belongs to. `config` containers live in a regs `Chip` (the register state the physics reads, ARCHITECTURE.md
// "the one rule"); status registers, triggers and run control are answered by handlers that the chip twin
// registers for their container type. Every write is validated against the container's field table, so an
// illegal bit pattern is a typed error and never reaches the physics.

/** Handles a non-`config` container: `read` answers a status read, `write` performs a trigger/control write. */
export interface RegisterHandler {
  read?(instance: number): unknown;
  write?(instance: number, value: unknown): void;
}

/** FPGA-side memory behind bit 31 (reference §1.7): the 128 KiB external PPU SRAM. */
const EXTERNAL_PPU_MEMORY_BASE = 0x8000_0000;
export const EXTERNAL_PPU_MEMORY_WORDS = (128 * 1024) / 4;
/**
 * The 256 MiB PPU DRAM on the FPGA-side omnibus (§1.7 "PPU DRAM 0x8400_0000", size from §4.6): word addresses
 * 0x8400_0000 … 0x87FF_FFFF. §1.7 also names "vector generators 0x8400_0000 / 0x8400_1000"; the twin models no
 * vector generators, so the whole range is DRAM.
 */
const PPU_DRAM_BASE = 0x8400_0000;
export const PPU_DRAM_WORDS = (256 * 1024 * 1024) / 4;
/** Words per DRAM page; a page is allocated when a nonzero word is first written into it. */
export const PPU_DRAM_PAGE_WORDS = 16 * 1024;

/**
 * The PPU DRAM, held sparsely so that a twin costs no 256 MiB up front: untouched words read 0, and writing 0
 * where no page exists allocates nothing (the page would read 0 anyway).
 */
export class PpuDram {
  private readonly pages = new Map<number, Uint32Array>();

  /** Pages allocated: how much of the DRAM the twin actually holds. */
  get pageCount(): number {
    return this.pages.size;
  }

  /** Word `index` (0 ≤ index < PPU_DRAM_WORDS). */
  read(index: number): number {
    return this.pages.get(Math.floor(index / PPU_DRAM_PAGE_WORDS))?.[index % PPU_DRAM_PAGE_WORDS] ?? 0;
  }

  /** Writes word `index`, merging by `byteEnables` like every omnibus write. */
  write(index: number, data: number, byteEnables: number): void {
    const pageNumber = Math.floor(index / PPU_DRAM_PAGE_WORDS);
    let page = this.pages.get(pageNumber);
    const value = mergeBytes(page?.[index % PPU_DRAM_PAGE_WORDS] ?? 0, data, byteEnables);
    if (page === undefined) {
      if (value === 0) return;
      page = new Uint32Array(PPU_DRAM_PAGE_WORDS);
      this.pages.set(pageNumber, page);
    }
    page[index % PPU_DRAM_PAGE_WORDS] = value;
  }

  /** Drops every page: all words read 0 again. */
  clear(): void {
    this.pages.clear();
  }
}

export class RegisterFile {
  private state = new Chip();
  /** Instances written since the physics last took the changes. */
  readonly changes = ChangeSet.all();
  readonly externalPpuMemory = new Uint32Array(EXTERNAL_PPU_MEMORY_WORDS);
  readonly ppuDram = new PpuDram();
  private readonly handlers = new Map<AnyContainer, RegisterHandler>();

  /** The static configuration (what a read of a `config` container returns). */
  get chip(): Chip {
    return this.state;
  }

  handle(type: AnyContainer, handler: RegisterHandler): void {
    this.handlers.set(type, handler);
  }

  write(address: number, data: number, byteEnables = 0xf): void {
    const external = externalIndex(address);
    if (external !== undefined) {
      const old = this.externalPpuMemory[external] as number;
      this.externalPpuMemory[external] = mergeBytes(old, data, byteEnables);
      return;
    }
    const dram = dramIndex(address);
    if (dram !== undefined) return this.ppuDram.write(dram, data, byteEnables);
    const owner = owning(address);
    const type = owner.container;
    if (type.kind === 'config') {
      const old = this.chip.word(type, owner.coord, owner.word);
      this.chip.setWord(type, owner.coord, owner.word, mergeBytes(old, data, byteEnables));
      const checked = type.tryDecode(this.chip.instanceWords(type, owner.coord));
      if (!checked.ok) {
        this.chip.setWord(type, owner.coord, owner.word, old);
        throw invalid(type, address, checked.error.message);
      }
      this.changes.add(type, owner.coord);
      return;
    }
    const handler = this.handlers.get(type);
    if (handler?.write === undefined) {
      throw new ChipError('read-only', `${type.name} at ${hex(address)} is a ${type.kind} register and cannot be written`, {
        value: address,
        container: type.name,
      });
    }
    if (type.words !== 1) throw new ChipError('unsupported-instruction', `multi-word ${type.name} writes are not modelled`);
    const decoded = type.tryDecode([data & (type.mask[0] as number)]);
    if (!decoded.ok) throw invalid(type, address, decoded.error.message);
    handler.write(owner.coord, decoded.value);
  }

  read(address: number): number {
    const external = externalIndex(address);
    if (external !== undefined) return this.externalPpuMemory[external] as number;
    const dram = dramIndex(address);
    if (dram !== undefined) return this.ppuDram.read(dram);
    const owner = owning(address);
    const type = owner.container;
    if (!type.readable) {
      throw new ChipError('unreadable', `${type.name} at ${hex(address)} cannot be read back (reference §5.6)`, {
        value: address,
        container: type.name,
      });
    }
    if (type.kind === 'config') return this.chip.word(type, owner.coord, owner.word);
    const handler = this.handlers.get(type);
    if (handler?.read === undefined) {
      throw new ChipError('unreadable', `${type.name} at ${hex(address)} has no read-back in the twin`, { value: address, container: type.name });
    }
    return type.encode(handler.read(owner.coord) as never)[owner.word] as number;
  }

  /** Back to the power-on state: every register at its reset value, external SRAM and DRAM cleared. */
  reset(): void {
    this.state = new Chip();
    this.externalPpuMemory.fill(0);
    this.ppuDram.clear();
    this.changes.markAll();
  }
}

function externalIndex(address: number): number | undefined {
  const offset = address - EXTERNAL_PPU_MEMORY_BASE;
  return offset >= 0 && offset < EXTERNAL_PPU_MEMORY_WORDS ? offset : undefined;
}

function dramIndex(address: number): number | undefined {
  const offset = address - PPU_DRAM_BASE;
  return offset >= 0 && offset < PPU_DRAM_WORDS ? offset : undefined;
}

function owning(address: number): NonNullable<ReturnType<typeof addressToContainer>> {
  const owner = addressToContainer(address);
  if (owner === undefined) {
    throw new ChipError('unknown-address', `no register at omnibus address ${hex(address)} (docs/registers.md lists the map)`, {
      value: address,
    });
  }
  return owner;
}

function invalid(type: AnyContainer, address: number, why: string): ChipError {
  return new ChipError('invalid-value', `${type.name} at ${hex(address)}: ${why}`, { value: address, container: type.name });
}

/** Byte enables select which bytes of `data` replace those of `old` (bit i = byte i, LSB first). */
function mergeBytes(old: number, data: number, byteEnables: number): number {
  if (byteEnables === 0xf) return data >>> 0;
  let mask = 0;
  for (let b = 0; b < 4; b++) if ((byteEnables >> b) & 1) mask |= 0xff << (8 * b);
  return ((old & ~mask) | (data & mask)) >>> 0;
}
