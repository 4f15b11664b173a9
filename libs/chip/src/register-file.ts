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

export class RegisterFile {
  private state = new Chip();
  /** Instances written since the physics last took the changes. */
  readonly changes = ChangeSet.all();
  readonly externalPpuMemory = new Uint32Array(EXTERNAL_PPU_MEMORY_WORDS);
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

  /** Back to the power-on state: every register at its reset value, external memory cleared. */
  reset(): void {
    this.state = new Chip();
    this.externalPpuMemory.fill(0);
    this.changes.markAll();
  }
}

function externalIndex(address: number): number | undefined {
  const offset = address - EXTERNAL_PPU_MEMORY_BASE;
  return offset >= 0 && offset < EXTERNAL_PPU_MEMORY_WORDS ? offset : undefined;
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
