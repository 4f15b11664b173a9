import { PPU_CYCLES } from './ppu-timing.js';
import type { PpuFaultCode } from './ppu-fault.js';
import { hex32 } from './ppu-fault.js';
import type { PpuState } from './ppu-state.js';

// The scalar data address map of the PPU (reference §4.5, §4.6, §10.8; the choices where the reference leaves
// the PPU's view open are marked). Internal memory hits are handled inline by the execution loop; everything
// else comes here.
//
// | window                     | what                                                         | cycles |
// |----------------------------|--------------------------------------------------------------|--------|
// | 0x0000_0000 … 0x0000_3FFF  | internal SRAM, 16 KiB (§4.6), big-endian                      | 1      |
// | 0x4000_0000 … 0x4001_FFFF  | external SRAM, data alias (§4.6), via the FPGA-side omnibus   | 25     |
// |                            | word 0x8000_0000 + offset / 4 (external PPU memory, §1.7)     |        |
// | 0x5000_0000 … 0x5FFF_FFFF  | external DRAM, data alias (§4.6), via the FPGA-side omnibus   | 150    |
// |                            | word 0x8400_0000 + offset / 4 (PPU DRAM, §1.7)                |        |
// | 0x8000_0000 … 0xFFFF_FFFF  | on-chip omnibus (bit 31, `ppu_omnibus_chip`, §4.5): word      | 25     |
// |                            | accesses only, omnibus word address = (EA & 0x7FFF_FFFF) / 4  |        |
// |                            | (twin choice: the PPU issues byte addresses to a word bus)    |        |
//
// External memory takes byte, halfword and word accesses (aligned to their size); a sub-word store reads the
// omnibus word, merges the bytes and writes it back, since the omnibus moves whole words.
//
// So firmware reads neuron n's spike counter (SpikeCounterRead, §1.8) with `lwz` from
// 0x8000_0000 | (omnibus address · 4), and resets it or the neuron (SpikeCounterReset, NeuronReset) with `stw`
// there; the chip serves these registers on its omnibus, so no separate path is needed. The DRAM window at
// 0x9000_0000 of §4.6 overlaps the omnibus window and is reached only through its data alias.

/** Bytes of internal memory (§4.6). */
export const INTERNAL_MEMORY_BYTES = 16 * 1024;
/** Data alias of the external SRAM (§4.6) and its size. */
export const EXTERNAL_SRAM_ALIAS = 0x4000_0000;
export const EXTERNAL_SRAM_BYTES = 128 * 1024;
/** Where the chip's omnibus serves the external PPU memory (§1.7, FPGA side). */
export const EXTERNAL_SRAM_OMNIBUS = 0x8000_0000;
/** Data alias of the external DRAM (§4.6), 256 MiB. */
export const EXTERNAL_DRAM_ALIAS = 0x5000_0000;
export const EXTERNAL_DRAM_BYTES = 256 * 1024 * 1024;
/** Where the chip's omnibus serves the PPU DRAM (§1.7, FPGA side): words 0x8400_0000 … 0x87FF_FFFF. */
export const EXTERNAL_DRAM_OMNIBUS = 0x8400_0000;

/** Reads byte `ea` (0 ≤ ea < 16 KiB) of big-endian word memory. */
export function readByte(memory: Uint32Array, ea: number): number {
  return (memory[ea >>> 2]! >>> ((~ea & 3) << 3)) & 0xff;
}

/** Writes byte `ea` (0 ≤ ea < 16 KiB) of big-endian word memory. */
export function writeByte(memory: Uint32Array, ea: number, value: number): void {
  const shift = (~ea & 3) << 3;
  memory[ea >>> 2] = (memory[ea >>> 2]! & ~(0xff << shift)) | ((value & 0xff) << shift);
}

/** The `size`-byte big-endian field at `ea` within the word `word` (ea aligned to `size`). */
function extract(word: number, ea: number, size: number): number {
  if (size === 4) return word | 0;
  const shift = (4 - size - (ea & 3)) << 3;
  return (word >>> shift) & (size === 1 ? 0xff : 0xffff);
}

/** `word` with the `size`-byte field at `ea` replaced by `value`. */
function insert(word: number, ea: number, size: number, value: number): number {
  if (size === 4) return value | 0;
  const shift = (4 - size - (ea & 3)) << 3;
  const mask = (size === 1 ? 0xff : 0xffff) << shift;
  return (word & ~mask) | ((value << shift) & mask);
}

/** Halts the core with an access fault at instruction `pc`. */
export function accessFault(state: PpuState, code: PpuFaultCode, pc: number, ea: number, why: string): void {
  state.halt({ code, pc, address: ea >>> 0, message: `${why} at ${hex32(ea)} (instruction at ${hex32(pc)})` });
}

/** Where a scalar access goes: an omnibus word address (≥ 0), or a fault (halts, returns −1). */
function route(state: PpuState, ea: number, size: number, pc: number): number {
  const address = ea >>> 0;
  if (address % size !== 0) {
    accessFault(state, 'misaligned-access', pc, address, `${size}-byte access not aligned to ${size}`);
    return -1;
  }
  if (address < INTERNAL_MEMORY_BYTES) return -2;
  if (address >= EXTERNAL_SRAM_ALIAS && address < EXTERNAL_SRAM_ALIAS + EXTERNAL_SRAM_BYTES) {
    state.accessCycles = PPU_CYCLES.externalSramScalar;
    return EXTERNAL_SRAM_OMNIBUS + ((address - EXTERNAL_SRAM_ALIAS) >>> 2);
  }
  if (address >= EXTERNAL_DRAM_ALIAS && address < EXTERNAL_DRAM_ALIAS + EXTERNAL_DRAM_BYTES) {
    state.accessCycles = PPU_CYCLES.externalDramScalar;
    return EXTERNAL_DRAM_OMNIBUS + ((address - EXTERNAL_DRAM_ALIAS) >>> 2);
  }
  if (address >= 0x8000_0000) {
    if (size !== 4) {
      accessFault(state, 'unsupported-access', pc, address, `${size}-byte omnibus access (word accesses only)`);
      return -1;
    }
    state.accessCycles = PPU_CYCLES.omnibusScalar;
    return (address & 0x7fff_ffff) >>> 2;
  }
  accessFault(state, 'out-of-range-access', pc, address, 'access outside internal memory (0..0x3fff) and every external window');
  return -1;
}

/**
 * A scalar load the loop could not serve inline: `size` bytes at `ea`, zero-extended. On a fault the core is
 * halted and the result is 0; the caller checks `state.fault`. `state.accessCycles` gets the access's cost.
 */
export function loadSlow(state: PpuState, ea: number, size: 1 | 2 | 4, pc: number): number {
  state.accessCycles = PPU_CYCLES.scalar;
  const target = route(state, ea, size, pc);
  if (target === -1) return 0;
  if (target === -2) return extract(state.bus.memory[ea >>> 2]!, ea, size);
  try {
    return extract(state.bus.omnibusRead(target), ea, size);
  } catch (error) {
    accessFault(state, 'bus-error', pc, ea, `omnibus read of ${hex32(target)} failed: ${(error as Error).message}`);
    return 0;
  }
}

/** The store counterpart of `loadSlow`; sub-word stores to external SRAM or DRAM read, merge and write the word. */
export function storeSlow(state: PpuState, ea: number, size: 1 | 2 | 4, value: number, pc: number): void {
  state.accessCycles = PPU_CYCLES.scalar;
  const target = route(state, ea, size, pc);
  if (target === -1) return;
  const memory = state.bus.memory;
  if (target === -2) {
    memory[ea >>> 2] = insert(memory[ea >>> 2]!, ea, size, value);
    return;
  }
  try {
    state.bus.omnibusWrite(target, (size === 4 ? value : insert(state.bus.omnibusRead(target), ea, size, value)) >>> 0);
  } catch (error) {
    accessFault(state, 'bus-error', pc, ea, `omnibus write of ${hex32(target)} failed: ${(error as Error).message}`);
  }
}
